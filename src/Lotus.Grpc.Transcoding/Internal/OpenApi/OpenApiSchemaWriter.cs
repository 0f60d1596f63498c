using System.Text.Json;
using Google.Protobuf.Reflection;

namespace Lotus.Grpc.Transcoding.Internal.OpenApi;

/// <summary>
/// JSON Schemas (OpenAPI 3.0 dialect) of protobuf messages under their proto JSON mapping with proto
/// field names: one component per message, named by its full name; well-known types inline.
/// </summary>
internal sealed class OpenApiSchemaWriter
{
    private readonly SortedDictionary<string, MessageDescriptor> messages = new(StringComparer.Ordinal);

    public static string RefOf(MessageDescriptor message) => "#/components/schemas/" + message.FullName;

    /// <summary>Collects a message and everything it references.</summary>
    public void Add(MessageDescriptor message)
    {
        if (IsWellKnown(message) || messages.ContainsKey(message.FullName))
        {
            return;
        }

        messages[message.FullName] = message;
        foreach (var field in message.Fields.InDeclarationOrder())
        {
            if (field.IsMap)
            {
                var value = field.MessageType.FindFieldByNumber(2);
                if (value.FieldType == FieldType.Message)
                {
                    Add(value.MessageType);
                }
            }
            else if (field.FieldType == FieldType.Message)
            {
                Add(field.MessageType);
            }
        }
    }

    public void WriteComponents(Utf8JsonWriter writer)
    {
        writer.WriteStartObject("schemas");
        foreach (var (name, message) in messages)
        {
            writer.WriteStartObject(name);
            writer.WriteString("type", "object");
            writer.WriteStartObject("properties");
            foreach (var field in message.Fields.InDeclarationOrder())
            {
                writer.WritePropertyName(field.Name);
                WriteField(writer, field);
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }

    public static void WriteField(Utf8JsonWriter writer, FieldDescriptor field)
    {
        if (field.IsMap)
        {
            writer.WriteStartObject();
            writer.WriteString("type", "object");
            writer.WritePropertyName("additionalProperties");
            WriteSingle(writer, field.MessageType.FindFieldByNumber(2));
            writer.WriteEndObject();
            return;
        }

        if (field.IsRepeated)
        {
            writer.WriteStartObject();
            writer.WriteString("type", "array");
            writer.WritePropertyName("items");
            WriteSingle(writer, field);
            writer.WriteEndObject();
            return;
        }

        WriteSingle(writer, field);
    }

    /// <summary>The schema of one value of the field (repetition aside).</summary>
    public static void WriteSingle(Utf8JsonWriter writer, FieldDescriptor field)
    {
        writer.WriteStartObject();
        switch (field.FieldType)
        {
            case FieldType.String:
                writer.WriteString("type", "string");
                if (StringFieldFormats.For(field) is { } format)
                {
                    writer.WriteString("format", format);
                }

                break;
            case FieldType.Bool:
                writer.WriteString("type", "boolean");
                break;
            case FieldType.Int32 or FieldType.SInt32 or FieldType.SFixed32:
                writer.WriteString("type", "integer");
                writer.WriteString("format", "int32");
                break;
            case FieldType.UInt32 or FieldType.Fixed32:
                writer.WriteString("type", "integer");
                writer.WriteString("format", "int64");
                writer.WriteNumber("minimum", 0);
                break;
            case FieldType.Int64 or FieldType.SInt64 or FieldType.SFixed64 or FieldType.UInt64 or FieldType.Fixed64:
                // proto3 JSON writes 64-bit integers as strings.
                writer.WriteString("type", "string");
                writer.WriteString("format", "int64");
                break;
            case FieldType.Double:
                writer.WriteString("type", "number");
                writer.WriteString("format", "double");
                break;
            case FieldType.Float:
                writer.WriteString("type", "number");
                writer.WriteString("format", "float");
                break;
            case FieldType.Bytes:
                writer.WriteString("type", "string");
                writer.WriteString("format", "byte");
                break;
            case FieldType.Enum:
                writer.WriteString("type", "string");
                writer.WriteStartArray("enum");
                foreach (var value in field.EnumType.Values)
                {
                    writer.WriteStringValue(value.Name);
                }

                writer.WriteEndArray();
                break;
            default:
                WriteMessage(writer, field.MessageType);
                break;
        }

        writer.WriteEndObject();
    }

    /// <summary>A message value: a $ref, or the inline schema of a well-known type.</summary>
    public static void WriteMessageSchema(Utf8JsonWriter writer, MessageDescriptor message)
    {
        writer.WriteStartObject();
        WriteMessage(writer, message);
        writer.WriteEndObject();
    }

    private static void WriteMessage(Utf8JsonWriter writer, MessageDescriptor message)
    {
        switch (message.FullName)
        {
            case "google.protobuf.Timestamp":
                writer.WriteString("type", "string");
                writer.WriteString("format", "date-time");
                return;
            case "google.protobuf.Duration" or "google.protobuf.FieldMask":
                writer.WriteString("type", "string");
                return;
            case "google.protobuf.Any":
                writer.WriteString("type", "object");
                writer.WriteStartObject("properties");
                writer.WriteStartObject("@type");
                writer.WriteString("type", "string");
                writer.WriteEndObject();
                writer.WriteEndObject();
                writer.WriteBoolean("additionalProperties", true);
                return;
            case "google.protobuf.Struct" or "google.protobuf.Empty":
                writer.WriteString("type", "object");
                return;
            case "google.protobuf.Value":
                return;
            case "google.protobuf.ListValue":
                writer.WriteString("type", "array");
                writer.WriteStartObject("items");
                writer.WriteEndObject();
                return;
        }

        if (IsWellKnown(message))
        {
            // Wrappers: the bare value, null when absent.
            WriteWrapped(writer, message.FindFieldByName("value"));
            writer.WriteBoolean("nullable", true);
            return;
        }

        writer.WriteString("$ref", RefOf(message));
    }

    private static void WriteWrapped(Utf8JsonWriter writer, FieldDescriptor value)
    {
        var (type, format) = value.FieldType switch
        {
            FieldType.Bool => ("boolean", null),
            FieldType.Int32 => ("integer", "int32"),
            FieldType.UInt32 => ("integer", "int64"),
            FieldType.Double => ("number", "double"),
            FieldType.Float => ("number", "float"),
            FieldType.Bytes => ("string", "byte"),
            FieldType.Int64 or FieldType.UInt64 => ("string", "int64"),
            _ => ("string", (string?)null),
        };
        writer.WriteString("type", type);
        if (format is not null)
        {
            writer.WriteString("format", format);
        }
    }

    public static bool IsWellKnown(MessageDescriptor message) => message.File.Package == "google.protobuf";
}

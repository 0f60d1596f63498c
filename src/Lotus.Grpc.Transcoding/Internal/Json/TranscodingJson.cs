using System.Text.Json;
using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace Lotus.Grpc.Transcoding.Internal.Json;

/// <summary>
/// The proto3 JSON mapping as lotus-core's REST clients see it (issue: JSON):
/// output uses the proto field names (snake_case) and writes every field, default values included
/// (lotus-core returns all fields); enums as names; int64 as strings (canonical mapping).
/// Input accepts proto names and lowerCamelCase JSON names alike (JsonParser behaviour); unknown
/// fields are rejected unless <see cref="TranscodingOptions.IgnoreUnknownFields"/> is set.
/// </summary>
internal sealed class TranscodingJson
{
    public TranscodingJson(TypeRegistry registry, bool ignoreUnknownFields)
    {
        Formatter = new JsonFormatter(JsonFormatter.Settings.Default
            .WithPreserveProtoFieldNames(true)
            .WithFormatDefaultValues(true)
            .WithTypeRegistry(registry));
        Parser = new JsonParser(JsonParser.Settings.Default
            .WithIgnoreUnknownFields(ignoreUnknownFields)
            .WithTypeRegistry(registry));
        IgnoreUnknownFields = ignoreUnknownFields;
    }

    public JsonFormatter Formatter { get; }

    public JsonParser Parser { get; }

    public bool IgnoreUnknownFields { get; }

    /// <summary>The whole message, or only the response_body field when one is selected.</summary>
    public string Format(IMessage message, FieldDescriptor? responseBodyField)
    {
        var json = Formatter.Format(message);
        if (responseBodyField is null)
        {
            return json;
        }

        // JsonFormatter has no per-field entry point: cut the field out of the formatted message.
        using var document = JsonDocument.Parse(json);
        return document.RootElement.TryGetProperty(responseBodyField.Name, out var value) ? value.GetRawText() : "null";
    }

    public static TypeRegistry CreateRegistry(IEnumerable<FileDescriptor> files) =>
        TypeRegistry.FromFiles(files.Append(Google.Rpc.ErrorDetailsReflection.Descriptor).Append(Google.Rpc.StatusReflection.Descriptor).ToArray());
}

using System.Globalization;
using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace Lotus.Grpc.Transcoding.Internal.Binding;

/// <summary>
/// Converts one path or query string to the CLR value of a protobuf field (scalar mapping of the
/// proto3 JSON spec, applied to unquoted text). Message-typed leaves are well-known types
/// (wrappers, Timestamp, Duration, FieldMask) and parse as their JSON string form.
/// </summary>
internal static class FieldValueParser
{
    public static object Parse(FieldDescriptor field, string name, string text, JsonParser parser)
    {
        try
        {
            return field.FieldType switch
            {
                FieldType.String => text,
                FieldType.Bool => text switch
                {
                    "true" => true,
                    "false" => false,
                    _ => throw new FormatException(),
                },
                FieldType.Int32 or FieldType.SInt32 or FieldType.SFixed32 => int.Parse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture),
                FieldType.Int64 or FieldType.SInt64 or FieldType.SFixed64 => long.Parse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture),
                FieldType.UInt32 or FieldType.Fixed32 => uint.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture),
                FieldType.UInt64 or FieldType.Fixed64 => ulong.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture),
                FieldType.Double => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture),
                FieldType.Float => float.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture),
                FieldType.Bytes => ByteString.FromBase64(text.Replace('-', '+').Replace('_', '/')),
                FieldType.Enum => Enum.ToObject(field.EnumType.ClrType, ParseEnum(field.EnumType, text)),
                FieldType.Message when IsWrapper(field.MessageType) => Parse(field.MessageType.FindFieldByName("value"), name, text, parser),
                FieldType.Message => parser.Parse(System.Text.Json.JsonSerializer.Serialize(text), field.MessageType),
                _ => throw new FormatException(),
            };
        }
        catch (Exception e) when (e is FormatException or OverflowException or InvalidProtocolBufferException or InvalidJsonException)
        {
            throw new RpcException(TranscodingStatuses.BadFieldValue(name, text, Describe(field)));
        }
    }

    /// <summary>Wrapper fields are nullable CLR scalars in generated code: set the bare value.</summary>
    private static bool IsWrapper(MessageDescriptor type) =>
        type.File.Package == "google.protobuf" && type.Name.EndsWith("Value", StringComparison.Ordinal)
        && type.Name is not "Value" and not "ListValue";

    private static int ParseEnum(EnumDescriptor type, string text)
    {
        var value = type.FindValueByName(text);
        if (value is not null)
        {
            return value.Number;
        }

        var number = int.Parse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        return type.FindValueByNumber(number) is not null ? number : throw new FormatException();
    }

    private static string Describe(FieldDescriptor field) => field.FieldType switch
    {
        FieldType.Enum => $"{field.EnumType.FullName} name",
        FieldType.Message => field.MessageType.FullName,
        _ => field.FieldType.ToString().ToLowerInvariant(),
    };
}

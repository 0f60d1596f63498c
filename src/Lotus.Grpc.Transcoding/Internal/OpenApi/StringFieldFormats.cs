using Google.Protobuf.Reflection;

namespace Lotus.Grpc.Transcoding.Internal.OpenApi;

/// <summary>
/// OpenAPI <c>format</c> of proto <c>string</c> fields, by naming convention, because compiled
/// descriptors carry no comments. lotus.core.v1 keeps money, quantities, prices, rates and weights in
/// strings holding invariant decimals, and business dates in "YYYY-MM-DD" strings (common.proto):
/// - <c>format: decimal</c> when the last word of the name (ignoring a trailing <c>_local</c>) is one of
///   <see cref="DecimalWords"/>, e.g. <c>amount</c>, <c>market_value_local</c>, <c>fx_rate</c>;
/// - <c>format: date</c> for <c>date</c> and names ending in <c>_date</c>;
/// - <c>format: date-time</c> for names ending in <c>_at</c>.
/// </summary>
internal static class StringFieldFormats
{
    public static readonly HashSet<string> DecimalWords = new(StringComparer.Ordinal)
    {
        "amount", "price", "quantity", "rate", "weight", "return", "value", "cost", "basis", "fee", "fees",
        "tax", "gst", "brokerage", "duty", "gain", "loss", "balance", "factor", "ratio", "proceeds",
        "deductions", "notional", "yield",
    };

    public static string? For(FieldDescriptor field)
    {
        if (field.FieldType != FieldType.String)
        {
            return null;
        }

        var name = field.Name;
        if (name == "date" || name.EndsWith("_date", StringComparison.Ordinal))
        {
            return "date";
        }

        if (name.EndsWith("_at", StringComparison.Ordinal))
        {
            return "date-time";
        }

        if (name.EndsWith("_local", StringComparison.Ordinal))
        {
            name = name[..^"_local".Length];
        }

        var lastWord = name[(name.LastIndexOf('_') + 1)..];
        return DecimalWords.Contains(lastWord) ? "decimal" : null;
    }
}

using System.Text.RegularExpressions;
using Lotus.Grpc;
using Lotus.Host.Services.Errors;

namespace Lotus.Host.Services.Ingestion;

/// <summary>
/// The caller's idempotency key: the request field or the <c>x-idempotency-key</c> metadata
/// (the REST header X-Idempotency-Key arrives as the same metadata); both given must agree.
/// Syntax of contracts §1.1.
/// </summary>
public static partial class IdempotencyKeys
{
    public const string MetadataKey = "x-idempotency-key";

    /// <summary>The key, or null when the caller sent none; INVALID_ARGUMENT when malformed.</summary>
    public static string? Resolve(string fieldValue, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var header = context.RequestHeaders.GetValue(MetadataKey);
        if (fieldValue.Length > 0 && header is { Length: > 0 } && !string.Equals(fieldValue, header, StringComparison.Ordinal))
        {
            throw RpcErrors.InvalidField("idempotency_key", $"the idempotency_key field and the {MetadataKey} metadata differ", ErrorReasons.IdempotencyKeyInvalid);
        }

        var key = fieldValue.Length > 0 ? fieldValue : header;
        if (string.IsNullOrEmpty(key))
        {
            return null;
        }

        if (!Syntax().IsMatch(key))
        {
            throw RpcErrors.InvalidField("idempotency_key", "must match ^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$", ErrorReasons.IdempotencyKeyInvalid);
        }

        return key;
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$", RegexOptions.CultureInvariant)]
    private static partial Regex Syntax();
}

namespace Lotus.Host.Services.Analytics;

/// <summary>What a page token carries: the request it belongs to, the pinned data version, the keyset cursor.</summary>
/// <param name="Fingerprint">Request fingerprint (SHA-256 hex) the token is bound to.</param>
/// <param name="DataVersion">The data version every page of the traversal reads.</param>
/// <param name="ValuationDate">Cursor: the last row's valuation date.</param>
/// <param name="SecurityId">Cursor: the last row's security (empty for the portfolio timeseries).</param>
public sealed record AnalyticsPageToken(string Fingerprint, long DataVersion, DateOnly ValuationDate, string SecurityId);

/// <summary>Why a page token was refused (ErrorInfo metadata <c>page_token_error</c>).</summary>
public static class PageTokenErrors
{
    public const string MetadataKey = "page_token_error";
    public const string Malformed = "malformed";
    public const string UnknownKey = "unknown_key";
    public const string BadSignature = "bad_signature";
    public const string Expired = "expired";
    public const string RequestMismatch = "request_mismatch";
}

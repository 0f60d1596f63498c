namespace Lotus.Host.Services.Analytics;

/// <summary>Settings of the RFC-063 analytics inputs (configuration section <c>Lotus:Analytics</c>).</summary>
public sealed class AnalyticsOptions
{
    /// <summary>Rows per page when the request names none. Defaults to 500 (contracts §3.2).</summary>
    public int DefaultPageSize { get; set; } = 500;

    /// <summary>Largest page accepted; larger requests are capped, not refused. Defaults to 5,000.</summary>
    public int MaxPageSize { get; set; } = 5000;

    /// <summary>Key id that signs new page tokens. Defaults to "local-dev".</summary>
    public string PageTokenKeyId { get; set; } = "local-dev";

    /// <summary>
    /// Page-token HMAC keys by key id; must hold <see cref="PageTokenKeyId"/>. Keep retired keys here
    /// while their tokens may still be in flight (rotation). Every server sharing a database needs the same keys.
    /// </summary>
    public IDictionary<string, byte[]> PageTokenKeys { get; } = new Dictionary<string, byte[]>(StringComparer.Ordinal);

    /// <summary>Lifetime of a page token. Defaults to 900 s (the original's default).</summary>
    public TimeSpan PageTokenLifetime { get; set; } = TimeSpan.FromSeconds(900);

    /// <summary>Business-date calendar of the resolved windows. Defaults to "GLOBAL".</summary>
    public string CalendarId { get; set; } = "GLOBAL";

    /// <summary>How long a claimed export job is owned before another runner may take it over. Defaults to 30 s.</summary>
    public TimeSpan ExportLease { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Rows an export reads per page internally. Defaults to 5,000.</summary>
    public int ExportPageSize { get; set; } = 5000;

    /// <summary>How often the export runner looks for work. Defaults to 500 ms.</summary>
    public TimeSpan ExportPollInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Options with a random signing key (tests, single-process development).</summary>
    public static AnalyticsOptions WithRandomKey()
    {
        var options = new AnalyticsOptions();
        options.PageTokenKeys[options.PageTokenKeyId] = System.Security.Cryptography.RandomNumberGenerator.GetBytes(32);
        return options;
    }
}

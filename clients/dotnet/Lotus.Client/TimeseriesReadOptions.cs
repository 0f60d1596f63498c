using Lotus.Core.V1;

namespace Lotus.Client;

/// <summary>How a timeseries reader asks for and traverses a window.</summary>
public record TimeseriesReadOptions
{
    /// <summary>True (default): one server stream; false: unary pages following next_page_token.</summary>
    public bool UseStream { get; init; } = true;

    /// <summary>Rows per page (0: the server default, 500; max 5000 — lotus-performance asks for 5000).</summary>
    public int PageSize { get; init; }

    /// <summary>Point-in-time cutoff; null: the server's default (the window end).</summary>
    public DateOnly? AsOfDate { get; init; }

    /// <summary>ISO 4217; null: the portfolio currency.</summary>
    public string? ReportingCurrency { get; init; }

    public string Frequency { get; init; } = "daily";

    /// <summary>Null: the server's default ("lotus-performance").</summary>
    public string? ConsumerSystem { get; init; }

    public string? TenantId { get; init; }

    /// <summary>"strict" (server default), "forward_fill" or "skip".</summary>
    public string? MissingObservationPolicy { get; init; }

    /// <summary>Deadline of the whole traversal; null: the client's default timeout per page or stream call.</summary>
    public DateTime? Deadline { get; init; }
}

/// <summary>Position timeseries options: the common ones plus dimensions, cash flows and filters.</summary>
public sealed record PositionTimeseriesReadOptions : TimeseriesReadOptions
{
    /// <summary>Subset of "asset_class", "sector", "country".</summary>
    public IReadOnlyList<string> Dimensions { get; init; } = [];

    /// <summary>Null: the server's default (true).</summary>
    public bool? IncludeCashFlows { get; init; }

    public PositionFilters? Filters { get; init; }
}

using System.Globalization;
using Google.Protobuf;
using Google.Rpc;
using Lotus.Core.V1;
using Lotus.Grpc;

namespace Lotus.Host.Services.Analytics;

/// <summary>
/// Validates timeseries requests into <see cref="TimeseriesQuery"/>. Every field problem is collected
/// into one INVALID_REQUEST with a BadRequest field violation each; a frequency other than daily is
/// UNSUPPORTED_CONFIGURATION (UNIMPLEMENTED). The four request messages share field numbers 1-10 (and
/// the position ones 11-13), so each is read through the position request shape.
/// </summary>
public sealed class TimeseriesRequestParser(AnalyticsOptions options)
{
    private static readonly HashSet<string> FutureFrequencies = new(StringComparer.Ordinal) { "weekly", "monthly", "quarterly" };

    public TimeseriesQuery Parse(GetPortfolioTimeseriesRequest request) => Parse(Reshape(request), positions: false);

    public TimeseriesQuery Parse(StreamPortfolioTimeseriesRequest request) => Parse(Reshape(request), positions: false);

    public TimeseriesQuery Parse(GetPositionTimeseriesRequest request) => Parse(request, positions: true);

    public TimeseriesQuery Parse(StreamPositionTimeseriesRequest request) => Parse(Reshape(request), positions: true);

    /// <summary>The position-request shape of any timeseries request (same field numbers).</summary>
    public static GetPositionTimeseriesRequest Reshape(IMessage request)
        => GetPositionTimeseriesRequest.Parser.ParseFrom(request.ToByteString());

    private TimeseriesQuery Parse(GetPositionTimeseriesRequest request, bool positions)
    {
        var product = positions ? AnalyticsVocabulary.PositionTimeseriesProduct : AnalyticsVocabulary.PortfolioTimeseriesProduct;
        var violations = new List<BadRequest.Types.FieldViolation>();
        void Violation(string field, string description) => violations.Add(new() { Field = field, Description = description });

        if (string.IsNullOrWhiteSpace(request.PortfolioId))
        {
            Violation("portfolio_id", "is required");
        }

        var asOf = ParseDate(request.AsOfDate, "as_of_date", required: true, Violation);
        DateOnly? start = null;
        DateOnly? end = null;
        var hasWindow = request.Window is not null && (request.Window.StartDate.Length > 0 || request.Window.EndDate.Length > 0);
        if (hasWindow && request.Period.Length > 0)
        {
            Violation("period", "give either window or period, not both");
        }
        else if (!hasWindow && request.Period.Length == 0)
        {
            Violation("window", "exactly one of window and period is required");
        }
        else if (hasWindow)
        {
            start = ParseDate(request.Window!.StartDate, "window.start_date", required: true, Violation);
            end = ParseDate(request.Window.EndDate, "window.end_date", required: true, Violation);
        }
        else if (!AnalyticsVocabulary.Periods.Contains(request.Period, StringComparer.Ordinal))
        {
            Violation("period", $"must be one of {string.Join(", ", AnalyticsVocabulary.Periods)}");
        }

        var reporting = request.ReportingCurrency.Length == 0 ? null : request.ReportingCurrency.ToUpperInvariant();
        if (reporting is not null && (reporting.Length != 3 || !reporting.All(char.IsAsciiLetterUpper)))
        {
            Violation("reporting_currency", "must be an ISO 4217 code");
        }

        var policy = PolicyNames.Parse(request.MissingObservationPolicy);
        if (policy is null)
        {
            Violation("missing_observation_policy", "must be one of strict, forward_fill, skip");
        }

        var pageSize = request.Page?.PageSize ?? 0;
        if (pageSize < 0)
        {
            Violation("page.page_size", "must not be negative");
        }

        pageSize = pageSize <= 0 ? options.DefaultPageSize : Math.Min(pageSize, options.MaxPageSize);

        var frequency = request.Frequency.Length == 0 ? AnalyticsVocabulary.FrequencyDaily : request.Frequency;
        var unsupportedFrequency = false;
        if (!string.Equals(frequency, AnalyticsVocabulary.FrequencyDaily, StringComparison.Ordinal))
        {
            if (FutureFrequencies.Contains(frequency))
            {
                unsupportedFrequency = true;
            }
            else
            {
                Violation("frequency", "must be daily");
            }
        }

        var dimensions = request.Dimensions.Distinct(StringComparer.Ordinal).ToList();
        foreach (var dimension in dimensions.Where(d => !AnalyticsVocabulary.Dimensions.Contains(d, StringComparer.Ordinal)))
        {
            Violation("dimensions", $"'{dimension}' is not one of {string.Join(", ", AnalyticsVocabulary.Dimensions)}");
        }

        var filters = request.Filters ?? new PositionFilters();
        var prefix = request.PortfolioId + ":";
        foreach (var positionId in filters.PositionIds.Where(p => !p.StartsWith(prefix, StringComparison.Ordinal) || p.Length == prefix.Length))
        {
            Violation("filters.position_ids", $"'{positionId}' is not a position of portfolio '{request.PortfolioId}' (<portfolio_id>:<security_id>)");
        }

        for (var i = 0; i < filters.DimensionFilters.Count; i++)
        {
            var filter = filters.DimensionFilters[i];
            if (!AnalyticsVocabulary.Dimensions.Contains(filter.Dimension, StringComparer.Ordinal))
            {
                Violation($"filters.dimension_filters[{i.ToString(CultureInfo.InvariantCulture)}].dimension", $"must be one of {string.Join(", ", AnalyticsVocabulary.Dimensions)}");
            }

            if (filter.Values.Count == 0)
            {
                Violation($"filters.dimension_filters[{i.ToString(CultureInfo.InvariantCulture)}].values", "needs at least one value");
            }
        }

        if (violations.Count > 0)
        {
            throw AnalyticsErrors.Create(AnalyticsErrorClass.InvalidRequest, "Invalid analytics request: " + string.Join("; ", violations.Select(v => $"{v.Field}: {v.Description}")), product, violations);
        }

        if (unsupportedFrequency)
        {
            throw AnalyticsErrors.Create(AnalyticsErrorClass.UnsupportedConfiguration, $"frequency '{frequency}' is not supported yet; only daily is", product);
        }

        var endpoint = positions ? AnalyticsVocabulary.PositionEndpoint : AnalyticsVocabulary.PortfolioEndpoint;
        return new TimeseriesQuery(
            positions,
            request.PortfolioId,
            asOf!.Value,
            start,
            end,
            request.Period.Length == 0 ? null : request.Period,
            reporting,
            request.ConsumerSystem.Length == 0 ? AnalyticsVocabulary.DefaultConsumerSystem : request.ConsumerSystem,
            request.TenantId,
            pageSize,
            request.Page?.PageToken ?? string.Empty,
            policy!.Value,
            dimensions,
            !request.HasIncludeCashFlows || request.IncludeCashFlows,
            filters.SecurityIds.Distinct(StringComparer.Ordinal).ToList(),
            filters.PositionIds.Distinct(StringComparer.Ordinal).ToList(),
            filters.DimensionFilters.Select(f => new DimensionFilterSpec(f.Dimension, f.Values.ToList())).ToList(),
            AnalyticsFingerprint.ForTimeseries(endpoint, request));
    }

    /// <summary>A "YYYY-MM-DD" date, or a violation.</summary>
    public static DateOnly? ParseDate(string value, string field, bool required, Action<string, string> violation)
    {
        ArgumentNullException.ThrowIfNull(violation);
        if (string.IsNullOrEmpty(value))
        {
            if (required)
            {
                violation(field, "is required (YYYY-MM-DD)");
            }

            return null;
        }

        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        violation(field, "must be a date YYYY-MM-DD");
        return null;
    }

    internal static RpcException Invalid(string field, string description, string product) => AnalyticsErrors.InvalidField(field, description, product);
}

using System.Security.Cryptography;
using System.Text;
using Google.Protobuf;
using Lotus.Core.V1;

namespace Lotus.Host.Services.Analytics;

/// <summary>
/// Request fingerprints: SHA-256 (hex) of the endpoint family and the canonical request bytes. The
/// canonical request has its page cleared (page token and size excluded), defaults filled in and its
/// lists sorted and de-duplicated, so equivalent requests agree. Protobuf writes fields in number order
/// and these messages have no maps, so the bytes are deterministic. The unary and streaming rpcs of a
/// family share the request shape and the fingerprint: a unary page token resumes a stream.
/// </summary>
public static class AnalyticsFingerprint
{
    public static string ForTimeseries(string endpoint, GetPositionTimeseriesRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var canonical = request.Clone();
        canonical.Page = null;
        canonical.Frequency = string.IsNullOrEmpty(canonical.Frequency) ? AnalyticsVocabulary.FrequencyDaily : canonical.Frequency;
        canonical.ConsumerSystem = string.IsNullOrEmpty(canonical.ConsumerSystem) ? AnalyticsVocabulary.DefaultConsumerSystem : canonical.ConsumerSystem;
        canonical.MissingObservationPolicy = string.IsNullOrEmpty(canonical.MissingObservationPolicy) ? "strict" : canonical.MissingObservationPolicy;
        canonical.ReportingCurrency = canonical.ReportingCurrency.ToUpperInvariant();
        if (!canonical.HasIncludeCashFlows)
        {
            canonical.IncludeCashFlows = true;
        }

        SortDistinct(canonical.Dimensions);
        if (canonical.Filters is { } filters)
        {
            SortDistinct(filters.SecurityIds);
            SortDistinct(filters.PositionIds);
            foreach (var filter in filters.DimensionFilters)
            {
                SortDistinct(filter.Values);
            }

            var ordered = filters.DimensionFilters.OrderBy(f => f.Dimension, StringComparer.Ordinal).ToList();
            filters.DimensionFilters.Clear();
            filters.DimensionFilters.AddRange(ordered);
            if (filters.SecurityIds.Count == 0 && filters.PositionIds.Count == 0 && filters.DimensionFilters.Count == 0)
            {
                canonical.Filters = null;
            }
        }

        return Hash(endpoint, canonical);
    }

    /// <summary>SHA-256 hex of a label and a message's bytes.</summary>
    public static string Hash(string label, IMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes(label));
        hash.AppendData([0]);
        hash.AppendData(message.ToByteArray());
        return Convert.ToHexStringLower(hash.GetCurrentHash());
    }

    /// <summary>SHA-256 hex of UTF-8 text.</summary>
    public static string HashText(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private static void SortDistinct(Google.Protobuf.Collections.RepeatedField<string> values)
    {
        var ordered = values.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        values.Clear();
        values.AddRange(ordered);
    }
}

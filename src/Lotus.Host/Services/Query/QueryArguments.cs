using Lotus.Core.V1;
using Lotus.Host.Services.Errors;
using Lotus.Storage.Canonical;

namespace Lotus.Host.Services.Query;

/// <summary>Request checks shared by the list rpcs (query_service.proto: page size 100 by default, capped at 1000).</summary>
internal static class QueryArguments
{
    public const int DefaultPageSize = 100;
    public const int MaxPageSize = 1000;

    public static int PageSize(PageRequest? page)
    {
        var size = page?.PageSize ?? 0;
        if (size < 0)
        {
            throw RpcErrors.InvalidField("page.page_size", "must not be negative", ErrorReasons.InvalidQuery);
        }

        return size == 0 ? DefaultPageSize : Math.Min(size, MaxPageSize);
    }

    public static string Required(string field, string value)
        => value.Length > 0 ? value : throw RpcErrors.InvalidField(field, "is required", ErrorReasons.InvalidQuery);

    public static DateOnly? OptionalDate(string field, string value)
    {
        if (value.Length == 0)
        {
            return null;
        }

        return CanonicalValues.TryParseDate(value, out var date)
            ? date
            : throw RpcErrors.InvalidField(field, "must be a date YYYY-MM-DD", ErrorReasons.InvalidQuery);
    }

    /// <summary>An inclusive window; end before start is refused.</summary>
    public static (DateOnly? Start, DateOnly? End) Window(string startDate, string endDate)
    {
        var start = OptionalDate("start_date", startDate);
        var end = OptionalDate("end_date", endDate);
        if (start is { } s && end is { } e && e < s)
        {
            throw RpcErrors.InvalidField("end_date", "must not be before start_date", ErrorReasons.InvalidQuery);
        }

        return (start, end);
    }
}

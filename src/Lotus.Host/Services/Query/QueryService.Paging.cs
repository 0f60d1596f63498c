using Lotus.Core.V1;
using Lotus.Grpc;
using Lotus.Host.Services.Errors;
using Lotus.Storage.Canonical;
using Npgsql;

namespace Lotus.Host.Services.Query;

/// <summary>Paging plumbing shared by the list rpcs.</summary>
public sealed partial class QueryService
{
    /// <summary>Adds up to <paramref name="size"/> rows; true when one more row exists.</summary>
    private static async Task<bool> FillAsync<T>(IAsyncEnumerable<T> rows, ICollection<T> target, int size)
    {
        await foreach (var row in rows.ConfigureAwait(false))
        {
            if (target.Count == size)
            {
                return true;
            }

            target.Add(row);
        }

        return false;
    }

    private static DateOnly CursorDate(string value)
        => CanonicalValues.TryParseDate(value, out var date) ? date : throw RpcErrors.InvalidField("page.page_token", "is not a page token of this service", ErrorReasons.InvalidPageToken);

    private static RpcException PortfolioNotFound(string portfolioId)
        => RpcErrors.Create(StatusCode.NotFound, $"No portfolio '{portfolioId}'.", ErrorReasons.PortfolioNotFound);

    private static async Task EnsurePortfolioAsync(NpgsqlConnection connection, string portfolioId, CancellationToken cancellationToken)
    {
        if (await CanonicalReader.ReadPortfolioAsync(connection, portfolioId, cancellationToken).ConfigureAwait(false) is null)
        {
            throw PortfolioNotFound(portfolioId);
        }
    }

    private IReadOnlyList<string>? DecodeCursor(PageRequest? page, string rpc, IReadOnlyList<string> filters, int values)
        => page is { PageToken.Length: > 0 } ? _tokens.Decode(page.PageToken, rpc, filters, values) : null;

    private PageInfo PageInfo(int size, int returned, string sortKey, bool more, string rpc, IReadOnlyList<string> filters, Func<IReadOnlyList<string>> lastCursor)
        => new()
        {
            PageSize = size,
            ReturnedRowCount = returned,
            SortKey = sortKey,
            NextPageToken = more ? _tokens.Encode(rpc, filters, lastCursor()) : string.Empty,
        };
}

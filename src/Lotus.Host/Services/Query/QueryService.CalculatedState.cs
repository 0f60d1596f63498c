using Lotus.Core.V1;
using Lotus.Grpc;
using Lotus.Host.Services.Errors;
using Lotus.Storage.Canonical;
using Npgsql;

namespace Lotus.Host.Services.Query;

/// <summary>ListPositions and ListCashflows: calculated state through the reader seams.</summary>
public sealed partial class QueryService
{
    public override async Task<ListPositionsResponse> ListPositions(ListPositionsRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var portfolioId = QueryArguments.Required("portfolio_id", request.PortfolioId);
        var asOf = QueryArguments.OptionalDate("as_of_date", request.AsOfDate);
        var size = QueryArguments.PageSize(request.Page);
        string[] filters = [portfolioId, request.AsOfDate];
        var after = DecodeCursor(request.Page, nameof(ListPositions), filters, _positions.CursorLength);
        await using (var connection = await _dataSource.OpenConnectionAsync(context.CancellationToken).ConfigureAwait(false))
        {
            await EnsurePortfolioAsync(connection, portfolioId, context.CancellationToken).ConfigureAwait(false);
        }

        var page = await _positions.ReadPositionsAsync(new CalculatedPageRequest(portfolioId, size, after), asOf, context.CancellationToken).ConfigureAwait(false);
        var response = new ListPositionsResponse { PortfolioId = portfolioId, AsOfDate = page.AsOfDate, PortfolioCurrency = page.PortfolioCurrency };
        response.Positions.AddRange(page.Positions);
        response.Page = PageInfo(size, page.Positions.Count, _positions.SortKey, page.NextCursor is not null, nameof(ListPositions), filters, () => page.NextCursor!);
        return response;
    }

    public override async Task<ListCashflowsResponse> ListCashflows(ListCashflowsRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var portfolioId = QueryArguments.Required("portfolio_id", request.PortfolioId);
        var (start, end) = QueryArguments.Window(request.StartDate, request.EndDate);
        var size = QueryArguments.PageSize(request.Page);
        string[] filters = [portfolioId, request.SecurityId, request.StartDate, request.EndDate];
        var after = DecodeCursor(request.Page, nameof(ListCashflows), filters, _cashflows.CursorLength);
        await using (var connection = await _dataSource.OpenConnectionAsync(context.CancellationToken).ConfigureAwait(false))
        {
            await EnsurePortfolioAsync(connection, portfolioId, context.CancellationToken).ConfigureAwait(false);
        }

        var page = await _cashflows.ReadCashflowsAsync(new CalculatedPageRequest(portfolioId, size, after), request.SecurityId, start, end, context.CancellationToken).ConfigureAwait(false);
        var response = new ListCashflowsResponse();
        response.Cashflows.AddRange(page.Cashflows);
        response.Page = PageInfo(size, page.Cashflows.Count, _cashflows.SortKey, page.NextCursor is not null, nameof(ListCashflows), filters, () => page.NextCursor!);
        return response;
    }
}

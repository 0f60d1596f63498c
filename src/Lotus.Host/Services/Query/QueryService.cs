using Lotus.Core.V1;
using Lotus.Grpc;
using Lotus.Host.Services.Errors;
using Lotus.Storage.Canonical;
using Npgsql;

namespace Lotus.Host.Services.Query;

/// <summary>
/// lotus.core.v1.QueryService (query_service.proto): keyset-paged reads of the canonical tables,
/// and of calculated state through the <see cref="IPositionReader"/>, <see cref="ICashflowReader"/>
/// and <see cref="ITransactionResultReader"/> seams. A page reads limit + 1 rows: the extra row
/// only tells that another page exists. Implements the generated QueryServiceBase.
/// </summary>
public sealed partial class QueryService : Lotus.Core.V1.QueryService.QueryServiceBase
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly PageTokenCodec _tokens;
    private readonly IPositionReader _positions;
    private readonly ICashflowReader _cashflows;
    private readonly ITransactionResultReader _transactionResults;

    public QueryService(
        NpgsqlDataSource dataSource,
        PageTokenCodec tokens,
        IPositionReader? positions = null,
        ICashflowReader? cashflows = null,
        ITransactionResultReader? transactionResults = null)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentNullException.ThrowIfNull(tokens);
        _dataSource = dataSource;
        _tokens = tokens;
        _positions = positions ?? UnwiredCalculatedState.Instance;
        _cashflows = cashflows ?? UnwiredCalculatedState.Instance;
        _transactionResults = transactionResults ?? UnwiredCalculatedState.Instance;
    }

    public override async Task<ListPortfoliosResponse> ListPortfolios(ListPortfoliosRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var size = QueryArguments.PageSize(request.Page);
        string[] filters = [string.Join(",", request.PortfolioIds.Order(StringComparer.Ordinal)), request.ClientId, request.BookingCenterCode];
        var after = DecodeCursor(request.Page, nameof(ListPortfolios), filters, 1);
        var query = new PortfolioQuery(request.PortfolioIds, request.ClientId, request.BookingCenterCode, after?[0], size + 1);
        var response = new ListPortfoliosResponse();
        await using var connection = await _dataSource.OpenConnectionAsync(context.CancellationToken).ConfigureAwait(false);
        var more = await FillAsync(CanonicalReader.ReadPortfoliosAsync(connection, query, context.CancellationToken), response.Portfolios, size).ConfigureAwait(false);
        response.Page = PageInfo(size, response.Portfolios.Count, CanonicalReader.PortfolioSortKey, more, nameof(ListPortfolios), filters,
            () => [response.Portfolios[^1].PortfolioId]);
        return response;
    }

    public override async Task<GetPortfolioResponse> GetPortfolio(GetPortfolioRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var id = QueryArguments.Required("portfolio_id", request.PortfolioId);
        await using var connection = await _dataSource.OpenConnectionAsync(context.CancellationToken).ConfigureAwait(false);
        var portfolio = await CanonicalReader.ReadPortfolioAsync(connection, id, context.CancellationToken).ConfigureAwait(false)
            ?? throw PortfolioNotFound(id);
        return new GetPortfolioResponse { Portfolio = portfolio };
    }

    public override async Task<ListInstrumentsResponse> ListInstruments(ListInstrumentsRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var size = QueryArguments.PageSize(request.Page);
        string[] filters = [string.Join(",", request.SecurityIds.Order(StringComparer.Ordinal)), request.ProductType];
        var after = DecodeCursor(request.Page, nameof(ListInstruments), filters, 1);
        var query = new InstrumentQuery(request.SecurityIds, request.ProductType, after?[0], size + 1);
        var response = new ListInstrumentsResponse();
        await using var connection = await _dataSource.OpenConnectionAsync(context.CancellationToken).ConfigureAwait(false);
        var more = await FillAsync(CanonicalReader.ReadInstrumentsAsync(connection, query, context.CancellationToken), response.Instruments, size).ConfigureAwait(false);
        response.Page = PageInfo(size, response.Instruments.Count, CanonicalReader.InstrumentSortKey, more, nameof(ListInstruments), filters,
            () => [response.Instruments[^1].SecurityId]);
        return response;
    }

    public override async Task<ListTransactionsResponse> ListTransactions(ListTransactionsRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var portfolioId = QueryArguments.Required("portfolio_id", request.PortfolioId);
        var (start, end) = QueryArguments.Window(request.StartDate, request.EndDate);
        var size = QueryArguments.PageSize(request.Page);
        var type = request.TransactionType.ToUpperInvariant();
        string[] filters = [portfolioId, request.SecurityId, type, request.StartDate, request.EndDate];
        var after = DecodeCursor(request.Page, nameof(ListTransactions), filters, 2);
        var cursor = after is null ? null : new TransactionCursor(CursorDate(after[0]), after[1]);
        var query = new TransactionQuery(portfolioId, request.SecurityId, type, start, end, cursor, size + 1);

        var transactions = new List<Transaction>(Math.Min(size, 128));
        await using var connection = await _dataSource.OpenConnectionAsync(context.CancellationToken).ConfigureAwait(false);
        await EnsurePortfolioAsync(connection, portfolioId, context.CancellationToken).ConfigureAwait(false);
        var more = await FillAsync(CanonicalReader.ReadTransactionsAsync(connection, query, context.CancellationToken), transactions, size).ConfigureAwait(false);
        var response = new ListTransactionsResponse();
        response.Transactions.AddRange(transactions.Select(t => new TransactionRecord { Transaction = t }));
        await _transactionResults.FillAsync(portfolioId, response.Transactions, context.CancellationToken).ConfigureAwait(false);
        response.Page = PageInfo(size, response.Transactions.Count, CanonicalReader.TransactionSortKey, more, nameof(ListTransactions), filters,
            () => [transactions[^1].TransactionDate, transactions[^1].TransactionId]);
        return response;
    }

    public override async Task<ListMarketPricesResponse> ListMarketPrices(ListMarketPricesRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var securityId = QueryArguments.Required("security_id", request.SecurityId);
        var (start, end) = QueryArguments.Window(request.StartDate, request.EndDate);
        var size = QueryArguments.PageSize(request.Page);
        string[] filters = [securityId, request.StartDate, request.EndDate];
        var after = DecodeCursor(request.Page, nameof(ListMarketPrices), filters, 1);
        var query = new MarketPriceQuery(securityId, start, end, after is null ? null : CursorDate(after[0]), size + 1);
        var response = new ListMarketPricesResponse { SecurityId = securityId };
        await using var connection = await _dataSource.OpenConnectionAsync(context.CancellationToken).ConfigureAwait(false);
        var more = await FillAsync(CanonicalReader.ReadMarketPricesAsync(connection, query, context.CancellationToken), response.Prices, size).ConfigureAwait(false);
        response.Page = PageInfo(size, response.Prices.Count, CanonicalReader.MarketPriceSortKey, more, nameof(ListMarketPrices), filters,
            () => [response.Prices[^1].PriceDate]);
        return response;
    }

    public override async Task<ListFxRatesResponse> ListFxRates(ListFxRatesRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var from = QueryArguments.Required("from_currency", request.FromCurrency);
        var to = QueryArguments.Required("to_currency", request.ToCurrency);
        var (start, end) = QueryArguments.Window(request.StartDate, request.EndDate);
        var size = QueryArguments.PageSize(request.Page);
        string[] filters = [from, to, request.StartDate, request.EndDate];
        var after = DecodeCursor(request.Page, nameof(ListFxRates), filters, 1);
        var query = new FxRateQuery(from, to, start, end, after is null ? null : CursorDate(after[0]), size + 1);
        var response = new ListFxRatesResponse { FromCurrency = from, ToCurrency = to };
        await using var connection = await _dataSource.OpenConnectionAsync(context.CancellationToken).ConfigureAwait(false);
        var more = await FillAsync(CanonicalReader.ReadFxRatesAsync(connection, query, context.CancellationToken), response.Rates, size).ConfigureAwait(false);
        response.Page = PageInfo(size, response.Rates.Count, CanonicalReader.FxRateSortKey, more, nameof(ListFxRates), filters,
            () => [response.Rates[^1].RateDate]);
        return response;
    }
}

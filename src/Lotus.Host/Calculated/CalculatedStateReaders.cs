using Lotus.Core.V1;
using Lotus.Host.Services.Query;
using Lotus.Storage.Calculated;
using Npgsql;

namespace Lotus.Host.Calculated;

/// <summary>The QueryService's calculated-state seams over the calculators' tables (current data version).</summary>
public sealed class CalculatedStateReaders(NpgsqlDataSource dataSource) : IPositionReader, ICashflowReader, ITransactionResultReader
{
    string IPositionReader.SortKey => "security_id:asc";

    int IPositionReader.CursorLength => 1;

    string ICashflowReader.SortKey => "cashflow_date:asc,security_id:asc,transaction_id:asc";

    int ICashflowReader.CursorLength => 3;

    public async Task<PositionPage> ReadPositionsAsync(CalculatedPageRequest page, DateOnly? asOfDate, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(page);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var (asOf, currency, positions, next) = await CalculatedQueries.ReadPositionsAsync(
            connection, page.PortfolioId, asOfDate, page.Limit, page.After is { Count: 1 } a ? a[0] : null, cancellationToken).ConfigureAwait(false);
        return new PositionPage(asOf, currency, positions, next is null ? null : [next]);
    }

    public async Task<CashflowPage> ReadCashflowsAsync(CalculatedPageRequest page, string securityId, DateOnly? startDate, DateOnly? endDate, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(page);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var (rows, next) = await CalculatedQueries.ReadCashflowsAsync(
            connection, page.PortfolioId, securityId, startDate, endDate, page.Limit, page.After, cancellationToken).ConfigureAwait(false);
        return new CashflowPage(rows, next);
    }

    public async Task FillAsync(string portfolioId, IReadOnlyList<TransactionRecord> records, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await CalculatedQueries.FillTransactionResultsAsync(connection, portfolioId, records, cancellationToken).ConfigureAwait(false);
    }
}

using Lotus.Core.V1;
using Lotus.Grpc;
using Lotus.Host.Services.Errors;

namespace Lotus.Host.Services.Query;

/// <summary>A page request handed to a calculated-state reader: the cursor is what the reader returned before.</summary>
/// <param name="PortfolioId">The portfolio (known to exist).</param>
/// <param name="Limit">Rows wanted (page size).</param>
/// <param name="After">Keyset cursor values of the previous page's last row, or null for the first page.</param>
public sealed record CalculatedPageRequest(string PortfolioId, int Limit, IReadOnlyList<string>? After);

/// <summary>A page of positions; <paramref name="NextCursor"/> null on the last page.</summary>
public sealed record PositionPage(string AsOfDate, string PortfolioCurrency, IReadOnlyList<Position> Positions, IReadOnlyList<string>? NextCursor);

/// <summary>A page of cash flows; <paramref name="NextCursor"/> null on the last page.</summary>
public sealed record CashflowPage(IReadOnlyList<Cashflow> Cashflows, IReadOnlyList<string>? NextCursor);

/// <summary>
/// SEAM for the lead: positions as of a date from the calculated-state tables. Cursor values are
/// the reader's own keyset (e.g. [security_id]); the service turns them into signed page tokens.
/// </summary>
public interface IPositionReader
{
    /// <summary>Sort key reported in PageInfo, e.g. "security_id:asc".</summary>
    string SortKey { get; }

    /// <summary>Number of cursor values the reader uses.</summary>
    int CursorLength { get; }

    /// <param name="asOfDate">The requested date, or null for the latest business date.</param>
    Task<PositionPage> ReadPositionsAsync(CalculatedPageRequest page, DateOnly? asOfDate, CancellationToken cancellationToken);
}

/// <summary>SEAM for the lead: calculated cash flows of a portfolio.</summary>
public interface ICashflowReader
{
    string SortKey { get; }

    int CursorLength { get; }

    Task<CashflowPage> ReadCashflowsAsync(CalculatedPageRequest page, string securityId, DateOnly? startDate, DateOnly? endDate, CancellationToken cancellationToken);
}

/// <summary>
/// SEAM for the lead: what the cost engine made of each transaction of a page (net cost, realized
/// P&amp;L, fx, processing status). Fills the records in place.
/// </summary>
public interface ITransactionResultReader
{
    Task FillAsync(string portfolioId, IReadOnlyList<TransactionRecord> records, CancellationToken cancellationToken);
}

/// <summary>
/// Stand-in until the calculated-state tables exist: ListPositions and ListCashflows fail with
/// FAILED_PRECONDITION (reason CALCULATED_STATE_UNAVAILABLE; not UNAVAILABLE, which clients would
/// retry); transactions are reported "pending" without calculated fields.
/// </summary>
public sealed class UnwiredCalculatedState : IPositionReader, ICashflowReader, ITransactionResultReader
{
    public static readonly UnwiredCalculatedState Instance = new();

    public string SortKey => "security_id:asc";

    public int CursorLength => 1;

    public Task<PositionPage> ReadPositionsAsync(CalculatedPageRequest page, DateOnly? asOfDate, CancellationToken cancellationToken)
        => throw Unavailable("positions");

    public Task<CashflowPage> ReadCashflowsAsync(CalculatedPageRequest page, string securityId, DateOnly? startDate, DateOnly? endDate, CancellationToken cancellationToken)
        => throw Unavailable("cash flows");

    public Task FillAsync(string portfolioId, IReadOnlyList<TransactionRecord> records, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(records);
        foreach (var record in records)
        {
            record.ProcessingStatus = "pending";
        }

        return Task.CompletedTask;
    }

    private static RpcException Unavailable(string what)
        => RpcErrors.Create(StatusCode.FailedPrecondition, $"Calculated {what} are not available in this server yet.", ErrorReasons.CalculatedStateUnavailable);
}

using Lotus.Core.V1;
using Lotus.Storage.Canonical.Internal;
using Npgsql;

namespace Lotus.Storage.Canonical;

/// <summary>
/// Writes one request's canonical records inside the caller's database transaction: records are
/// COPY'd (binary) into temporary staging tables chunk by chunk, checked for repeated business
/// keys, then merged into the canonical tables with one INSERT … ON CONFLICT DO UPDATE per table.
/// Staging tables are dropped at commit. Records must be validated and normalised before staging.
/// </summary>
public sealed class CanonicalStage
{
    private readonly NpgsqlConnection _connection;
    private readonly NpgsqlTransaction _transaction;
    private readonly EntityStage<Portfolio> _portfolios = new(PortfolioTable.Instance, CanonicalEntity.Portfolio);
    private readonly EntityStage<Instrument> _instruments = new(InstrumentTable.Instance, CanonicalEntity.Instrument);
    private readonly EntityStage<Transaction> _transactions = new(TransactionTable.Instance, CanonicalEntity.Transaction);
    private readonly EntityStage<MarketPrice> _marketPrices = new(MarketPriceTable.Instance, CanonicalEntity.MarketPrice);
    private readonly EntityStage<FxRate> _fxRates = new(FxRateTable.Instance, CanonicalEntity.FxRate);
    private readonly EntityStage<BusinessDate> _businessDates = new(BusinessDateTable.Instance, CanonicalEntity.BusinessDate);

    public CanonicalStage(NpgsqlConnection connection, NpgsqlTransaction transaction)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(transaction);
        _connection = connection;
        _transaction = transaction;
    }

    /// <summary>Stages portfolios; <paramref name="firstIndex"/> is the request index of the first one.</summary>
    public Task StagePortfoliosAsync(IEnumerable<Portfolio> rows, int firstIndex, CancellationToken cancellationToken = default)
        => _portfolios.StageAsync(_connection, _transaction, rows, firstIndex, cancellationToken);

    public Task StageInstrumentsAsync(IEnumerable<Instrument> rows, int firstIndex, CancellationToken cancellationToken = default)
        => _instruments.StageAsync(_connection, _transaction, rows, firstIndex, cancellationToken);

    public Task StageTransactionsAsync(IEnumerable<Transaction> rows, int firstIndex, CancellationToken cancellationToken = default)
        => _transactions.StageAsync(_connection, _transaction, rows, firstIndex, cancellationToken);

    public Task StageMarketPricesAsync(IEnumerable<MarketPrice> rows, int firstIndex, CancellationToken cancellationToken = default)
        => _marketPrices.StageAsync(_connection, _transaction, rows, firstIndex, cancellationToken);

    public Task StageFxRatesAsync(IEnumerable<FxRate> rows, int firstIndex, CancellationToken cancellationToken = default)
        => _fxRates.StageAsync(_connection, _transaction, rows, firstIndex, cancellationToken);

    public Task StageBusinessDatesAsync(IEnumerable<BusinessDate> rows, int firstIndex, CancellationToken cancellationToken = default)
        => _businessDates.StageAsync(_connection, _transaction, rows, firstIndex, cancellationToken);

    /// <summary>Records staged so far, all kinds.</summary>
    public long StagedCount
        => _portfolios.StagedCount + _instruments.StagedCount + _transactions.StagedCount
        + _marketPrices.StagedCount + _fxRates.StagedCount + _businessDates.StagedCount;

    /// <summary>Up to <paramref name="limit"/> records repeating an earlier record's business key.</summary>
    public async Task<IReadOnlyList<DuplicateRecord>> FindDuplicatesAsync(int limit, CancellationToken cancellationToken = default)
    {
        var found = new List<DuplicateRecord>();
        await _businessDates.AddDuplicatesAsync(_connection, _transaction, found, limit, cancellationToken).ConfigureAwait(false);
        await _portfolios.AddDuplicatesAsync(_connection, _transaction, found, limit, cancellationToken).ConfigureAwait(false);
        await _instruments.AddDuplicatesAsync(_connection, _transaction, found, limit, cancellationToken).ConfigureAwait(false);
        await _transactions.AddDuplicatesAsync(_connection, _transaction, found, limit, cancellationToken).ConfigureAwait(false);
        await _marketPrices.AddDuplicatesAsync(_connection, _transaction, found, limit, cancellationToken).ConfigureAwait(false);
        await _fxRates.AddDuplicatesAsync(_connection, _transaction, found, limit, cancellationToken).ConfigureAwait(false);
        return found;
    }

    /// <summary>Upserts every staged record into its canonical table, stamped with the job id; returns rows written.</summary>
    public async Task<long> MergeAsync(string jobId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(jobId);
        long written = 0;
        written += await _businessDates.MergeAsync(_connection, _transaction, jobId, cancellationToken).ConfigureAwait(false);
        written += await _portfolios.MergeAsync(_connection, _transaction, jobId, cancellationToken).ConfigureAwait(false);
        written += await _instruments.MergeAsync(_connection, _transaction, jobId, cancellationToken).ConfigureAwait(false);
        written += await _marketPrices.MergeAsync(_connection, _transaction, jobId, cancellationToken).ConfigureAwait(false);
        written += await _fxRates.MergeAsync(_connection, _transaction, jobId, cancellationToken).ConfigureAwait(false);
        written += await _transactions.MergeAsync(_connection, _transaction, jobId, cancellationToken).ConfigureAwait(false);
        return written;
    }
}

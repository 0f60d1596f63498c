using Lotus.Calculators;
using Lotus.Core.V1;
using Lotus.Host.Calculated;
using Lotus.Host.Services.Ingestion;
using IngestionService = Lotus.Host.Services.Ingestion.IngestionService;
using Lotus.Messaging.Postgres;
using Lotus.Storage.Calculated;
using Lotus.TestSupport;
using Npgsql;

namespace Lotus.Calculators.Tests.Support;

/// <summary>
/// The real pipeline on a real database: IngestionService (in process) with the calculators' event sink,
/// the PostgreSQL event log, and a <see cref="CalculatorWorker"/> drained deterministically.
/// </summary>
public sealed class Pipeline : IAsyncDisposable
{
    private readonly List<CalculatorWorker> _workers = [];

    private Pipeline(TestDatabase db)
    {
        Db = db;
        Transport = new PostgresEventTransport(db.DataSource);
        Ingestion = new IngestionService(db.DataSource, new CalculatorEventSink(Transport), new CalculatorProgressSource(db.DataSource));
        Worker = NewWorker();
    }

    public TestDatabase Db { get; }

    public PostgresEventTransport Transport { get; }

    public IngestionService Ingestion { get; }

    public CalculatorWorker Worker { get; private set; }

    public NpgsqlDataSource DataSource => Db.DataSource;

    public static async Task<Pipeline> CreateAsync() => new(await TestDatabase.CreateAsync(migrate: true));

    /// <summary>A fresh worker (e.g. after a simulated crash); the old one is abandoned, not stopped.</summary>
    public CalculatorWorker NewWorker(CalculatorOptions? options = null)
    {
        var worker = new CalculatorWorker(Transport, options ?? new CalculatorOptions { Consumers = 1, LeaseDuration = TimeSpan.FromSeconds(30) });
        _workers.Add(worker);
        Worker = worker;
        return worker;
    }

    public Task<int> DrainAsync() => Worker.ProcessAvailableAsync();

    public Task Portfolios(params Portfolio[] portfolios)
    {
        var r = new IngestPortfoliosRequest();
        r.Portfolios.AddRange(portfolios);
        return Ingestion.IngestPortfolios(r, new CallContext());
    }

    public Task Instruments(params Instrument[] instruments)
    {
        var r = new IngestInstrumentsRequest();
        r.Instruments.AddRange(instruments);
        return Ingestion.IngestInstruments(r, new CallContext());
    }

    public async Task<string> Transactions(params Transaction[] transactions)
    {
        var r = new IngestTransactionsRequest();
        r.Transactions.AddRange(transactions);
        var response = await Ingestion.IngestTransactions(r, new CallContext());
        return response.Ack.JobId;
    }

    public Task Prices(params MarketPrice[] prices)
    {
        var r = new IngestMarketPricesRequest();
        r.MarketPrices.AddRange(prices);
        return Ingestion.IngestMarketPrices(r, new CallContext());
    }

    public Task Fx(params FxRate[] rates)
    {
        var r = new IngestFxRatesRequest();
        r.FxRates.AddRange(rates);
        return Ingestion.IngestFxRates(r, new CallContext());
    }

    public Task BusinessDates(params string[] dates)
    {
        var r = new IngestBusinessDatesRequest();
        r.BusinessDates.AddRange(dates.Select(d => new BusinessDate { BusinessDate_ = d }));
        return Ingestion.IngestBusinessDates(r, new CallContext());
    }

    public async Task<List<PositionDayRow>> PositionDays(string portfolioId, long? version = null)
    {
        await using var c = await DataSource.OpenConnectionAsync();
        return await CalculatedStateReader.ReadPositionDaysAsync(c, portfolioId, version, CancellationToken.None);
    }

    public async Task<List<PortfolioDayRow>> PortfolioDays(string portfolioId, long? version = null)
    {
        await using var c = await DataSource.OpenConnectionAsync();
        return await CalculatedStateReader.ReadPortfolioDaysAsync(c, portfolioId, version, CancellationToken.None);
    }

    public async Task<List<CostRow>> Costs(string portfolioId, long? version = null)
    {
        await using var c = await DataSource.OpenConnectionAsync();
        return await CalculatedStateReader.ReadCostsAsync(c, portfolioId, version, CancellationToken.None);
    }

    public async Task<List<HistoryRow>> History(string portfolioId, long? version = null)
    {
        await using var c = await DataSource.OpenConnectionAsync();
        return await CalculatedStateReader.ReadHistoryAsync(c, portfolioId, version, CancellationToken.None);
    }

    public async Task<List<CashflowRow>> Cashflows(string portfolioId, long? version = null)
    {
        await using var c = await DataSource.OpenConnectionAsync();
        return await CalculatedStateReader.ReadCashflowsAsync(c, portfolioId, version, CancellationToken.None);
    }

    public async Task<long?> Version(string portfolioId)
    {
        await using var c = await DataSource.OpenConnectionAsync();
        return await CalculatedStateReader.ReadVersionAsync(c, portfolioId, CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var w in _workers)
        {
            await w.LeaveAsync();
            w.Dispose();
        }

        await Db.DisposeAsync();
    }
}

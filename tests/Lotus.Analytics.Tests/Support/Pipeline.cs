using Lotus.Calculators;
using Lotus.Calculators.Tests.Support;
using Lotus.Core.V1;
using Lotus.Host.Calculated;
using Lotus.Messaging.Postgres;
using Lotus.Storage.Calculated;
using Lotus.TestSupport;
using Npgsql;
using IngestionService = Lotus.Host.Services.Ingestion.IngestionService;

namespace Lotus.Analytics.Tests.Support;

/// <summary>
/// The real pipeline on a real database (after the calculators' test fixture): the ingestion service in
/// process with the calculators' event sink, the PostgreSQL event log and a calculator worker drained on demand.
/// </summary>
public sealed class Pipeline : IAsyncDisposable
{
    private readonly CalculatorWorker _worker;

    private Pipeline(TestDatabase db)
    {
        Db = db;
        var transport = new PostgresEventTransport(db.DataSource);
        Ingestion = new IngestionService(db.DataSource, new CalculatorEventSink(transport), new CalculatorProgressSource(db.DataSource));
        _worker = new CalculatorWorker(transport, new CalculatorOptions { Consumers = 1, LeaseDuration = TimeSpan.FromSeconds(30) });
    }

    public TestDatabase Db { get; }

    public IngestionService Ingestion { get; }

    public NpgsqlDataSource DataSource => Db.DataSource;

    public static async Task<Pipeline> CreateAsync() => new(await TestDatabase.CreateAsync(migrate: true));

    public Task<int> DrainAsync() => _worker.ProcessAvailableAsync();

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

    public Task Transactions(params Transaction[] transactions)
    {
        var r = new IngestTransactionsRequest();
        r.Transactions.AddRange(transactions);
        return Ingestion.IngestTransactions(r, new CallContext());
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

    public async Task<List<PortfolioDayRow>> PortfolioDays(string portfolioId)
    {
        await using var c = await DataSource.OpenConnectionAsync();
        return await CalculatedStateReader.ReadPortfolioDaysAsync(c, portfolioId, null, CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        await _worker.LeaveAsync();
        _worker.Dispose();
        await Db.DisposeAsync();
    }
}

using System.Globalization;
using Lotus.Benchmarks.Pipeline;
using Lotus.Core.V1;
using static Lotus.Benchmarks.Pipeline.Harness;

// Usage: dotnet run -c Release --project benchmarks/Lotus.Benchmarks.Pipeline -- [bankday|fanin|history|all]
// "history" also runs the back-dated BUY (benchmark 5). Prints figures; never asserts.
var which = args.Length > 0 ? args[0] : "all";
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Lotus pipeline benchmarks on {Environment.ProcessorCount} cores, {DateTime.UtcNow:u}"));
if (which is "bankday" or "all")
{
    await Scenarios.BankDayAsync();
}

if (which is "fanin" or "all")
{
    await Scenarios.FanInAsync();
}

if (which is "history" or "all")
{
    await Scenarios.HistoryAsync();
}

internal static class Scenarios
{
    /// <summary>1. 1,000 portfolios x 100 BUY on one business day, with that day's prices and FX (original: 7,159 s).</summary>
    public static async Task BankDayAsync()
    {
        await using var h = await Harness.CreateAsync();
        var day = new DateOnly(2025, 6, 2);
        var setup = await h.TimeAsync(async () =>
        {
            var portfolios = new IngestPortfoliosRequest();
            portfolios.Portfolios.AddRange(Enumerable.Range(0, 1000).Select(i => Portfolio($"BD{i:D4}", "USD")));
            await h.Ingestion.IngestPortfolios(portfolios, new NoCtx());
            var instruments = new IngestInstrumentsRequest();
            instruments.Instruments.AddRange(Enumerable.Range(0, 100).Select(s => Instrument($"SEC{s:D3}", s % 2 == 0 ? "USD" : "EUR")));
            await h.Ingestion.IngestInstruments(instruments, new NoCtx());
            var dates = new IngestBusinessDatesRequest();
            dates.BusinessDates.Add(new BusinessDate { BusinessDate_ = Day(day) });
            await h.Ingestion.IngestBusinessDates(dates, new NoCtx());
            await h.IngestPricesAsync([.. Enumerable.Range(0, 100).Select(s => new MarketPrice { SecurityId = $"SEC{s:D3}", PriceDate = Day(day), Price = D(100 + s), Currency = s % 2 == 0 ? "USD" : "EUR" })], 1000);
            var fx = new IngestFxRatesRequest();
            fx.FxRates.Add(new FxRate { FromCurrency = "EUR", ToCurrency = "USD", RateDate = Day(day), Rate = "1.0825" });
            await h.Ingestion.IngestFxRates(fx, new NoCtx());
            await h.Worker.ProcessAvailableAsync();
        });
        var transactions = new List<Transaction>(100_000);
        for (var p = 0; p < 1000; p++)
        {
            for (var s = 0; s < 100; s++)
            {
                transactions.Add(Buy($"BD{p:D4}-{s:D3}", $"BD{p:D4}", $"SEC{s:D3}", day, 10 + (p % 7), 99.5m + s, s % 2 == 0 ? "USD" : "EUR"));
            }
        }

        // The worker runs while ingestion proceeds, as in the server (it polls; ProcessAvailableAsync is one drain).
        var events = 0;
        var ingested = false;
        var ingest = TimeSpan.Zero;
        var total = await h.TimeAsync(async () =>
        {
            var worker = Task.Run(async () =>
            {
                while (!Volatile.Read(ref ingested))
                {
                    var n = await h.Worker.ProcessAvailableAsync();
                    events += n;
                    if (n == 0)
                    {
                        await Task.Delay(20);
                    }
                }

                events += await h.Worker.ProcessAvailableAsync();
            });
            ingest = await h.TimeAsync(() => h.IngestTransactionsAsync(transactions, 10_000));
            Volatile.Write(ref ingested, true);
            await worker;
        });
        var calc = total - ingest;
        var (copy, rows) = await h.RawCopyOfOutputAsync();
        Console.WriteLine("1. bank day: 1,000 portfolios x 100 BUY (100,000 transactions), one day, prices + FX");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"   reference data (1,000 portfolios, 100 instruments, day, prices, FX): {setup.TotalSeconds:F2} s"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"   ingest 100,000 transactions (IngestionService, 10 requests of 10,000): {ingest.TotalSeconds:F2} s; calculators ({events} events) finished {calc.TotalSeconds:F2} s after the last request"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"   ingest -> everything costed and written: {total.TotalSeconds:F2} s (target < 10 s; original 7,159 s)"));
        await PrintCountsAsync(h);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"   raw binary COPY of the same {rows:N0} output rows: {copy.TotalSeconds:F2} s; pipeline / raw COPY = {total / copy:F1}x (ingestion alone {ingest / copy:F1}x)"));
    }

    /// <summary>2. 1 portfolio x 1,000 positions (original: about 81 s).</summary>
    public static async Task FanInAsync()
    {
        await using var h = await Harness.CreateAsync();
        var day = new DateOnly(2025, 6, 2);
        var portfolios = new IngestPortfoliosRequest();
        portfolios.Portfolios.Add(Portfolio("FANIN", "USD"));
        await h.Ingestion.IngestPortfolios(portfolios, new NoCtx());
        var instruments = new IngestInstrumentsRequest();
        instruments.Instruments.AddRange(Enumerable.Range(0, 1000).Select(s => Instrument($"FI{s:D4}", "USD")));
        await h.Ingestion.IngestInstruments(instruments, new NoCtx());
        var dates = new IngestBusinessDatesRequest();
        dates.BusinessDates.Add(new BusinessDate { BusinessDate_ = Day(day) });
        await h.Ingestion.IngestBusinessDates(dates, new NoCtx());
        await h.IngestPricesAsync([.. Enumerable.Range(0, 1000).Select(s => new MarketPrice { SecurityId = $"FI{s:D4}", PriceDate = Day(day), Price = D(10 + s), Currency = "USD" })], 1000);
        await h.Worker.ProcessAvailableAsync();
        var transactions = Enumerable.Range(0, 1000).Select(s => Buy($"FANIN-{s:D4}", "FANIN", $"FI{s:D4}", day, 5, 10 + s, "USD")).ToList();
        var total = await h.TimeAsync(async () =>
        {
            await h.IngestTransactionsAsync(transactions, 1000);
            await h.Worker.ProcessAvailableAsync();
        });
        var (copy, rows) = await h.RawCopyOfOutputAsync();
        Console.WriteLine("2. fan-in: 1 portfolio x 1,000 positions");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"   ingest -> complete: {total.TotalSeconds:F3} s (target < 2 s; original about 81 s); raw COPY of {rows:N0} rows {copy.TotalSeconds:F3} s; ratio {total / copy:F1}x"));
    }

    /// <summary>3. 100 positions x 5 years of daily prices; 5. one back-dated BUY a year back vs a full recompute.</summary>
    public static async Task HistoryAsync()
    {
        await using var h = await Harness.CreateAsync();
        var days = new List<DateOnly>();
        for (var d = new DateOnly(2020, 1, 1); days.Count < 1260; d = d.AddDays(1))
        {
            if (d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
            {
                days.Add(d);
            }
        }

        var prices = new List<MarketPrice>(126_000);
        var random = new Random(7);
        for (var s = 0; s < 100; s++)
        {
            var price = 100m;
            foreach (var d in days)
            {
                price = Math.Max(1m, Math.Round(price * (1m + ((random.Next(2001) - 1000) / 100_000m)), 4));
                prices.Add(new MarketPrice { SecurityId = $"H{s:D3}", PriceDate = Day(d), Price = D(price), Currency = "USD" });
            }
        }

        var ingestReference = await h.TimeAsync(async () =>
        {
            var portfolios = new IngestPortfoliosRequest();
            portfolios.Portfolios.Add(Portfolio("HIST", "USD"));
            await h.Ingestion.IngestPortfolios(portfolios, new NoCtx());
            var instruments = new IngestInstrumentsRequest();
            instruments.Instruments.AddRange(Enumerable.Range(0, 100).Select(s => Instrument($"H{s:D3}", "USD")));
            await h.Ingestion.IngestInstruments(instruments, new NoCtx());
            var dates = new IngestBusinessDatesRequest();
            dates.BusinessDates.AddRange(days.Select(d => new BusinessDate { BusinessDate_ = Day(d) }));
            await h.Ingestion.IngestBusinessDates(dates, new NoCtx());
            await h.IngestPricesAsync(prices, 20_000);
        });
        var transactions = Enumerable.Range(0, 100).Select(s => Buy($"HIST-{s:D3}", "HIST", $"H{s:D3}", days[0], 100, 100m, "USD")).ToList();
        var calcTime = await h.TimeAsync(async () =>
        {
            await h.IngestTransactionsAsync(transactions, 1000);
            await h.Worker.ProcessAvailableAsync();
        });
        var positionDays = await h.CountAsync("calc_position_timeseries");
        var (copy, rows) = await h.RawCopyOfOutputAsync();
        Console.WriteLine("3. history: 100 positions x 5 years of daily prices");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"   ingest reference data + 126,000 prices: {ingestReference.TotalSeconds:F2} s"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"   ingest 100 BUY -> complete timeseries ({positionDays:N0} position-days): {calcTime.TotalSeconds:F2} s; raw COPY of {rows:N0} output rows {copy.TotalSeconds:F2} s; ratio {calcTime / copy:F1}x"));

        // 5. Full recompute of the same state (the portfolio record re-ingested restates every key from the start)...
        var full = await h.TimeAsync(async () =>
        {
            var again = new IngestPortfoliosRequest();
            again.Portfolios.Add(Portfolio("HIST", "USD"));
            await h.Ingestion.IngestPortfolios(again, new NoCtx());
            await h.Worker.ProcessAvailableAsync();
        });

        // ...versus one back-dated BUY a year before the last day in one existing position.
        var backDated = await h.TimeAsync(async () =>
        {
            await h.IngestTransactionsAsync([Buy("HIST-BACK", "HIST", "H042", days[^253], 7, 101m, "USD")], 1);
            await h.Worker.ProcessAvailableAsync();
        });
        Console.WriteLine("5. back-dated BUY one year back in the history portfolio");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"   full recompute: {full.TotalSeconds:F3} s; back-dated BUY re-settled: {backDated.TotalSeconds:F3} s = {backDated / full * 100:F1}% of full (target < 5%)"));
    }

    private static async Task PrintCountsAsync(Harness h)
    {
        foreach (var table in OutputTables)
        {
            var count = await h.CountAsync(table);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"   {table}: {count:N0} rows"));
        }
    }

    private static Portfolio Portfolio(string id, string baseCurrency) => new()
    {
        PortfolioId = id, BaseCurrency = baseCurrency, CostBasisMethod = "FIFO", OpenDate = "2019-01-01", ClientId = "C1",
        BookingCenterCode = "SG", PortfolioType = "DISCRETIONARY", RiskExposure = "MODERATE", InvestmentTimeHorizon = "LONG", Status = "ACTIVE",
    };

    private static Instrument Instrument(string id, string currency) => new()
    {
        SecurityId = id, Name = id, Currency = currency, ProductType = "EQUITY", AssetClass = "EQUITY",
    };

    private static Transaction Buy(string id, string portfolioId, string securityId, DateOnly date, int quantity, decimal price, string currency) => new()
    {
        TransactionId = id, PortfolioId = portfolioId, InstrumentId = securityId, SecurityId = securityId, TransactionDate = Day(date),
        SettlementDate = Day(date), TransactionType = "BUY", Quantity = quantity.ToString(CultureInfo.InvariantCulture), Price = D(price),
        GrossTransactionAmount = D(quantity * price), TradeCurrency = currency, Currency = currency, TradeFee = "1.25",
    };
}

/// <summary>Call context for in-process service calls.</summary>
internal sealed class NoCtx : Lotus.Grpc.ServerCallContext
{
    public override Lotus.Grpc.IMethod Method => throw new NotSupportedException();

    public override string Peer => "ipv4:127.0.0.1:1";

    public override DateTime Deadline => DateTime.MaxValue;

    public override CancellationToken CancellationToken => CancellationToken.None;

    public override Lotus.Grpc.Metadata RequestHeaders { get; } = new();

    public override Lotus.Grpc.Metadata ResponseTrailers { get; } = new();

    public override Lotus.Grpc.Status Status { get; set; } = Lotus.Grpc.Status.Ok;

    public override string CorrelationId { get; } = "BENCH:" + Guid.NewGuid().ToString("N");

    public override IDictionary<object, object?> UserState { get; } = new Dictionary<object, object?>();

    public override IServiceProvider Services => throw new NotSupportedException();

    public override Task WriteResponseHeadersAsync(Lotus.Grpc.Metadata responseHeaders) => Task.CompletedTask;
}

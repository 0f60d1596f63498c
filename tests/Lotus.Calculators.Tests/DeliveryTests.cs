using Lotus.Calculators.Tests.Support;
using static Lotus.Calculators.Tests.Support.Records;

namespace Lotus.Calculators.Tests;

/// <summary>At-least-once delivery with idempotent, transactional effects; several server processes on one database.</summary>
[TestFixture]
public sealed class DeliveryTests
{
    private Pipeline _p = null!;

    [SetUp]
    public async Task SetUpAsync()
    {
        _p = await Pipeline.CreateAsync();
        await _p.Instruments(Instrument("AAA"));
        await _p.BusinessDates("2024-03-01", "2024-03-04");
        await _p.Prices(Price("AAA", "2024-03-01", "10"), Price("AAA", "2024-03-04", "11"));
    }

    [TearDown]
    public async Task TearDownAsync() => await _p.DisposeAsync();

    [Test]
    public async Task CrashBeforeCommit_LeavesNoPartialRows_AndTheRetryWritesEverythingOnce()
    {
        // The first batch dies after writing most of its rows (as a process killed before COMMIT would).
        await using (var command = _p.DataSource.CreateCommand(
            """
            CREATE TABLE crash_once (fired boolean NOT NULL);
            INSERT INTO crash_once VALUES (false);
            CREATE FUNCTION crash_once() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              IF NOT (SELECT fired FROM crash_once) THEN
                UPDATE crash_once SET fired = true;
                RAISE EXCEPTION 'simulated crash';
              END IF;
              RETURN NULL;
            END $$;
            CREATE TRIGGER crash_once AFTER INSERT ON calc_portfolio_timeseries FOR EACH STATEMENT EXECUTE FUNCTION crash_once();
            """))
        {
            await command.ExecuteNonQueryAsync();
        }

        await _p.Portfolios(Portfolio("P1"));
        await _p.Transactions(Buy("P1-B1", "P1", "AAA", "2024-03-01", "10", "10"), Sell("P1-S1", "P1", "AAA", "2024-03-04", "4", "11"));
        await _p.DrainAsync();

        // The crash rolled back the trigger's own flag too: a real crash cannot remember either. Make the retry succeed.
        await using (var command = _p.DataSource.CreateCommand("DROP TRIGGER crash_once ON calc_portfolio_timeseries"))
        {
            await command.ExecuteNonQueryAsync();
        }

        Assert.That(await _p.Costs("P1"), Is.Empty, "nothing of the failed attempt is visible");
        await _p.DrainAsync();

        Assert.That(await _p.Costs("P1"), Has.Count.EqualTo(2), "each transaction costed once (current rows)");
        Assert.That(await _p.PositionDays("P1"), Has.Count.EqualTo(2));
        Assert.That(await _p.PortfolioDays("P1"), Has.Count.EqualTo(2));
        var versions = await _p.Version("P1");
        Assert.That(await CountAllAsync($"calc_transaction_costs WHERE valid_from > {versions}"), Is.Zero, "no rows from an uncommitted version");
    }

    [Test]
    public async Task RedeliveredIngestion_IsIdempotent()
    {
        await _p.Portfolios(Portfolio("P1"));
        await _p.Transactions(Buy("P1-B1", "P1", "AAA", "2024-03-01", "10", "10"));
        await _p.DrainAsync();
        var before = await StateSnapshot.ReadAsync(_p, "P1");

        await _p.Transactions(Buy("P1-B1", "P1", "AAA", "2024-03-01", "10", "10"));
        await _p.DrainAsync();

        (await StateSnapshot.ReadAsync(_p, "P1")).AssertEqual(before, "the same transaction again");
    }

    [Test]
    public async Task TwoServerProcesses_SplitThePortfolios_AndProcessEachOnce()
    {
        var ids = Enumerable.Range(0, 20).Select(i => $"M{i:D2}").ToArray();
        await _p.Portfolios([.. ids.Select(id => Portfolio(id))]);
        await _p.Transactions([.. ids.Select(id => Buy(id + "-B1", id, "AAA", "2024-03-01", "10", "10"))]);
        var first = _p.NewWorker(new CalculatorOptions { Consumers = 1, MemberId = "server-a" });
        var second = new CalculatorWorker(new Lotus.Messaging.Postgres.PostgresEventTransport(_p.Db.CreateDataSource()), new CalculatorOptions { Consumers = 1, MemberId = "server-b" });
        try
        {
            var handled = await Task.WhenAll(first.ProcessAvailableAsync(), second.ProcessAvailableAsync());
            handled = [handled[0] + await first.ProcessAvailableAsync(), handled[1] + await second.ProcessAvailableAsync()];

            foreach (var id in ids)
            {
                Assert.That(await _p.Version(id), Is.EqualTo(1), id + " " + string.Join(",", handled));
            }

            Assert.That(handled.Sum(), Is.EqualTo(2 * ids.Length), "every event (a portfolio and a transaction write per portfolio) handled once across both processes");
        }
        finally
        {
            await second.LeaveAsync();
            second.Dispose();
        }
    }

    private async Task<long> CountAllAsync(string table)
    {
        await using var command = _p.DataSource.CreateCommand($"SELECT count(*) FROM {table}");
        return (long)(await command.ExecuteScalarAsync())!;
    }
}

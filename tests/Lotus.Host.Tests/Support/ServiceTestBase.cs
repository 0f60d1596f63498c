using Google.Rpc;
using Lotus.Grpc;
using Lotus.Host.Services.Ingestion;
using Lotus.Host.Services.Query;
using Lotus.TestSupport;

namespace Lotus.Host.Tests.Support;

/// <summary>A fresh migrated database per test, with the services over it.</summary>
public abstract class ServiceTestBase
{
    /// <summary>"Today" of the ingestion clock (business dates may not lie after it).</summary>
    protected static readonly DateTimeOffset Now = new(2026, 11, 20, 12, 0, 0, TimeSpan.Zero);

    protected TestDatabase Db { get; private set; } = null!;

    protected IngestionService Ingestion { get; private set; } = null!;

    protected QueryService Query { get; private set; } = null!;

    protected PageTokenCodec Tokens { get; } = new(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());

    // One migrated database per fixture; every test starts from empty tables.
    [OneTimeSetUp]
    public async Task CreateDatabaseAsync()
    {
        Db = await TestDatabase.CreateAsync(migrate: true);
        await using var command = Db.DataSource.CreateCommand(TableEventSink.CreateTableSql);
        await command.ExecuteNonQueryAsync();
    }

    [SetUp]
    public async Task EmptyTablesAsync()
    {
        await using (var command = Db.DataSource.CreateCommand(
            "TRUNCATE portfolios, instruments, transactions, market_prices, fx_rates, business_dates, ingestion_jobs, test_ingestion_events"))
        {
            await command.ExecuteNonQueryAsync();
        }

        Ingestion = CreateIngestion();
        Query = new QueryService(Db.DataSource, Tokens);
    }

    [OneTimeTearDown]
    public async Task DropDatabaseAsync()
    {
        if (Db is not null)
        {
            await Db.DisposeAsync();
        }
    }

    protected IngestionService CreateIngestion(IIngestionProgressSource? progress = null, int maxViolations = 100)
        => new(Db.DataSource, new TableEventSink(), progress, new IngestionOptions { TimeProvider = new FixedTimeProvider(Now), MaxViolations = maxViolations });

    protected async Task<long> CountAsync(string sql)
    {
        await using var command = Db.DataSource.CreateCommand(sql);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Rows of every canonical table, jobs and events: all zero after a rejected write.</summary>
    protected async Task<long> CountEverythingAsync()
        => await CountAsync(
            "SELECT (SELECT count(*) FROM portfolios) + (SELECT count(*) FROM instruments) + (SELECT count(*) FROM transactions) "
            + "+ (SELECT count(*) FROM market_prices) + (SELECT count(*) FROM fx_rates) + (SELECT count(*) FROM business_dates) "
            + "+ (SELECT count(*) FROM ingestion_jobs) + (SELECT count(*) FROM test_ingestion_events)");

    protected static async Task<RpcException> ThrowsRpcAsync(StatusCode code, Func<Task> call)
    {
        var exception = Assert.ThrowsAsync<RpcException>(async () => await call());
        Assert.That(exception!.StatusCode, Is.EqualTo(code), exception.Status.Detail);
        await Task.CompletedTask;
        return exception;
    }

    protected static IReadOnlyList<string> ViolationFields(RpcException exception)
        => Details<BadRequest>(exception)?.FieldViolations.Select(v => v.Field).ToList() ?? [];

    protected static string? Reason(RpcException exception) => Details<ErrorInfo>(exception)?.Reason;

    protected static T? Details<T>(RpcException exception)
        where T : class, Google.Protobuf.IMessage<T>, new()
    {
        var details = exception.Status.Details;
        Assert.That(details, Is.Not.Null, "rich status details expected");
        Assert.That(details!.Code, Is.EqualTo((int)exception.StatusCode));
        var descriptor = new T().Descriptor;
        return details.Details.FirstOrDefault(a => a.Is(descriptor))?.Unpack<T>();
    }
}

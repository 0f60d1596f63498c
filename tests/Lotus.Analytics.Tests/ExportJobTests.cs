using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Lotus.Analytics.Tests.Support;
using Lotus.Core.V1;
using Lotus.Grpc;
using Lotus.Host.Services.Analytics;
using Lotus.Host.Services.Analytics.Export;
using Lotus.Storage.Analytics;
using Lotus.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;

using AnalyticsInputService = Lotus.Host.Services.Analytics.AnalyticsInputService;

namespace Lotus.Analytics.Tests;

/// <summary>Export jobs on real PostgreSQL: idempotency, results as NDJSON/JSON/gzip, crash and takeover.</summary>
[TestFixture]
public sealed class ExportJobTests
{
    private TestDatabase _db = null!;

    [SetUp]
    public async Task SetUp() => _db = await TestDatabase.CreateAsync(migrate: true);

    [TearDown]
    public async Task TearDown() => await _db.DisposeAsync();

    [Test]
    public async Task SameRequest_SameJob_ThenReusedCompleted()
    {
        var (service, runner, _) = Create();
        var first = (await service.CreateExportJob(PositionExport("ndjson", "none"), new TestCallContext())).Job;
        var again = (await service.CreateExportJob(PositionExport("ndjson", "none"), new TestCallContext())).Job;
        Assert.That(first.JobId, Does.Match("^aexp_[0-9a-f]{24}$"));
        Assert.That((again.JobId, first.Disposition, again.Disposition, again.Status), Is.EqualTo((first.JobId, "created", "reused_inflight", "accepted")));

        Assert.That(await runner.DrainAsync(CancellationToken.None), Is.EqualTo(1));
        var reused = (await service.CreateExportJob(PositionExport("ndjson", "none"), new TestCallContext())).Job;
        Assert.That((reused.JobId, reused.Disposition, reused.Status, reused.ResultAvailable), Is.EqualTo((first.JobId, "reused_completed", "completed", true)));
        var status = (await service.GetExportJob(new GetExportJobRequest { JobId = first.JobId }, new TestCallContext())).Job;
        Assert.That((status.Disposition, status.ResultRowCount, status.LifecycleMode), Is.EqualTo(("status_lookup", 3L * 260, "background_job_execution")));
    }

    [Test]
    public async Task NdjsonResult_MetadataLineThenOneDataLinePerRow()
    {
        var (service, runner, store) = Create();
        var job = (await service.CreateExportJob(PositionExport("ndjson", "none"), new TestCallContext())).Job;
        await runner.DrainAsync(CancellationToken.None);
        var lines = Encoding.UTF8.GetString(await ResultAsync(service, job.JobId, "", "")).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        using var metadata = JsonDocument.Parse(lines[0]);
        Assert.That(metadata.RootElement.GetProperty("record_type").GetString(), Is.EqualTo("metadata"));
        Assert.That(metadata.RootElement.GetProperty("job_id").GetString(), Is.EqualTo(job.JobId));
        var records = lines.Skip(1).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.That(records.All(r => r.GetProperty("record_type").GetString() == "data"), Is.True);
        var keys = records.Select(r => (r.GetProperty("record").GetProperty("valuation_date").GetString(), r.GetProperty("record").GetProperty("security_id").GetString())).ToList();
        var expected = store.Visible(Samples.Portfolio, 1).Where(r => r.ValuationDate.Year == 2022).Select(r => (Decimals.Date(r.ValuationDate), r.SecurityId)).ToList();
        Assert.That(keys, Is.EqualTo(expected));
        Assert.That(records[0].GetProperty("record").GetProperty("ending_market_value_position_currency").ValueKind, Is.EqualTo(JsonValueKind.String));
    }

    [Test]
    public async Task GzipJsonResult_ParsesToSameRows()
    {
        var (service, runner, _) = Create();
        var job = (await service.CreateExportJob(PositionExport("json", "gzip"), new TestCallContext())).Job;
        await runner.DrainAsync(CancellationToken.None);
        var compressed = await ResultAsync(service, job.JobId, "", "");
        Assert.That(compressed[..2], Is.EqualTo(new byte[] { 0x1f, 0x8b }));
        using var gzip = new GZipStream(new MemoryStream(compressed), CompressionMode.Decompress);
        using var document = await JsonDocument.ParseAsync(gzip);
        Assert.That(document.RootElement.GetProperty("data").GetArrayLength(), Is.EqualTo(3 * 260));
        Assert.That(document.RootElement.GetProperty("result_row_count").GetInt64(), Is.EqualTo(3 * 260));

        var ndjsonGzip = await ResultAsync(service, job.JobId, "ndjson", "gzip");
        using var lines = new StreamReader(new GZipStream(new MemoryStream(ndjsonGzip), CompressionMode.Decompress));
        Assert.That((await lines.ReadToEndAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries), Has.Length.EqualTo(1 + (3 * 260)));
    }

    [Test]
    public async Task RunnerKilledMidExport_RestartedRunnerCompletesExactlyOnce()
    {
        var (service, _, _) = Create();
        var job = (await service.CreateExportJob(PositionExport("ndjson", "none", "2022-01-01", "2024-12-31"), new TestCallContext())).Job;

        // The first runner dies after its first chunk: it never completes nor releases its lease.
        using var crash = new CancellationTokenSource();
        var (_, crashing, _) = Create(lease: TimeSpan.FromSeconds(1), afterChunk: (_, _) =>
        {
            crash.Cancel();
            crash.Token.ThrowIfCancellationRequested();
            return Task.CompletedTask;
        });
        Assert.CatchAsync<OperationCanceledException>(() => crashing.DrainAsync(crash.Token));
        var midway = (await service.GetExportJob(new GetExportJobRequest { JobId = job.JobId }, new TestCallContext())).Job;
        Assert.That(midway.Status, Is.EqualTo("running"));
        Assert.That(midway.ResultRowCount, Is.GreaterThan(0));

        // A restarted server takes the job over once the lease has expired.
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        var (_, restarted, store) = Create(lease: TimeSpan.FromSeconds(30));
        Assert.That(await restarted.DrainAsync(CancellationToken.None), Is.EqualTo(1));
        var done = (await service.GetExportJob(new GetExportJobRequest { JobId = job.JobId }, new TestCallContext())).Job;
        Assert.That((done.Status, done.ResultRowCount), Is.EqualTo(("completed", (long)store.Visible(Samples.Portfolio, 1).Count())));

        var lines = Encoding.UTF8.GetString(await ResultAsync(service, job.JobId, "", "")).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines.Length - 1, Is.EqualTo(store.Visible(Samples.Portfolio, 1).Count()));
        Assert.That(lines.Skip(1).Distinct().Count(), Is.EqualTo(lines.Length - 1));
    }

    [Test]
    public async Task ResultOfIncompleteOrUnknownJob_Refused()
    {
        var (service, _, _) = Create();
        var job = (await service.CreateExportJob(PositionExport("ndjson", "none"), new TestCallContext())).Job;
        var incomplete = Assert.ThrowsAsync<RpcException>(() => ResultAsync(service, job.JobId, "", ""));
        Assert.That(incomplete!.StatusCode, Is.EqualTo(StatusCode.FailedPrecondition));
        Assert.That(Requests.Info(incomplete).Reason, Is.EqualTo("INSUFFICIENT_DATA"));
        var unknown = Assert.ThrowsAsync<RpcException>(() => service.GetExportJob(new GetExportJobRequest { JobId = "aexp_000000000000000000000000" }, new TestCallContext()));
        Assert.That(unknown!.StatusCode, Is.EqualTo(StatusCode.NotFound));
    }

    [Test]
    public void MismatchedDatasetRequest_InvalidArgument()
    {
        var (service, _, _) = Create();
        var request = PositionExport("ndjson", "none");
        request.DatasetType = "portfolio_timeseries";
        var ex = Assert.ThrowsAsync<RpcException>(() => service.CreateExportJob(request, new TestCallContext()));
        Assert.That(ex!.StatusCode, Is.EqualTo(StatusCode.InvalidArgument));
    }

    [Test]
    public async Task PortfolioExport_Completes()
    {
        var (service, runner, _) = Create();
        var request = new CreateExportJobRequest { DatasetType = "portfolio_timeseries", PortfolioId = Samples.Portfolio, PortfolioTimeseriesRequest = Requests.Portfolio("2022-01-01", "2022-12-31"), ResultFormat = "ndjson" };
        var job = (await service.CreateExportJob(request, new TestCallContext())).Job;
        Assert.That(job.EstimatedRowCount, Is.EqualTo(260));
        await runner.DrainAsync(CancellationToken.None);
        var lines = Encoding.UTF8.GetString(await ResultAsync(service, job.JobId, "", "")).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines, Has.Length.EqualTo(261));
    }

    private static CreateExportJobRequest PositionExport(string format, string compression, string start = "2022-01-01", string end = "2022-12-31")
        => new()
        {
            DatasetType = "position_timeseries",
            PortfolioId = Samples.Portfolio,
            PositionTimeseriesRequest = Requests.Position(start, end),
            ResultFormat = format,
            Compression = compression,
        };

    private static async Task<byte[]> ResultAsync(AnalyticsInputService service, string jobId, string format, string compression)
    {
        var writer = new ListStreamWriter<GetExportJobResultResponse>();
        await service.GetExportJobResult(new GetExportJobResultRequest { JobId = jobId, ResultFormat = format, Compression = compression }, writer, new TestCallContext());
        return writer.Messages.SelectMany(m => m.Chunk.Data.ToByteArray()).ToArray();
    }

    private (AnalyticsInputService Service, ExportJobRunner Runner, InMemoryAnalyticsStore Store) Create(TimeSpan? lease = null, Func<ExportClaim, int, Task>? afterChunk = null)
    {
        var store = Samples.Seed(new InMemoryAnalyticsStore());
        var jobs = new ExportJobStore(_db.DataSource);
        var (service, _, time, options) = Samples.Create(store, jobs);
        options.ExportLease = lease ?? TimeSpan.FromSeconds(30);
        options.ExportPageSize = 500;
        var executor = new ExportJobExecutor(store, jobs, options, time) { AfterChunk = afterChunk };
        return (service, new ExportJobRunner(jobs, executor, options, NullLogger<ExportJobRunner>.Instance), store);
    }
}

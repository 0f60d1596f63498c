using Lotus.Core.V1;
using Lotus.Grpc;
using Lotus.Host.Services.Ingestion;
using Lotus.Host.Tests.Support;
using Lotus.Storage.Canonical;

namespace Lotus.Host.Tests;

[TestFixture]
public sealed class IngestionJobTests : ServiceTestBase
{
    /// <summary>A progress source reporting a fixed share of each job's events as processed.</summary>
    private sealed class FixedProgress(Func<IngestionJobRecord, IngestionProgress> progress) : IIngestionProgressSource
    {
        public ValueTask<IngestionProgress> GetProgressAsync(IngestionJobRecord job, CancellationToken cancellationToken) => ValueTask.FromResult(progress(job));
    }

    [Test]
    public async Task AcceptedJob_ReportsCountsAndNoProgressUntilCalculatorsExist()
    {
        var context = new TestCallContext("job-key");
        var ack = (await Ingestion.IngestTransactions(Samples.Transactions(Samples.Buy("T1"), Samples.Buy("T2"), Samples.Buy("T3")), context)).Ack;

        var job = (await Ingestion.GetIngestionJob(new GetIngestionJobRequest { JobId = ack.JobId }, new TestCallContext())).Job;

        Assert.That(job.JobId, Is.EqualTo(ack.JobId));
        Assert.That(job.EntityType, Is.EqualTo("transaction"));
        Assert.That(job.Status, Is.EqualTo("accepted"));
        Assert.That(job.AcceptedCount, Is.EqualTo(3));
        Assert.That(job.TotalEventCount, Is.EqualTo(3));
        Assert.That(job.ProcessedEventCount, Is.Zero);
        Assert.That(job.IdempotencyKey, Is.EqualTo("job-key"));
        Assert.That(job.CorrelationId, Is.EqualTo(context.CorrelationId));
        Assert.That(job.SubmittedAt, Does.Match(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$"));
        Assert.That(job.CompletedAt, Is.Empty);
    }

    [Test]
    public async Task ProgressSource_DrivesProcessingAndCompletion()
    {
        var ack = (await Ingestion.IngestTransactions(Samples.Transactions(Samples.Buy("T1"), Samples.Buy("T2")), new TestCallContext())).Ack;
        var request = new GetIngestionJobRequest { JobId = ack.JobId };
        var completedAt = new DateTime(2026, 11, 20, 12, 30, 0, DateTimeKind.Utc);

        var half = (await CreateIngestion(new FixedProgress(_ => new IngestionProgress(1))).GetIngestionJob(request, new TestCallContext())).Job;
        var all = (await CreateIngestion(new FixedProgress(j => new IngestionProgress(j.TotalEventCount, CompletedAt: completedAt))).GetIngestionJob(request, new TestCallContext())).Job;
        var failed = (await CreateIngestion(new FixedProgress(_ => new IngestionProgress(1, "cost engine: oversold"))).GetIngestionJob(request, new TestCallContext())).Job;

        Assert.That((half.Status, half.ProcessedEventCount), Is.EqualTo(("processing", 1L)));
        Assert.That((all.Status, all.ProcessedEventCount, all.CompletedAt), Is.EqualTo(("completed", 2L, "2026-11-20T12:30:00.000000Z")));
        Assert.That((failed.Status, failed.FailureReason), Is.EqualTo(("failed", "cost engine: oversold")));
    }

    [Test]
    public async Task EmptyTransactionBatch_IsAcceptedNoOpWithACompletedJob()
    {
        var ack = (await Ingestion.IngestTransactions(new IngestTransactionsRequest(), new TestCallContext())).Ack;

        var job = (await Ingestion.GetIngestionJob(new GetIngestionJobRequest { JobId = ack.JobId }, new TestCallContext())).Job;

        Assert.That(ack.AcceptedCount, Is.Zero);
        Assert.That(job.Status, Is.EqualTo("completed"));
        Assert.That(job.CompletedAt, Is.Not.Empty);
    }

    [Test]
    public async Task UnknownJob_IsNotFound_AndMalformedId_IsInvalidArgument()
    {
        var missing = await ThrowsRpcAsync(StatusCode.NotFound,
            () => Ingestion.GetIngestionJob(new GetIngestionJobRequest { JobId = "job_" + new string('0', 32) }, new TestCallContext()));
        var malformed = await ThrowsRpcAsync(StatusCode.InvalidArgument,
            () => Ingestion.GetIngestionJob(new GetIngestionJobRequest { JobId = "job_XYZ" }, new TestCallContext()));

        Assert.That(Reason(missing), Is.EqualTo("INGESTION_JOB_NOT_FOUND"));
        Assert.That(ViolationFields(malformed), Is.EqualTo(new[] { "job_id" }));
    }
}

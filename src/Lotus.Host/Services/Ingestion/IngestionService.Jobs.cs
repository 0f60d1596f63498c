using System.Globalization;
using Lotus.Core.V1;
using Lotus.Grpc;
using Lotus.Host.Services.Errors;
using Lotus.Host.Services.Ingestion.Validation;
using Lotus.Storage.Canonical;
using Npgsql;

namespace Lotus.Host.Services.Ingestion;

/// <summary>GetIngestionJob: the job row and the calculators' progress.</summary>
public sealed partial class IngestionService
{
    public override async Task<GetIngestionJobResponse> GetIngestionJob(GetIngestionJobRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        if (!IsJobId(request.JobId))
        {
            throw RpcErrors.InvalidField("job_id", "must read job_<32 lower-case hex digits>", ErrorReasons.InvalidQuery);
        }

        IngestionJobRecord? job;
        await using (var connection = await _dataSource.OpenConnectionAsync(context.CancellationToken).ConfigureAwait(false))
        {
            job = await IngestionJobStore.FindByIdAsync(connection, request.JobId, context.CancellationToken).ConfigureAwait(false);
        }

        if (job is null)
        {
            throw RpcErrors.Create(StatusCode.NotFound, $"No ingestion job '{request.JobId}'.", ErrorReasons.JobNotFound);
        }

        var progress = await _progress.GetProgressAsync(job, context.CancellationToken).ConfigureAwait(false);
        var processed = Math.Min(progress.ProcessedEventCount, job.TotalEventCount);
        var failure = job.FailureReason ?? progress.FailureReason;
        var status = failure is not null ? "failed"
            : job.Status == "completed" || processed >= job.TotalEventCount ? "completed"
            : processed > 0 ? "processing"
            : job.Status;
        var completedAt = job.CompletedAt ?? progress.CompletedAt;
        return new GetIngestionJobResponse
        {
            Job = new IngestionJob
            {
                JobId = job.JobId,
                EntityType = job.EntityType,
                Status = status,
                AcceptedCount = job.AcceptedCount,
                ProcessedEventCount = processed,
                TotalEventCount = job.TotalEventCount,
                IdempotencyKey = job.IdempotencyKey ?? string.Empty,
                CorrelationId = job.CorrelationId,
                SubmittedAt = Rfc3339(job.SubmittedAt),
                CompletedAt = status == "completed" && completedAt is { } at ? Rfc3339(at) : string.Empty,
                FailureReason = failure ?? string.Empty,
            },
        };
    }

    private static bool IsJobId(string value)
        => value.Length == 36 && value.StartsWith("job_", StringComparison.Ordinal) && value.AsSpan(4).ContainsAnyExcept("0123456789abcdef") is false;

    private static string Rfc3339(DateTime utc)
        => DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);
}

using Lotus.Host.Services.Ingestion;
using Lotus.Storage.Calculated;
using Lotus.Storage.Canonical;
using Npgsql;

namespace Lotus.Host.Calculated;

/// <summary>
/// Job progress from the calculators: the job's calculator events processed vs emitted, scaled to the
/// job's total_event_count. A job that emitted nothing (no affected portfolio) has nothing to wait for.
/// </summary>
public sealed class CalculatorProgressSource(NpgsqlDataSource dataSource) : IIngestionProgressSource
{
    public async ValueTask<IngestionProgress> GetProgressAsync(IngestionJobRecord job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var progress = await ChangeFanOutQueries.ReadProgressAsync(connection, job.JobId, cancellationToken).ConfigureAwait(false);
        if (progress is not { } p)
        {
            return new IngestionProgress(job.TotalEventCount, null, job.SubmittedAt);
        }

        if (p.Processed >= p.Emitted)
        {
            return new IngestionProgress(job.TotalEventCount, p.Failure, p.CompletedAt);
        }

        return new IngestionProgress(p.Emitted == 0 ? 0 : job.TotalEventCount * p.Processed / p.Emitted, p.Failure);
    }
}

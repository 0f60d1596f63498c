using Lotus.Storage.Analytics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Lotus.Host.Services.Analytics.Export;

/// <summary>
/// Hosted service that executes export jobs: claims one at a time (accepted, or running with an expired
/// lease, i.e. its runner died), runs it, and polls when idle. Several server processes may run one each:
/// claims use SKIP LOCKED and writes are fenced by lease owner and attempt.
/// </summary>
public sealed partial class ExportJobRunner(IExportJobStore jobs, ExportJobExecutor executor, AnalyticsOptions options, ILogger<ExportJobRunner> logger) : BackgroundService
{
    /// <summary>This runner's lease owner name.</summary>
    public string Owner { get; } = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";

    /// <summary>Runs claimable jobs until none is left (tests and the hosted loop).</summary>
    public async Task<int> DrainAsync(CancellationToken cancellationToken)
    {
        var count = 0;
        while (await jobs.ClaimAsync(Owner, options.ExportLease, cancellationToken).ConfigureAwait(false) is { } claim)
        {
            LogClaimed(logger, claim.Job.JobId, claim.Attempt);
            await executor.RunAsync(claim, cancellationToken).ConfigureAwait(false);
            count++;
        }

        return count;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await DrainAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogFailed(logger, ex);
            }

            try
            {
                await Task.Delay(options.ExportPollInterval, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(EventId = 6301, Level = LogLevel.Information, Message = "Export job {JobId} claimed (attempt {Attempt})")]
    private static partial void LogClaimed(ILogger logger, string jobId, int attempt);

    [LoggerMessage(EventId = 6302, Level = LogLevel.Error, Message = "Export runner iteration failed")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}

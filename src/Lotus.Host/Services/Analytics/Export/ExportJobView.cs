using Lotus.Core.V1;
using Lotus.Storage.Analytics;

namespace Lotus.Host.Services.Analytics.Export;

/// <summary>The wire view of a stored export job.</summary>
public static class ExportJobView
{
    public const string LifecycleMode = "background_job_execution";

    public static ExportJob Of(ExportJobRecord job, string disposition)
    {
        ArgumentNullException.ThrowIfNull(job);
        var completed = job.Status == "completed";
        return new ExportJob
        {
            JobId = job.JobId,
            DatasetType = job.DatasetType,
            PortfolioId = job.PortfolioId,
            Status = job.Status,
            Disposition = disposition,
            RequestFingerprint = job.RequestFingerprint,
            ResultAvailable = completed,
            ResultEndpoint = $"/integration/exports/analytics-timeseries/jobs/{job.JobId}/result",
            ResultFormat = job.ResultFormat,
            Compression = job.Compression,
            ResultRowCount = job.ResultRowCount,
            ErrorMessage = job.ErrorMessage ?? string.Empty,
            CreatedAt = Decimals.Timestamp(job.CreatedAt),
            StartedAt = job.StartedAt is { } started ? Decimals.Timestamp(started) : string.Empty,
            CompletedAt = job.CompletedAt is { } done ? Decimals.Timestamp(done) : string.Empty,
            LifecycleMode = LifecycleMode,
            EstimatedRowCount = job.EstimatedRowCount,
        };
    }
}

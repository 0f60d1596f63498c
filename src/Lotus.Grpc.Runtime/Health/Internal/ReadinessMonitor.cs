using Lotus.Grpc.Server.Internal;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ServingStatus = Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace Lotus.Grpc.Health.Internal;

/// <summary>
/// Polls the readiness probes and drives "" and every mapped service: SERVING while all probes
/// answer true. Statuses change only when readiness changes, so statuses a host sets by hand stay.
/// On stopping, everything turns NOT_SERVING before the server stops accepting calls.
/// </summary>
internal sealed partial class ReadinessMonitor(
    HealthStatusManager manager,
    IEnumerable<IReadinessProbe> probes,
    GrpcServiceRegistry registry,
    IOptions<GrpcHealthOptions> options,
    IHostApplicationLifetime lifetime,
    ILogger<ReadinessMonitor> logger) : BackgroundService
{
    private readonly IReadinessProbe[] probes = probes.ToArray();
    private bool? lastReady;

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStopping.Register(manager.EnterShutdown);
        return base.StartAsync(cancellationToken);
    }

    public override Task StopAsync(CancellationToken cancellationToken)
    {
        manager.EnterShutdown();
        return base.StopAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var ready = await EvaluateAsync(stoppingToken).ConfigureAwait(false);
            if (ready != lastReady)
            {
                lastReady = ready;
                var status = ready ? ServingStatus.Serving : ServingStatus.NotServing;
                ReadinessChanged(logger, status);
                manager.SetStatus(string.Empty, status);
                foreach (var service in registry.Services)
                {
                    manager.SetStatus(service.Descriptor.FullName, status);
                }
            }

            try
            {
                await Task.Delay(options.Value.ProbeInterval, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task<bool> EvaluateAsync(CancellationToken stoppingToken)
    {
        foreach (var probe in probes)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            timeout.CancelAfter(options.Value.ProbeTimeout);
            try
            {
                if (!await probe.IsReadyAsync(timeout.Token).ConfigureAwait(false))
                {
                    return false;
                }
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                ProbeFailed(logger, probe.Name, e);
                return false;
            }
        }

        return true;
    }

    [LoggerMessage(EventId = 101, EventName = "ReadinessChanged", Level = LogLevel.Information, Message = "Readiness changed: {Status}.")]
    private static partial void ReadinessChanged(ILogger logger, ServingStatus status);

    [LoggerMessage(EventId = 102, EventName = "ReadinessProbeFailed", Level = LogLevel.Warning, Message = "Readiness probe {Probe} failed: counted as not ready.")]
    private static partial void ProbeFailed(ILogger logger, string probe, Exception exception);
}

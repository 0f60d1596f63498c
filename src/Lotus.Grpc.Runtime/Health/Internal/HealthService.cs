using Grpc.Health.V1;
using ServingStatus = Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace Lotus.Grpc.Health.Internal;

/// <summary>grpc.health.v1.Health bound by hand (health-checking.md): Check and Watch.</summary>
internal sealed class HealthService(HealthStatusManager manager)
{
    private const string ServiceName = "grpc.health.v1.Health";

    private static readonly Method<HealthCheckRequest, HealthCheckResponse> CheckMethod =
        new(MethodType.Unary, ServiceName, "Check", HealthCheckRequest.Parser, HealthCheckResponse.Parser);

    private static readonly Method<HealthCheckRequest, HealthCheckResponse> WatchMethod =
        new(MethodType.ServerStreaming, ServiceName, "Watch", HealthCheckRequest.Parser, HealthCheckResponse.Parser);

    public ServerServiceDefinition BindService() =>
        ServerServiceDefinition.CreateBuilder(HealthReflection.Descriptor.Services[0])
            .AddMethod(CheckMethod, CheckAsync)
            .AddMethod(WatchMethod, WatchAsync)
            .Build();

    private Task<HealthCheckResponse> CheckAsync(HealthCheckRequest request, ServerCallContext context)
    {
        var status = manager.GetStatus(request.Service)
            ?? throw new RpcException(StatusCode.NotFound, $"Service '{request.Service}' is unknown.");
        return Task.FromResult(HealthStatusManager.Response(status));
    }

    /// <summary>Sends the current status at once, then each change; ends (OK) when the server shuts down.</summary>
    private async Task WatchAsync(HealthCheckRequest request, IServerStreamWriter<HealthCheckResponse> responses, ServerCallContext context)
    {
        ServingStatus? sent = null;
        while (true)
        {
            var (status, changed, shuttingDown) = manager.Observe(request.Service);
            var current = status ?? ServingStatus.ServiceUnknown;
            if (current != sent)
            {
                await responses.WriteAsync(HealthStatusManager.Response(current), context.CancellationToken).ConfigureAwait(false);
                sent = current;
            }

            if (shuttingDown)
            {
                return;
            }

            await changed.WaitAsync(context.CancellationToken).ConfigureAwait(false);
        }
    }
}

using Lotus.Core.V1;
using Lotus.Grpc;
using Lotus.Grpc.Client;
using Lotus.Host.Hosting;

namespace Lotus.Host.Demo;

/// <summary>
/// Loads <see cref="DemoDataPack"/> through the server's own public gRPC endpoint, as a client would.
/// The fixed idempotency key makes a re-run a replay of the first load.
/// </summary>
internal static class DemoDataLoader
{
    public static async Task LoadAsync(EndpointSettings endpoints, CancellationToken cancellationToken)
    {
        var host = endpoints.BindAddress is "0.0.0.0" or "::" ? "127.0.0.1" : endpoints.BindAddress;
        var scheme = string.IsNullOrWhiteSpace(endpoints.Tls.CertificatePath) ? "http" : "https";
        using var channel = GrpcChannel.ForAddress($"{scheme}://{host}:{endpoints.GrpcPort}");
        var client = new IngestionService.IngestionServiceClient(channel);
        IngestPortfolioBundleResponse ack;
        try
        {
            ack = await client.IngestPortfolioBundleAsync(
                DemoDataPack.Bundle(),
                new CallOptions(deadline: DateTime.UtcNow.AddMinutes(2), cancellationToken: cancellationToken));
        }
        catch (RpcException e)
        {
            // The server keeps running: the demo data is a convenience, not a prerequisite.
            var violations = e.Status.Details?.Details
                .Where(d => d.Is(Google.Rpc.BadRequest.Descriptor))
                .SelectMany(d => d.Unpack<Google.Rpc.BadRequest>().FieldViolations)
                .Take(5)
                .Select(v => $"{v.Field}: {v.Description}") ?? [];
            Console.WriteLine($"demo data  not loaded: {e.Status.Code} {e.Status.Detail} {string.Join("; ", violations)}");
            return;
        }

        Console.WriteLine($"demo data  {ack.Ack.AcceptedCount} records, job {ack.Ack.JobId}{(ack.Ack.Replayed ? " (already loaded)" : "")}; calculators run in the background");
    }
}

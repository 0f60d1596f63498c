using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Lotus.Grpc.Server.Internal;

/// <summary>
/// Server call metrics on the "Lotus.Grpc.Server" meter (System.Diagnostics.Metrics; collect with
/// OpenTelemetry or dotnet-counters): calls by method and status, and call duration in seconds.
/// </summary>
internal static class GrpcServerMetrics
{
    public const string MeterName = "Lotus.Grpc.Server";

    private static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> Calls = Meter.CreateCounter<long>(
        "lotus.grpc.server.calls", unit: "{call}", description: "Completed server calls by method and grpc-status.");

    private static readonly Histogram<double> Duration = Meter.CreateHistogram<double>(
        "lotus.grpc.server.call.duration", unit: "s", description: "Server call duration, from request headers to status.");

    public static long Start() => Stopwatch.GetTimestamp();

    public static void Stop(long started, IMethod method, StatusCode status)
    {
        if (!Calls.Enabled && !Duration.Enabled)
        {
            return;
        }

        var tags = new TagList
        {
            { "rpc.method", method.FullName },
            { "rpc.grpc.status_code", (int)status },
        };
        Calls.Add(1, tags);
        Duration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, tags);
    }
}

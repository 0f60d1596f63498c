using System.Diagnostics;
using System.Globalization;
using Google.Protobuf;
using Lotus.Grpc;
using Lotus.Grpc.Client;
using Lotus.Grpc.Interop;
using Lotus.Interop.V1;

// Server streaming of N ~100-byte messages and unary round trips at concurrency 1 and 64, against
// our server, a grpcio server and a grpc-js server, all read by the same client (ours). Prints
// messages/s, MB/s, p50/p99 and the ratios ours/grpcio and ours/grpc-js measured in this run.
// Usage: dotnet run -c Release --project benchmarks/Lotus.Benchmarks.Grpc [-- messages [unaryCalls]]
var messages = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1_000_000;
var unaryCalls = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 20_000;
const int PayloadSize = 90; // ~100 bytes on the wire with the sequence number and framing

var results = new Dictionary<string, Result>(StringComparer.Ordinal);
await using (var ours = await InteropServer.StartAsync())
{
    results["ours"] = await MeasureAsync("ours", ours.Address);
}

foreach (var peer in new[] { "grpcio", "grpc-js" })
{
    using var server = PeerServer.Start(peer);
    results[peer] = await MeasureAsync(peer, server.Address);
}

Console.WriteLine();
foreach (var peer in new[] { "grpcio", "grpc-js" })
{
    var o = results["ours"];
    var p = results[peer];
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"ours/{peer}: stream {o.StreamRate / p.StreamRate:F2}x, unary c=1 {o.Unary1Rate / p.Unary1Rate:F2}x, unary c=64 {o.Unary64Rate / p.Unary64Rate:F2}x"));
}

async Task<Result> MeasureAsync(string name, string address)
{
    using var channel = GrpcChannel.ForAddress(address);
    var client = new BenchmarkService.BenchmarkServiceClient(channel);
    await StreamAsync(client, 10_000); // warm-up
    await UnaryAsync(client, 200, 1);

    var watch = Stopwatch.StartNew();
    var bytes = await StreamAsync(client, messages);
    var seconds = watch.Elapsed.TotalSeconds;
    var streamRate = messages / seconds;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{name,-8} stream {messages:N0} msgs: {streamRate:N0} msg/s, {bytes / seconds / 1e6:F1} MB/s"));

    var (rate1, p50a, p99a) = await UnaryAsync(client, unaryCalls / 4, 1);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-8} unary c=1:  {rate1:N0} calls/s, p50 {p50a:F3} ms, p99 {p99a:F3} ms"));
    var (rate64, p50b, p99b) = await UnaryAsync(client, unaryCalls, 64);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-8} unary c=64: {rate64:N0} calls/s, p50 {p50b:F3} ms, p99 {p99b:F3} ms"));
    return new Result(streamRate, rate1, rate64);
}

async Task<long> StreamAsync(BenchmarkService.BenchmarkServiceClient client, int count)
{
    using var call = client.StreamMessages(new StreamRequest { Count = count, PayloadSize = PayloadSize });
    long bytes = 0;
    var received = 0;
    while (await call.ResponseStream.MoveNext())
    {
        bytes += call.ResponseStream.Current.CalculateSize() + 5;
        received++;
    }

    if (received != count)
    {
        throw new InvalidOperationException($"received {received} of {count} messages");
    }

    return bytes;
}

async Task<(double Rate, double P50, double P99)> UnaryAsync(BenchmarkService.BenchmarkServiceClient client, int calls, int concurrency)
{
    var request = new BenchmarkMessage { Payload = ByteString.CopyFrom(new byte[PayloadSize]) };
    var latencies = new double[calls];
    var next = -1;
    var watch = Stopwatch.StartNew();
    var workers = Enumerable.Range(0, concurrency).Select(async _ =>
    {
        int i;
        while ((i = Interlocked.Increment(ref next)) < calls)
        {
            var start = Stopwatch.GetTimestamp();
            await client.EchoAsync(request);
            latencies[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }
    });
    await Task.WhenAll(workers);
    var rate = calls / watch.Elapsed.TotalSeconds;
    Array.Sort(latencies);
    return (rate, latencies[calls / 2], latencies[(int)(calls * 0.99)]);
}

internal sealed record Result(double StreamRate, double Unary1Rate, double Unary64Rate);

using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Lotus.Grpc.Tests.Infrastructure;
using Lotus.Grpc.Tests.V1;

namespace Lotus.Grpc.Tests.Server;

[TestFixture]
public sealed class MetricsTests : KestrelTestBase
{
    [Test]
    public async Task CompletedCalls_AreCountedByMethodAndStatus()
    {
        var calls = new ConcurrentQueue<(string Method, int Status)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == "Lotus.Grpc.Server" && instrument.Name == "lotus.grpc.server.calls")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, _, tags, _) =>
        {
            string? method = null;
            var status = -1;
            foreach (var tag in tags)
            {
                if (tag.Key == "rpc.method")
                {
                    method = (string?)tag.Value;
                }
                else if (tag.Key == "rpc.grpc.status_code")
                {
                    status = (int)tag.Value!;
                }
            }

            calls.Enqueue((method!, status));
        });
        listener.Start();

        using (var ok = await Client.PostAsync("/lotus.test.v1.TestService/Unary", new EchoRequest { Text = "metrics-ok" }))
        {
            await GrpcTestClient.ReadFramesAsync(ok);
        }

        using (var failed = await Client.PostAsync("/lotus.test.v1.TestService/Unary", new EchoRequest { Mode = "error", Text = "x" }))
        {
            await failed.AssertTrailersOnlyAsync(StatusCode.InvalidArgument);
        }

        for (var i = 0; i < 500 && calls.Count(c => c.Method == "/lotus.test.v1.TestService/Unary") < 2; i++)
        {
            await Task.Delay(10);
        }

        Assert.That(calls.Where(c => c.Method == "/lotus.test.v1.TestService/Unary").Select(c => c.Status), Is.SupersetOf(new[] { 0, 3 }));
    }
}

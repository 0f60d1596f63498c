using Google.Protobuf.WellKnownTypes;
using Lotus.Grpc.Client;
using Lotus.Grpc.Runtime.Tests.Client.Infrastructure;
using Microsoft.AspNetCore.Builder;

namespace Lotus.Grpc.Runtime.Tests.Client;

[TestFixture]
public sealed class GrpcChannelTests
{
    [Test]
    public void Options_DefaultToTheReferenceLimits()
    {
        var options = new GrpcChannelOptions();

        Assert.That(options.MaxReceiveMessageSize, Is.EqualTo(4 * 1024 * 1024));
        Assert.That(options.MaxSendMessageSize, Is.Null);
        Assert.That(options.RequestCompression, Is.Null);
    }

    [Test]
    public void Options_RejectUnknownCompressionAndNegativeSizes()
    {
        var options = new GrpcChannelOptions();

        Assert.That(() => options.RequestCompression = "snappy", Throws.ArgumentException);
        Assert.That(() => options.MaxReceiveMessageSize = -1, Throws.InstanceOf<ArgumentOutOfRangeException>());
        Assert.That(() => options.MaxSendMessageSize = -1, Throws.InstanceOf<ArgumentOutOfRangeException>());
    }

    [TestCase("ftp://127.0.0.1:21")]
    [TestCase("/relative")]
    public void ForAddress_RejectsNonHttpAddresses(string address)
    {
        Assert.That(() => GrpcChannel.ForAddress(new Uri(address, UriKind.RelativeOrAbsolute)), Throws.ArgumentException);
    }

    [Test]
    public void CallOptionsCompression_MustBeSupported()
    {
        using var channel = GrpcChannel.ForAddress("http://127.0.0.1:1");

        Assert.That(
            () => channel.AsyncUnaryCall(GrpcWire.Unary, new StringValue(), new CallOptions { RequestCompression = "br" }),
            Throws.ArgumentException);
    }

    [Test]
    public void DisposedChannel_RefusesNewCalls()
    {
        var channel = GrpcChannel.ForAddress("http://127.0.0.1:1");
        channel.Dispose();

        Assert.That(() => channel.AsyncUnaryCall(GrpcWire.Unary, new StringValue(), default), Throws.InstanceOf<ObjectDisposedException>());
    }

    [Test]
    public async Task SuppliedHttpClient_IsUsedAndNotDisposed()
    {
        await using var server = await ScriptedGrpcServer.StartAsync(app => app.MapPost(GrpcWire.Unary.FullName, async context =>
        {
            await GrpcWire.StartAsync(context);
            await GrpcWire.WriteAsync(context, GrpcWire.Frame("via supplied client"));
            GrpcWire.Trailers(context, 0);
        }));
        using var httpClient = new HttpClient(new SocketsHttpHandler()) { Timeout = Timeout.InfiniteTimeSpan };

        using (var channel = GrpcChannel.ForAddress(server.Address, new GrpcChannelOptions { HttpClient = httpClient }))
        {
            Assert.That((await channel.AsyncUnaryCall(GrpcWire.Unary, new StringValue(), default)).Value, Is.EqualTo("via supplied client"));
        }

        using var again = GrpcChannel.ForAddress(server.Address, new GrpcChannelOptions { HttpClient = httpClient });
        Assert.That((await again.AsyncUnaryCall(GrpcWire.Unary, new StringValue(), default)).Value, Is.EqualTo("via supplied client"));
    }
}

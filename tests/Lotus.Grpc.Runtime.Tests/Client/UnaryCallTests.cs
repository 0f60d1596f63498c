using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Lotus.Grpc.Runtime.Tests.Client.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Lotus.Grpc.Runtime.Tests.Client;

[TestFixture]
public sealed class UnaryCallTests
{
    [Test]
    public async Task UnaryCall_SendsGrpcRequestHeaders_AndReturnsMessageHeadersAndTrailers()
    {
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        await using var server = await ScriptedGrpcServer.StartAsync(app => app.MapPost(GrpcWire.Unary.FullName, async context =>
        {
            foreach (var name in new[] { "content-type", "te", "grpc-accept-encoding", "user-agent", "x-tenant", "x-blob-bin", "grpc-timeout" })
            {
                seen[name] = context.Request.Headers[name].ToString();
            }

            seen["protocol"] = context.Request.Protocol;
            var request = await GrpcWire.ReadSingleRequestAsync(context);
            context.Response.Headers["x-header"] = "h1";
            await GrpcWire.StartAsync(context);
            await GrpcWire.WriteAsync(context, GrpcWire.Frame("echo:" + request.Value));
            context.Response.AppendTrailer("x-trailer-bin", Convert.ToBase64String([0xAB, 0xAB, 0xAB]));
            GrpcWire.Trailers(context, 0);
        }));
        using var channel = server.CreateChannel();
        var metadata = new Metadata().Add("X-Tenant", "acme").Add("x-blob-bin", [1, 2, 3, 4]);

        using var call = channel.AsyncUnaryCall(GrpcWire.Unary, new StringValue { Value = "hi" }, new CallOptions(headers: metadata));
        var response = await call.ResponseAsync;
        var headers = await call.ResponseHeadersAsync;

        Assert.Multiple(() =>
        {
            Assert.That(response.Value, Is.EqualTo("echo:hi"));
            Assert.That(call.GetStatus().Code, Is.EqualTo(StatusCode.OK));
            Assert.That(headers.GetValue("x-header"), Is.EqualTo("h1"));
            Assert.That(call.GetTrailers().Get("x-trailer-bin")!.ValueBytes, Is.EqualTo(new byte[] { 0xAB, 0xAB, 0xAB }));
            Assert.That(seen["protocol"], Is.EqualTo("HTTP/2"));
            Assert.That(seen["content-type"], Is.EqualTo("application/grpc"));
            Assert.That(seen["te"], Is.EqualTo("trailers"));
            Assert.That(seen["grpc-accept-encoding"], Is.EqualTo("identity,gzip,deflate"));
            Assert.That(seen["user-agent"], Does.StartWith("grpc-"));
            Assert.That(seen["x-tenant"], Is.EqualTo("acme"));
            Assert.That(seen["x-blob-bin"], Is.EqualTo("AQIDBA"), "unpadded base64");
            Assert.That(seen["grpc-timeout"], Is.Empty, "no deadline, no grpc-timeout");
        });
    }

    [Test]
    public async Task MessageSplitAcrossWrites_IsReassembled()
    {
        await using var server = await ScriptedGrpcServer.StartAsync(app => app.MapPost(GrpcWire.Unary.FullName, async context =>
        {
            await GrpcWire.StartAsync(context);
            foreach (var b in GrpcWire.Frame(new string('x', 300)))
            {
                await GrpcWire.WriteAsync(context, [b]);
            }

            GrpcWire.Trailers(context, 0);
        }));
        using var channel = server.CreateChannel();

        var response = await channel.AsyncUnaryCall(GrpcWire.Unary, new StringValue(), default);

        Assert.That(response.Value, Is.EqualTo(new string('x', 300)));
    }

    [Test]
    public async Task TrailersOnlyError_ReportsCodeDecodedMessageAndMetadata()
    {
        await using var server = await ScriptedGrpcServer.StartAsync(app => app.MapPost(GrpcWire.Unary.FullName, context =>
        {
            GrpcWire.TrailersOnly(context, 5, "caf%C3%A9 not found %E2%98%BA %F0%9F%98%88\t");
            context.Response.Headers["x-why"] = "missing";
            return Task.CompletedTask;
        }));
        using var channel = server.CreateChannel();

        using var call = channel.AsyncUnaryCall(GrpcWire.Unary, new StringValue(), default);
        var error = Assert.ThrowsAsync<RpcException>(async () => await call.ResponseAsync)!;

        Assert.That(error.StatusCode, Is.EqualTo(StatusCode.NotFound));
        Assert.That(error.Status.Detail, Is.EqualTo("café not found ☺ 😈\t"));
        Assert.That(error.Trailers.GetValue("x-why"), Is.EqualTo("missing"));
        Assert.That(call.GetStatus(), Is.EqualTo(error.Status));
    }

    [Test]
    public async Task BadPercentEscapes_AreKeptAsWritten()
    {
        await using var server = await ScriptedGrpcServer.StartAsync(app => app.MapPost(GrpcWire.Unary.FullName, context =>
        {
            GrpcWire.TrailersOnly(context, 13, "50%zz done %4");
            return Task.CompletedTask;
        }));
        using var channel = server.CreateChannel();

        var error = Assert.ThrowsAsync<RpcException>(async () => await channel.AsyncUnaryCall(GrpcWire.Unary, new StringValue(), default))!;

        Assert.That(error.Status.Detail, Is.EqualTo("50%zz done %4"));
    }

    [Test]
    public async Task StatusDetailsBin_IsDecodedIntoTheStatus()
    {
        var details = new Google.Rpc.Status { Code = 3, Message = "bad field" };
        details.Details.Add(Any.Pack(new StringValue { Value = "amount" }));
        await using var server = await ScriptedGrpcServer.StartAsync(app => app.MapPost(GrpcWire.Unary.FullName, async context =>
        {
            await GrpcWire.StartAsync(context);
            GrpcWire.Trailers(context, 3, "bad field");
            context.Response.AppendTrailer("grpc-status-details-bin", Convert.ToBase64String(details.ToByteArray()).TrimEnd('='));
        }));
        using var channel = server.CreateChannel();

        var error = Assert.ThrowsAsync<RpcException>(async () => await channel.AsyncUnaryCall(GrpcWire.Unary, new StringValue(), default))!;

        Assert.That(error.StatusCode, Is.EqualTo(StatusCode.InvalidArgument));
        Assert.That(error.Status.Details, Is.EqualTo(details));
        Assert.That(error.Trailers.Get("grpc-status-details-bin"), Is.Null, "status headers are not application metadata");
    }

    [TestCase(200, "application/grpc", StatusCode.Unknown)]
    [TestCase(404, "text/plain", StatusCode.Unimplemented)]
    [TestCase(503, "text/plain", StatusCode.Unavailable)]
    [TestCase(401, "application/grpc", StatusCode.Unauthenticated)]
    [TestCase(400, "text/plain", StatusCode.Internal)]
    public async Task MissingGrpcStatus_IsSynthesisedFromTheHttpStatus(int httpStatus, string contentType, StatusCode expected)
    {
        await using var server = await ScriptedGrpcServer.StartAsync(app => app.MapPost(GrpcWire.Unary.FullName, async context =>
        {
            context.Response.StatusCode = httpStatus;
            context.Response.ContentType = contentType;
            await context.Response.StartAsync();
            if (httpStatus == 200)
            {
                await GrpcWire.WriteAsync(context, GrpcWire.Frame("no status follows"));
            }
        }));
        using var channel = server.CreateChannel();

        var error = Assert.ThrowsAsync<RpcException>(async () => await channel.AsyncUnaryCall(GrpcWire.Unary, new StringValue(), default))!;

        Assert.That(error.StatusCode, Is.EqualTo(expected));
    }

    [Test]
    public async Task OkWithoutAMessage_IsAResponseCardinalityError()
    {
        await using var server = await ScriptedGrpcServer.StartAsync(app => app.MapPost(GrpcWire.Unary.FullName, context =>
        {
            GrpcWire.TrailersOnly(context, 0);
            return Task.CompletedTask;
        }));
        using var channel = server.CreateChannel();

        using var call = channel.AsyncUnaryCall(GrpcWire.Unary, new StringValue(), default);
        var error = Assert.ThrowsAsync<RpcException>(async () => await call.ResponseAsync)!;

        Assert.That(error.StatusCode, Is.EqualTo(StatusCode.Unimplemented));
        Assert.That(call.GetStatus().Code, Is.EqualTo(StatusCode.Unimplemented));
    }

    [Test]
    public async Task TwoMessagesForAUnaryCall_AreAResponseCardinalityError()
    {
        await using var server = await ScriptedGrpcServer.StartAsync(app => app.MapPost(GrpcWire.Unary.FullName, async context =>
        {
            await GrpcWire.StartAsync(context);
            await GrpcWire.WriteAsync(context, [.. GrpcWire.Frame("one"), .. GrpcWire.Frame("two")]);
            GrpcWire.Trailers(context, 0);
        }));
        using var channel = server.CreateChannel();

        var error = Assert.ThrowsAsync<RpcException>(async () => await channel.AsyncUnaryCall(GrpcWire.Unary, new StringValue(), default))!;

        Assert.That(error.StatusCode, Is.EqualTo(StatusCode.Unimplemented));
    }

    [Test]
    public async Task BodyEndingInsideAFrame_IsInternal()
    {
        await using var server = await ScriptedGrpcServer.StartAsync(app => app.MapPost(GrpcWire.Unary.FullName, async context =>
        {
            await GrpcWire.StartAsync(context);
            await GrpcWire.WriteAsync(context, GrpcWire.Frame("truncated")[..7]);
            GrpcWire.Trailers(context, 0);
        }));
        using var channel = server.CreateChannel();

        var error = Assert.ThrowsAsync<RpcException>(async () => await channel.AsyncUnaryCall(GrpcWire.Unary, new StringValue(), default))!;

        Assert.That(error.StatusCode, Is.EqualTo(StatusCode.Internal));
    }

    [Test]
    public async Task UnparseableMessage_IsInternal()
    {
        await using var server = await ScriptedGrpcServer.StartAsync(app => app.MapPost(GrpcWire.Unary.FullName, async context =>
        {
            await GrpcWire.StartAsync(context);
            await GrpcWire.WriteAsync(context, GrpcWire.Frame([0x0A, 0x7F, 0x01]));
            GrpcWire.Trailers(context, 0);
        }));
        using var channel = server.CreateChannel();

        var error = Assert.ThrowsAsync<RpcException>(async () => await channel.AsyncUnaryCall(GrpcWire.Unary, new StringValue(), default))!;

        Assert.That(error.StatusCode, Is.EqualTo(StatusCode.Internal));
    }

    [TestCase(2, StatusCode.Internal)]
    [TestCase(7, StatusCode.Unavailable)]
    [TestCase(8, StatusCode.Cancelled)]
    [TestCase(11, StatusCode.ResourceExhausted)]
    public async Task ResetMidMessage_MapsTheHttp2ErrorCode(int errorCode, StatusCode expected)
    {
        await using var server = await ScriptedGrpcServer.StartAsync(app => app.MapPost(GrpcWire.Unary.FullName, async context =>
        {
            await GrpcWire.StartAsync(context);
            await GrpcWire.WriteAsync(context, GrpcWire.Frame(new string('r', 100))[..50]);
            GrpcWire.Reset(context, errorCode);
        }));
        using var channel = server.CreateChannel();

        var error = Assert.ThrowsAsync<RpcException>(async () => await channel.AsyncUnaryCall(GrpcWire.Unary, new StringValue(), default))!;

        Assert.That(error.StatusCode, Is.EqualTo(expected), error.Status.Detail);
    }

    [Test]
    public async Task UnknownStatusNumberText_IsUnknown()
    {
        await using var server = await ScriptedGrpcServer.StartAsync(app => app.MapPost(GrpcWire.Unary.FullName, context =>
        {
            context.Response.ContentType = "application/grpc";
            context.Response.Headers["grpc-status"] = "abc";
            return Task.CompletedTask;
        }));
        using var channel = server.CreateChannel();

        var error = Assert.ThrowsAsync<RpcException>(async () => await channel.AsyncUnaryCall(GrpcWire.Unary, new StringValue(), default))!;

        Assert.That(error.StatusCode, Is.EqualTo(StatusCode.Unknown));
    }

    [Test]
    public void NoServerListening_IsUnavailable()
    {
        using var channel = Lotus.Grpc.Client.GrpcChannel.ForAddress("http://127.0.0.1:1");

        var error = Assert.ThrowsAsync<RpcException>(async () => await channel.AsyncUnaryCall(GrpcWire.Unary, new StringValue(), default))!;

        Assert.That(error.StatusCode, Is.EqualTo(StatusCode.Unavailable));
        Assert.That(error.Status.Detail, Is.Not.Empty);
    }
}

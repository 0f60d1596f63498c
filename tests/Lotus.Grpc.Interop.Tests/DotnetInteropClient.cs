using Google.Protobuf;
using Lotus.Interop.V1;

namespace Lotus.Grpc.Interop.Tests;

/// <summary>The interop cases run by OUR client, against any server of the interop contract.</summary>
public sealed class DotnetInteropClient(CallInvoker invoker)
{
    private static readonly int[] RequestSizes = [27182, 8, 1828, 45904];
    private static readonly int[] ResponseSizes = [31415, 9, 2653, 58979];
    private readonly TestService.TestServiceClient client = new(invoker);

    private static CallOptions Options(CancellationToken cancellationToken = default, Metadata? headers = null, string? compression = null)
        => new(headers, DateTime.UtcNow.AddSeconds(30), cancellationToken) { RequestCompression = compression };

    public Task RunAsync(string name) => name switch
    {
        "empty_unary" => EmptyUnary(),
        "large_unary" => LargeUnary(),
        "client_streaming" => ClientStreaming(),
        "server_streaming" => ServerStreaming(),
        "ping_pong" => PingPong(),
        "empty_stream" => EmptyStream(),
        "timeout_on_sleeping_server" => TimeoutOnSleepingServer(),
        "cancel_after_begin" => CancelAfterBegin(),
        "cancel_after_first_response" => CancelAfterFirstResponse(),
        "custom_metadata" => CustomMetadata(),
        "status_code_and_message" => StatusCodeAndMessage("test status message"),
        "special_status_message" => StatusCodeAndMessage(InteropCases.SpecialStatusMessage),
        "unimplemented_method" => UnimplementedMethod(),
        "unimplemented_service" => UnimplementedService(),
        "client_compressed_unary" => ClientCompressedUnary(),
        "server_compressed_unary" => ServerCompressedUnary(),
        "client_compressed_streaming" => ClientCompressedStreaming(),
        "server_compressed_streaming" => ServerCompressedStreaming(),
        "max_message_size" => MaxMessageSize(),
        _ => throw new ArgumentException($"unknown case {name}", nameof(name)),
    };

    private async Task EmptyUnary()
    {
        var response = await client.EmptyCallAsync(new Empty(), Options());
        Assert.That(response, Is.EqualTo(new Empty()));
    }

    private async Task LargeUnary()
    {
        var response = await client.UnaryCallAsync(new SimpleRequest { ResponseSize = 314159, Payload = Zeros(271828) }, Options());
        Assert.That(response.Payload.Body.Length, Is.EqualTo(314159));
    }

    private async Task ClientStreaming()
    {
        using var call = client.StreamingInputCall(Options());
        foreach (var size in RequestSizes)
        {
            await call.RequestStream.WriteAsync(new StreamingInputCallRequest { Payload = Zeros(size) });
        }

        await call.RequestStream.CompleteAsync();
        Assert.That((await call.ResponseAsync).AggregatedPayloadSize, Is.EqualTo(74922));
    }

    private async Task ServerStreaming()
    {
        var request = new StreamingOutputCallRequest();
        request.ResponseParameters.AddRange(ResponseSizes.Select(s => new ResponseParameters { Size = s }));
        using var call = client.StreamingOutputCall(request, Options());
        var sizes = new List<int>();
        await foreach (var response in call.ResponseStream.ReadAllAsync())
        {
            sizes.Add(response.Payload.Body.Length);
        }

        Assert.That(sizes, Is.EqualTo(ResponseSizes));
        Assert.That(call.GetStatus().Code, Is.EqualTo(StatusCode.OK));
    }

    private async Task PingPong()
    {
        using var call = client.FullDuplexCall(Options());
        for (var i = 0; i < RequestSizes.Length; i++)
        {
            var request = new StreamingOutputCallRequest { Payload = Zeros(RequestSizes[i]) };
            request.ResponseParameters.Add(new ResponseParameters { Size = ResponseSizes[i] });
            await call.RequestStream.WriteAsync(request);
            Assert.That(await call.ResponseStream.MoveNext(), Is.True);
            Assert.That(call.ResponseStream.Current.Payload.Body.Length, Is.EqualTo(ResponseSizes[i]));
        }

        await call.RequestStream.CompleteAsync();
        Assert.That(await call.ResponseStream.MoveNext(), Is.False);
    }

    private async Task EmptyStream()
    {
        using var call = client.FullDuplexCall(Options());
        await call.RequestStream.CompleteAsync();
        Assert.That(await call.ResponseStream.MoveNext(), Is.False);
        Assert.That(call.GetStatus().Code, Is.EqualTo(StatusCode.OK));
    }

    private async Task TimeoutOnSleepingServer()
    {
        using var call = client.FullDuplexCall(new CallOptions(deadline: DateTime.UtcNow.AddMilliseconds(1)));
        try
        {
            await call.RequestStream.WriteAsync(new StreamingOutputCallRequest { Payload = Zeros(27182) });
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.DeadlineExceeded)
        {
            // The write may already see the expired deadline.
        }

        var error = Assert.ThrowsAsync<RpcException>(async () => await call.ResponseStream.MoveNext());
        Assert.That(error!.StatusCode, Is.EqualTo(StatusCode.DeadlineExceeded));
    }

    private async Task CancelAfterBegin()
    {
        using var cts = new CancellationTokenSource();
        using var call = client.StreamingInputCall(Options(cts.Token));
        await cts.CancelAsync();
        var error = Assert.ThrowsAsync<RpcException>(async () => await call.ResponseAsync);
        Assert.That(error!.StatusCode, Is.EqualTo(StatusCode.Cancelled));
    }

    private async Task CancelAfterFirstResponse()
    {
        using var cts = new CancellationTokenSource();
        using var call = client.FullDuplexCall(Options(cts.Token));
        var request = new StreamingOutputCallRequest { Payload = Zeros(27182) };
        request.ResponseParameters.Add(new ResponseParameters { Size = 31415 });
        await call.RequestStream.WriteAsync(request);
        Assert.That(await call.ResponseStream.MoveNext(), Is.True);
        await cts.CancelAsync();
        var error = Assert.ThrowsAsync<RpcException>(async () => await call.ResponseStream.MoveNext());
        Assert.That(error!.StatusCode, Is.EqualTo(StatusCode.Cancelled));
    }

    private async Task CustomMetadata()
    {
        byte[] trailing = [0xab, 0xab, 0xab];
        Metadata Headers() => new Metadata { { InteropServerKeys.EchoInitial, "test_initial_metadata_value" }, { InteropServerKeys.EchoTrailing, trailing } };

        using (var unary = client.UnaryCallAsync(new SimpleRequest { ResponseSize = 314159, Payload = Zeros(271828) }, Options(headers: Headers())))
        {
            await unary.ResponseAsync;
            Assert.That((await unary.ResponseHeadersAsync).GetValue(InteropServerKeys.EchoInitial), Is.EqualTo("test_initial_metadata_value"));
            Assert.That(unary.GetTrailers().Get(InteropServerKeys.EchoTrailing)?.ValueBytes, Is.EqualTo(trailing));
        }

        using var duplex = client.FullDuplexCall(Options(headers: Headers()));
        var request = new StreamingOutputCallRequest { Payload = Zeros(271828) };
        request.ResponseParameters.Add(new ResponseParameters { Size = 314159 });
        await duplex.RequestStream.WriteAsync(request);
        await duplex.RequestStream.CompleteAsync();
        while (await duplex.ResponseStream.MoveNext())
        {
        }

        Assert.That((await duplex.ResponseHeadersAsync).GetValue(InteropServerKeys.EchoInitial), Is.EqualTo("test_initial_metadata_value"));
        Assert.That(duplex.GetTrailers().Get(InteropServerKeys.EchoTrailing)?.ValueBytes, Is.EqualTo(trailing));
    }

    private async Task StatusCodeAndMessage(string message)
    {
        var unary = Assert.ThrowsAsync<RpcException>(async () =>
            await client.UnaryCallAsync(new SimpleRequest { ResponseStatus = new EchoStatus { Code = 2, Message = message } }, Options()));
        Assert.That(unary!.StatusCode, Is.EqualTo(StatusCode.Unknown));
        Assert.That(unary.Status.Detail, Is.EqualTo(message));

        using var duplex = client.FullDuplexCall(Options());
        await duplex.RequestStream.WriteAsync(new StreamingOutputCallRequest { ResponseStatus = new EchoStatus { Code = 2, Message = message } });
        await duplex.RequestStream.CompleteAsync();
        var error = Assert.ThrowsAsync<RpcException>(async () => await duplex.ResponseStream.MoveNext());
        Assert.That(error!.StatusCode, Is.EqualTo(StatusCode.Unknown));
        Assert.That(error.Status.Detail, Is.EqualTo(message));
    }

    private async Task UnimplementedMethod()
    {
        var error = Assert.ThrowsAsync<RpcException>(async () => await client.UnimplementedCallAsync(new Empty(), Options()));
        Assert.That(error!.StatusCode, Is.EqualTo(StatusCode.Unimplemented));
        await Task.CompletedTask;
    }

    private async Task UnimplementedService()
    {
        var other = new Lotus.Interop.V1.UnimplementedService.UnimplementedServiceClient(invoker);
        var error = Assert.ThrowsAsync<RpcException>(async () => await other.UnimplementedCallAsync(new Empty(), Options()));
        Assert.That(error!.StatusCode, Is.EqualTo(StatusCode.Unimplemented));
        await Task.CompletedTask;
    }

    private async Task ClientCompressedUnary()
    {
        // Probe: a server that checks compression rejects an uncompressed message it expected compressed.
        var probe = Assert.ThrowsAsync<RpcException>(async () =>
            await client.UnaryCallAsync(new SimpleRequest { ResponseSize = 314159, Payload = Zeros(271828), ExpectCompressed = new BoolValue { Value = true } }, Options()));
        Assert.That(probe!.StatusCode, Is.EqualTo(StatusCode.InvalidArgument));

        var compressed = await client.UnaryCallAsync(new SimpleRequest { ResponseSize = 314159, Payload = Zeros(271828), ExpectCompressed = new BoolValue { Value = true } }, Options(compression: "gzip"));
        Assert.That(compressed.Payload.Body.Length, Is.EqualTo(314159));
        var plain = await client.UnaryCallAsync(new SimpleRequest { ResponseSize = 314159, Payload = Zeros(271828), ExpectCompressed = new BoolValue { Value = false } }, Options());
        Assert.That(plain.Payload.Body.Length, Is.EqualTo(314159));
    }

    private async Task ServerCompressedUnary()
    {
        foreach (var compressed in new[] { true, false })
        {
            var response = await client.UnaryCallAsync(new SimpleRequest { ResponseSize = 314159, Payload = Zeros(271828), ResponseCompressed = new BoolValue { Value = compressed } }, Options());
            Assert.That(response.Payload.Body.Length, Is.EqualTo(314159));
        }
    }

    private async Task ClientCompressedStreaming()
    {
        using var call = client.StreamingInputCall(Options(compression: "gzip"));
        await call.RequestStream.WriteAsync(new StreamingInputCallRequest { Payload = Zeros(27182), ExpectCompressed = new BoolValue { Value = true } });
        await call.RequestStream.WriteAsync(new StreamingInputCallRequest { Payload = Zeros(45904), ExpectCompressed = new BoolValue { Value = true } });
        await call.RequestStream.CompleteAsync();
        Assert.That((await call.ResponseAsync).AggregatedPayloadSize, Is.EqualTo(73086));
    }

    private async Task ServerCompressedStreaming()
    {
        var request = new StreamingOutputCallRequest();
        request.ResponseParameters.Add(new ResponseParameters { Size = 31415, Compressed = new BoolValue { Value = true } });
        request.ResponseParameters.Add(new ResponseParameters { Size = 92653, Compressed = new BoolValue { Value = false } });
        using var call = client.StreamingOutputCall(request, Options());
        var sizes = new List<int>();
        await foreach (var response in call.ResponseStream.ReadAllAsync())
        {
            sizes.Add(response.Payload.Body.Length);
        }

        Assert.That(sizes, Is.EqualTo(new[] { 31415, 92653 }));
    }

    private async Task MaxMessageSize()
    {
        var error = Assert.ThrowsAsync<RpcException>(async () =>
            await client.UnaryCallAsync(new SimpleRequest { ResponseSize = 1, Payload = Zeros((4 * 1024 * 1024) + 1) }, Options()));
        Assert.That(error!.StatusCode, Is.EqualTo(StatusCode.ResourceExhausted));
        await Task.CompletedTask;
    }

    private static Payload Zeros(int size) => new() { Body = ByteString.CopyFrom(new byte[size]) };
}

/// <summary>Metadata keys of the echo feature.</summary>
public static class InteropServerKeys
{
    public const string EchoInitial = InteropTestService.EchoInitialKey;
    public const string EchoTrailing = InteropTestService.EchoTrailingKey;
}

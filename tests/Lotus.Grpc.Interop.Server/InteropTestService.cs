using Google.Protobuf;
using Lotus.Interop.V1;

namespace Lotus.Grpc.Interop;

/// <summary>
/// lotus.interop.v1.TestService on our runtime, with the server features the interop cases need:
/// payload sizes, echoed status, echoed metadata, per-message compression and compression checks.
/// </summary>
public sealed class InteropTestService : TestService.TestServiceBase
{
    public const string EchoInitialKey = "x-grpc-test-echo-initial";
    public const string EchoTrailingKey = "x-grpc-test-echo-trailing-bin";

    public override Task<Empty> EmptyCall(Empty request, ServerCallContext context) => Task.FromResult(new Empty());

    public override async Task<SimpleResponse> UnaryCall(SimpleRequest request, ServerCallContext context)
    {
        await EchoMetadataAsync(context);
        if (request.ExpectCompressed is { } expect)
        {
            CheckCompressed(expect.Value, context);
        }

        if (request.ResponseStatus is { } status && status.Code != 0)
        {
            throw new RpcException(new Status((StatusCode)status.Code, status.Message));
        }

        if (request.ResponseCompressed is { } compressed)
        {
            context.ResponseCompressionAlgorithm = compressed.Value ? "gzip" : null;
            context.WriteOptions = new WriteOptions(NoCompress: !compressed.Value);
        }

        return new SimpleResponse { Payload = Zeros(request.ResponseSize) };
    }

    public override async Task StreamingOutputCall(StreamingOutputCallRequest request, IServerStreamWriter<StreamingOutputCallResponse> responseStream, ServerCallContext context)
    {
        await EchoMetadataAsync(context);
        await RespondAsync(request, responseStream, context);
        EndWithStatus(request.ResponseStatus);
    }

    public override async Task<StreamingInputCallResponse> StreamingInputCall(IAsyncStreamReader<StreamingInputCallRequest> requestStream, ServerCallContext context)
    {
        await EchoMetadataAsync(context);
        var total = 0;
        while (await requestStream.MoveNext(context.CancellationToken))
        {
            var message = requestStream.Current;
            if (message.ExpectCompressed is { } expect)
            {
                CheckCompressed(expect.Value, context);
            }

            total += message.Payload?.Body.Length ?? 0;
        }

        return new StreamingInputCallResponse { AggregatedPayloadSize = total };
    }

    public override async Task FullDuplexCall(IAsyncStreamReader<StreamingOutputCallRequest> requestStream, IServerStreamWriter<StreamingOutputCallResponse> responseStream, ServerCallContext context)
    {
        await EchoMetadataAsync(context);
        while (await requestStream.MoveNext(context.CancellationToken))
        {
            var request = requestStream.Current;
            EndWithStatus(request.ResponseStatus);
            await RespondAsync(request, responseStream, context);
        }
    }

    // Declared by the contract for the unimplemented_method case: answers as an unknown method would.
    public override Task<Empty> UnimplementedCall(Empty request, ServerCallContext context)
        => throw new RpcException(StatusCode.Unimplemented, "TestService.UnimplementedCall is deliberately not implemented.");

    private static async Task RespondAsync(StreamingOutputCallRequest request, IServerStreamWriter<StreamingOutputCallResponse> responseStream, ServerCallContext context)
    {
        foreach (var parameters in request.ResponseParameters)
        {
            if (parameters.IntervalUs > 0)
            {
                await Task.Delay(TimeSpan.FromMicroseconds(parameters.IntervalUs), context.CancellationToken);
            }

            if (parameters.Compressed is { } compressed)
            {
                if (compressed.Value)
                {
                    context.ResponseCompressionAlgorithm = "gzip";
                }

                context.WriteOptions = new WriteOptions(NoCompress: !compressed.Value);
            }

            await responseStream.WriteAsync(new StreamingOutputCallResponse { Payload = Zeros(parameters.Size) }, context.CancellationToken);
        }
    }

    private static void EndWithStatus(EchoStatus? status)
    {
        if (status is { Code: not 0 })
        {
            throw new RpcException(new Status((StatusCode)status.Code, status.Message));
        }
    }

    private static void CheckCompressed(bool expected, ServerCallContext context)
    {
        // Only the positive direction is checked, as the reference servers do: some clients (grpcio)
        // can compress every message of a call or none, never a chosen one.
        if (expected && !context.LastReceivedMessageCompressed)
        {
            throw new RpcException(StatusCode.InvalidArgument, "Expected a compressed request message.");
        }
    }

    private static async Task EchoMetadataAsync(ServerCallContext context)
    {
        if (context.RequestHeaders.GetValue(EchoInitialKey) is { } initial)
        {
            await context.WriteResponseHeadersAsync(new Metadata { { EchoInitialKey, initial } });
        }

        if (context.RequestHeaders.Get(EchoTrailingKey) is { IsBinary: true } trailing)
        {
            context.ResponseTrailers.Add(EchoTrailingKey, trailing.ValueBytes);
        }
    }

    private static Payload Zeros(int size) => new() { Body = size == 0 ? ByteString.Empty : ByteString.CopyFrom(new byte[size]) };
}

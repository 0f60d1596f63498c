using Google.Protobuf.WellKnownTypes;
using Lotus.CodegenCommon.V1;
using Lotus.Grpc;

namespace Lotus.CodeGen.Test.V1;

/// <summary>
/// Implements every rpc of the generated base: a compile error here means the generator's handler
/// signatures changed. Also the echo service of the end-to-end tests.
/// </summary>
internal sealed class EchoServiceImplementation : EchoService.EchoServiceBase
{
    public override Task<EchoResponse> Echo(EchoRequest request, ServerCallContext context) =>
        Task.FromResult(new EchoResponse { Text = request.Text });

    public override async Task Expand(EchoRequest request, IServerStreamWriter<EchoResponse.Types.Part> responseStream, ServerCallContext context)
    {
        for (var i = 0; i < request.Count; i++)
        {
            await responseStream.WriteAsync(new EchoResponse.Types.Part { Index = i, Text = request.Text });
        }
    }

    public override async Task<Timestamp> Collect(IAsyncStreamReader<Chunk> requestStream, ServerCallContext context)
    {
        await foreach (var unused in requestStream.ReadAllAsync())
        {
        }

        return Timestamp.FromDateTime(DateTime.UnixEpoch);
    }

    public override async Task Chat(IAsyncStreamReader<EchoRequest> requestStream, IServerStreamWriter<EchoResponse> responseStream, ServerCallContext context)
    {
        await foreach (var request in requestStream.ReadAllAsync())
        {
            await responseStream.WriteAsync(new EchoResponse { Text = request.Text });
        }
    }

    public override Task<Google.Rpc.Status> Fail(Empty request, ServerCallContext context) =>
        Task.FromResult(new Google.Rpc.Status { Code = 3 });
}

internal sealed class PingServiceImplementation : PingService.PingServiceBase
{
    public override Task<Empty> Ping(Empty request, ServerCallContext context) => Task.FromResult(new Empty());
}

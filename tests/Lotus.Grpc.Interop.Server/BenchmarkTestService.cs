using Google.Protobuf;
using Lotus.Interop.V1;

namespace Lotus.Grpc.Interop;

/// <summary>lotus.interop.v1.BenchmarkService on our runtime: the same fixed-shape calls every peer serves.</summary>
public sealed class BenchmarkTestService : BenchmarkService.BenchmarkServiceBase
{
    public override Task<BenchmarkMessage> Echo(BenchmarkMessage request, ServerCallContext context) => Task.FromResult(request);

    public override async Task StreamMessages(StreamRequest request, IServerStreamWriter<BenchmarkMessage> responseStream, ServerCallContext context)
    {
        var payload = ByteString.CopyFrom(new byte[request.PayloadSize]);
        for (var i = 0; i < request.Count; i++)
        {
            await responseStream.WriteAsync(new BenchmarkMessage { Sequence = i, Payload = payload }, context.CancellationToken);
        }
    }
}

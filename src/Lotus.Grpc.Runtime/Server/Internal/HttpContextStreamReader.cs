using Google.Protobuf;

namespace Lotus.Grpc.Server.Internal;

/// <summary>The request stream of a client-streaming or bidirectional call.</summary>
internal sealed class HttpContextStreamReader<T> : IAsyncStreamReader<T>
    where T : class, IMessage<T>
{
    private readonly HttpContextServerCallContext call;
    private readonly GrpcMessageReader reader;
    private readonly MessageParser<T> parser;
    private T? current;
    private bool ended;

    public HttpContextStreamReader(HttpContextServerCallContext call, GrpcMessageReader reader, MessageParser<T> parser)
    {
        this.call = call;
        this.reader = reader;
        this.parser = parser;
    }

    public T Current => current ?? throw new InvalidOperationException("No message has been read: call MoveNext first.");

    public async Task<bool> MoveNext(CancellationToken cancellationToken = default)
    {
        if (ended)
        {
            return false;
        }

        var token = cancellationToken.CanBeCanceled ? cancellationToken : call.CancellationToken;
        current = await reader.ReadMessageAsync(parser, token).ConfigureAwait(false);
        ended = current is null;
        return !ended;
    }
}

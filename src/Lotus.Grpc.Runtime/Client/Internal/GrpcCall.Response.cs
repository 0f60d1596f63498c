using System.Net;
using Lotus.Grpc.Protocol;

namespace Lotus.Grpc.Client.Internal;

/// <summary>The response side of a call: headers, messages, trailers, and the status they carry.</summary>
internal sealed partial class GrpcCall<TRequest, TResponse>
{
    private static readonly Task<bool> True = Task.FromResult(true);
    private static readonly Task<bool> False = Task.FromResult(false);

    private ResponseMessageReader<TResponse>? reader;

    /// <summary>
    /// Sends the request and waits for the response headers. True when messages may follow; false when the
    /// call already ended (Trailers-Only, a non-gRPC response, or a failure), with its status set.
    /// </summary>
    private async Task<bool> ReceiveHeadersAsync(HttpRequestMessage request)
    {
        try
        {
            var received = await channel.HttpClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, callCancellation.Token).ConfigureAwait(false);
            lock (gate)
            {
                response = received;
                if (status is not null)
                {
                    received.Dispose();
                    return false;
                }
            }

            var headerStatus = ClientStatusMapping.ReadStatus(received.Headers);
            var contentType = HeaderMetadata.First(received.Content.Headers, "content-type");
            if (received.StatusCode != HttpStatusCode.OK || !GrpcProtocolConstants.IsGrpcContentType(contentType))
            {
                // Not a gRPC response: its own grpc-status if it has one, else one from the HTTP status (section 6).
                Complete(
                    headerStatus ?? new Status(HttpStatusMapping.ToStatusCode((int)received.StatusCode), ClientErrors.UnexpectedHttpResponse((int)received.StatusCode, contentType)),
                    HeaderMetadata.ToMetadata(received.Headers));
                return false;
            }

            var metadata = HeaderMetadata.ToMetadata(received.Headers);
            responseHeaders.TrySetResult(metadata);
            if (headerStatus is not null)
            {
                // Trailers-Only: the status is in the only header block (section 5).
                Complete(CheckCardinality(headerStatus, noMessage: true), metadata);
                return false;
            }

            var body = await received.Content.ReadAsStreamAsync(callCancellation.Token).ConfigureAwait(false);
            reader = new ResponseMessageReader<TResponse>(
                body,
                method.ResponseParser,
                channel.MaxReceiveMessageSize,
                HeaderMetadata.First(received.Headers, GrpcProtocolConstants.EncodingHeader));
            return true;
        }
        catch (Exception e)
        {
            Fail(e);
            return false;
        }
    }

    /// <summary>
    /// The one response of a unary or client-streaming call. Cardinality violations end the call with
    /// UNIMPLEMENTED, as statuscodes.md prescribes for a client (grpc-dotnet says INTERNAL; we follow the spec).
    /// </summary>
    private async Task<TResponse> ReadSingleResponseAsync()
    {
        try
        {
            if (!await headersTask.ConfigureAwait(false))
            {
                throw StatusException();
            }

            var message = await reader!.ReadAsync(callCancellation.Token).ConfigureAwait(false);
            if (message is null)
            {
                CompleteFromTrailers(noMessage: true);
                throw StatusException();
            }

            if (!await reader.IsAtEndAsync(callCancellation.Token).ConfigureAwait(false))
            {
                FinishLocally(new Status(StatusCode.Unimplemented, ProtocolErrors.MoreThanOneResponse));
                throw StatusException();
            }

            CompleteFromTrailers(noMessage: false);
            return status!.Code == StatusCode.OK ? message : throw StatusException();
        }
        catch (Exception e)
        {
            Fail(e);
            throw StatusException();
        }
    }

    /// <summary>Reads the trailers after the body ended and completes the call with their status.</summary>
    private void CompleteFromTrailers(bool noMessage)
    {
        var trailerHeaders = response!.TrailingHeaders;
        var peerStatus = ClientStatusMapping.ReadStatus(trailerHeaders)
            ?? new Status(HttpStatusMapping.ToStatusCode((int)response.StatusCode), ClientErrors.NoStatusInResponse);
        Complete(CheckCardinality(peerStatus, noMessage), HeaderMetadata.ToMetadata(trailerHeaders));
    }

    /// <summary>OK without the one message a unary or client-streaming method must return is a cardinality error.</summary>
    private Status CheckCardinality(Status peerStatus, bool noMessage) =>
        noMessage && peerStatus.Code == StatusCode.OK && method.Type is MethodType.Unary or MethodType.ClientStreaming
            ? new Status(StatusCode.Unimplemented, ProtocolErrors.NoResponse)
            : peerStatus;

    private Task<bool> MoveNext(ResponseStreamReader streamReader, CancellationToken cancellationToken)
    {
        // Fast path: a wholly buffered message of a running stream, with no await and no allocation.
        if (status is null && headersTask.IsCompletedSuccessfully && reader is not null && !cancellationToken.IsCancellationRequested)
        {
            try
            {
                if (reader.TryReadBuffered(out var message))
                {
                    streamReader.Current = message;
                    return True;
                }
            }
            catch (Exception e)
            {
                Fail(e);
                return Task.FromException<bool>(StatusException());
            }
        }

        return MoveNextSlowAsync(streamReader, cancellationToken);
    }

    private async Task<bool> MoveNextSlowAsync(ResponseStreamReader streamReader, CancellationToken cancellationToken)
    {
        if (status is not null)
        {
            return status.Code == StatusCode.OK ? false : throw StatusException();
        }

        // Cancelling a read cancels the call, as the token cannot reach a read already in flight otherwise.
        using var registration = cancellationToken.CanBeCanceled
            ? cancellationToken.UnsafeRegister(
                static state => ((GrpcCall<TRequest, TResponse>)state!).FinishLocally(new Status(StatusCode.Cancelled, ProtocolErrors.CancelledByClient)),
                this)
            : default;
        try
        {
            if (!await headersTask.ConfigureAwait(false))
            {
                return status!.Code == StatusCode.OK ? false : throw StatusException();
            }

            var message = await reader!.ReadAsync(callCancellation.Token).ConfigureAwait(false);
            if (message is not null)
            {
                streamReader.Current = message;
                return true;
            }

            CompleteFromTrailers(noMessage: false);
            return status!.Code == StatusCode.OK ? false : throw StatusException();
        }
        catch (Exception e)
        {
            Fail(e);
            throw StatusException();
        }
    }

    /// <summary>The response stream of a server-streaming or duplex call.</summary>
    private sealed class ResponseStreamReader(GrpcCall<TRequest, TResponse> call) : IAsyncStreamReader<TResponse>
    {
        private TResponse? current;

        public TResponse Current
        {
            get => current ?? throw new InvalidOperationException("No message has been read: call MoveNext first.");
            set => current = value;
        }

        public Task<bool> MoveNext(CancellationToken cancellationToken = default) => call.MoveNext(this, cancellationToken);
    }
}

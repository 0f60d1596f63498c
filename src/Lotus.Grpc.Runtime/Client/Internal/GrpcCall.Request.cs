using System.Net;
using Lotus.Grpc.Protocol;

namespace Lotus.Grpc.Client.Internal;

/// <summary>The request side of a call: framing, deadline timer, cancellation hook, HTTP/2 request headers.</summary>
internal sealed partial class GrpcCall<TRequest, TResponse>
{
    private bool TryFrame(TRequest request, out byte[] frame)
    {
        try
        {
            frame = RequestFrames.Create(request, compression, channel.MaxSendMessageSize);
            return true;
        }
        catch (RpcException e)
        {
            frame = [];
            FinishLocally(e.Status);
            return false;
        }
    }

    private void Begin(HttpContent content)
    {
        if (status is not null)
        {
            return;
        }

        if (deadline is { } d)
        {
            var remaining = d - DateTime.UtcNow;
            if (remaining <= TimeSpan.Zero)
            {
                // Already expired: fail without sending anything.
                FinishLocally(new Status(StatusCode.DeadlineExceeded, ProtocolErrors.DeadlineExceeded));
                return;
            }

            if (remaining < MaxTimerDueTime)
            {
                deadlineTimer = new Timer(
                    static state => ((GrpcCall<TRequest, TResponse>)state!).FinishLocally(new Status(StatusCode.DeadlineExceeded, ProtocolErrors.DeadlineExceeded)),
                    this,
                    remaining,
                    Timeout.InfiniteTimeSpan);
            }
        }

        if (options.CancellationToken.CanBeCanceled)
        {
            cancellationRegistration = options.CancellationToken.UnsafeRegister(
                static state => ((GrpcCall<TRequest, TResponse>)state!).FinishLocally(new Status(StatusCode.Cancelled, ProtocolErrors.CancelledByClient)),
                this);
        }

        if (status is null)
        {
            headersTask = ReceiveHeadersAsync(CreateRequest(content));
        }
    }

    private HttpRequestMessage CreateRequest(HttpContent content)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, channel.UriOf(method))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = content,
        };
        var headers = request.Headers;

        // grpc-timeout right after the pseudo-headers (section 2); content-type lives on the content.
        if (deadline is { } d)
        {
            headers.TryAddWithoutValidation(GrpcProtocolConstants.TimeoutHeader, GrpcTimeout.Format(d - DateTime.UtcNow));
        }

        headers.TryAddWithoutValidation(GrpcProtocolConstants.TeHeader, GrpcProtocolConstants.TeTrailers);
        if (requestEncoding is not null)
        {
            headers.TryAddWithoutValidation(GrpcProtocolConstants.EncodingHeader, requestEncoding);
        }

        headers.TryAddWithoutValidation(GrpcProtocolConstants.AcceptEncodingHeader, CompressionProviders.AcceptEncodingValue);
        headers.TryAddWithoutValidation(GrpcProtocolConstants.UserAgentHeader, UserAgent);
        HeaderMetadata.AddTo(headers, options.Headers);
        return request;
    }

    private static DateTime? NormalizeDeadline(DateTime? value) => value switch
    {
        null => null,
        { } d when d == DateTime.MaxValue => null,
        { Kind: DateTimeKind.Local } d => d.ToUniversalTime(),
        { } d => DateTime.SpecifyKind(d, DateTimeKind.Utc),
    };
}

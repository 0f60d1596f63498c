using System.Globalization;
using System.Net.Http.Headers;
using Google.Protobuf;
using Lotus.Grpc.Protocol;

namespace Lotus.Grpc.Client.Internal;

/// <summary>Status of a call from the response, or from the failure that ended it (grpc-protocol.md section 6).</summary>
internal static class ClientStatusMapping
{
    /// <summary>grpc-status, grpc-message and grpc-status-details-bin of a header block; null when grpc-status is absent.</summary>
    public static Status? ReadStatus(HttpHeaders headers)
    {
        var code = HeaderMetadata.First(headers, GrpcProtocolConstants.StatusHeader);
        if (code is null)
        {
            return null;
        }

        var message = HeaderMetadata.First(headers, GrpcProtocolConstants.MessageHeader);
        var detail = message is null ? string.Empty : PercentEncoding.Decode(message);
        var details = StatusDetails.TryDecode(HeaderMetadata.First(headers, GrpcProtocolConstants.StatusDetailsHeader));

        // Decimal without sign or leading garbage; anything else is an unparseable status: UNKNOWN.
        if (!int.TryParse(code.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            return new Status(StatusCode.Unknown, $"Unparseable grpc-status '{code}'. {detail}".TrimEnd(), details);
        }

        return new Status((StatusCode)value, detail, details);
    }

    /// <summary>The status for an exception that ended a call: transport failures, resets, our own RpcExceptions.</summary>
    public static Status FromException(Exception exception)
    {
        if (exception is RpcException rpc)
        {
            return rpc.Status;
        }

        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is HttpProtocolException protocol)
            {
                return FromStreamReset(protocol.ErrorCode);
            }

            if (e is InvalidProtocolBufferException)
            {
                return new Status(StatusCode.Internal, ClientErrors.ResponseParseFailed);
            }
        }

        return exception switch
        {
            OperationCanceledException => new Status(StatusCode.Cancelled, ProtocolErrors.CancelledByClient),

            // Connection refused, lost, or broken mid-call: the server may be back later (section 7).
            HttpRequestException or IOException => new Status(StatusCode.Unavailable, ClientErrors.Transport(exception)),
            _ => new Status(StatusCode.Internal, ClientErrors.Transport(exception)),
        };
    }

    /// <summary>RST_STREAM error code to gRPC status at the receiver (section 6).</summary>
    public static Status FromStreamReset(long errorCode) => errorCode switch
    {
        0x0 => new Status(StatusCode.Internal, ClientErrors.StreamReset(errorCode, "NO_ERROR")),
        0x7 => new Status(StatusCode.Unavailable, ClientErrors.StreamReset(errorCode, "REFUSED_STREAM")),
        0x8 => new Status(StatusCode.Cancelled, ClientErrors.StreamReset(errorCode, "CANCEL")),
        0xB => new Status(StatusCode.ResourceExhausted, ClientErrors.StreamReset(errorCode, "ENHANCE_YOUR_CALM")),
        0xC => new Status(StatusCode.PermissionDenied, ClientErrors.StreamReset(errorCode, "INADEQUATE_SECURITY")),
        _ => new Status(StatusCode.Internal, ClientErrors.StreamReset(errorCode, Http2ErrorName(errorCode))),
    };

    private static string Http2ErrorName(long errorCode) => errorCode switch
    {
        0x1 => "PROTOCOL_ERROR",
        0x2 => "INTERNAL_ERROR",
        0x3 => "FLOW_CONTROL_ERROR",
        0x4 => "SETTINGS_TIMEOUT",
        0x5 => "STREAM_CLOSED",
        0x6 => "FRAME_SIZE_ERROR",
        0x9 => "COMPRESSION_ERROR",
        0xA => "CONNECT_ERROR",
        0xD => "HTTP_1_1_REQUIRED",
        _ => "an unknown error code",
    };
}

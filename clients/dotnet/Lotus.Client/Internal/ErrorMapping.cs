using Google.Protobuf;
using Google.Rpc;
using Lotus.Grpc;

namespace Lotus.Client.Internal;

/// <summary>Turns the runtime's RpcException into <see cref="LotusClientException"/>.</summary>
internal static class ErrorMapping
{
    private const string StatusDetailsKey = "grpc-status-details-bin";

    public static LotusClientException ToClientException(RpcException e)
    {
        var info = FindErrorInfo(e);
        var errorClass = string.IsNullOrEmpty(info?.Reason) ? ClassOf(e.StatusCode) : info!.Reason;
        var metadata = info is null
            ? new Dictionary<string, string>(StringComparer.Ordinal)
            : new Dictionary<string, string>(info.Metadata, StringComparer.Ordinal);
        return new LotusClientException(
            e.StatusCode,
            e.Status.Detail,
            errorClass,
            !string.IsNullOrEmpty(info?.Reason),
            string.IsNullOrEmpty(info?.Domain) ? null : info!.Domain,
            metadata,
            e);
    }

    /// <summary>analytics_common.proto's table, read backwards: used when no ErrorInfo came.</summary>
    public static string? ClassOf(Lotus.Grpc.StatusCode code) => code switch
    {
        Lotus.Grpc.StatusCode.InvalidArgument => LotusErrorClass.InvalidRequest,
        Lotus.Grpc.StatusCode.NotFound => LotusErrorClass.ResourceNotFound,
        Lotus.Grpc.StatusCode.FailedPrecondition => LotusErrorClass.InsufficientData,
        Lotus.Grpc.StatusCode.Unimplemented => LotusErrorClass.UnsupportedConfiguration,
        Lotus.Grpc.StatusCode.Unavailable => LotusErrorClass.SourceUnavailable,
        Lotus.Grpc.StatusCode.Internal => LotusErrorClass.ContractViolationUpstream,
        _ => null,
    };

    private static ErrorInfo? FindErrorInfo(RpcException e)
    {
        var details = e.Status.Details ?? DecodeTrailer(e.Trailers);
        if (details is null)
        {
            return null;
        }

        foreach (var any in details.Details)
        {
            if (any.Is(ErrorInfo.Descriptor))
            {
                return any.Unpack<ErrorInfo>();
            }
        }

        return null;
    }

    private static Google.Rpc.Status? DecodeTrailer(Metadata trailers)
    {
        var entry = trailers.Get(StatusDetailsKey);
        if (entry is null || !entry.IsBinary)
        {
            return null;
        }

        try
        {
            return Google.Rpc.Status.Parser.ParseFrom(entry.ValueBytes);
        }
        catch (InvalidProtocolBufferException)
        {
            return null;
        }
    }
}

using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Lotus.Grpc;

namespace Lotus.Host.Services.Errors;

/// <summary>
/// Builds the RpcExceptions of the services: a status with google.rpc.Status details carrying an
/// ErrorInfo (reason, domain) and, for bad input, a BadRequest with field violations.
/// </summary>
public static class RpcErrors
{
    public static RpcException InvalidArgument(string message, string reason, IEnumerable<BadRequest.Types.FieldViolation> violations, IDictionary<string, string>? metadata = null)
    {
        var badRequest = new BadRequest();
        badRequest.FieldViolations.AddRange(violations);
        return Create(StatusCode.InvalidArgument, message, reason, badRequest, metadata);
    }

    public static RpcException InvalidField(string field, string description, string reason)
        => InvalidArgument(description, reason, [new BadRequest.Types.FieldViolation { Field = field, Description = description }]);

    public static RpcException Create(StatusCode code, string message, string reason, Google.Protobuf.IMessage? extra = null, IDictionary<string, string>? metadata = null)
    {
        var info = new ErrorInfo { Reason = reason, Domain = ErrorReasons.Domain };
        if (metadata is not null)
        {
            info.Metadata.Add(metadata);
        }

        var details = new Google.Rpc.Status { Code = (int)code, Message = message };
        if (extra is not null)
        {
            details.Details.Add(Any.Pack(extra));
        }

        details.Details.Add(Any.Pack(info));
        return new RpcException(new Lotus.Grpc.Status(code, message, details));
    }
}

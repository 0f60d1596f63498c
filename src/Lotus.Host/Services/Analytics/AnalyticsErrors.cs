using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Lotus.Grpc;

namespace Lotus.Host.Services.Analytics;

/// <summary>The RFC-063 §10 error classes.</summary>
public enum AnalyticsErrorClass
{
    InvalidRequest,
    ResourceNotFound,
    InsufficientData,
    SourceUnavailable,
    UnsupportedConfiguration,
    ContractViolationUpstream,
}

/// <summary>
/// RpcExceptions of the analytics rpcs: the gRPC code of analytics_common.proto, an ErrorInfo whose
/// reason is the RFC class (domain "lotus.core") and whose metadata carries what the REST layer puts in
/// the problem+json body the consumer parses: error_code (QCP_ANALYTICS_*), analytics_error_code, source_product
/// (lotus-performance-consumer §1.6).
/// </summary>
public static class AnalyticsErrors
{
    public const string Domain = "lotus.core";

    public static string Reason(AnalyticsErrorClass errorClass) => errorClass switch
    {
        AnalyticsErrorClass.InvalidRequest => "INVALID_REQUEST",
        AnalyticsErrorClass.ResourceNotFound => "RESOURCE_NOT_FOUND",
        AnalyticsErrorClass.InsufficientData => "INSUFFICIENT_DATA",
        AnalyticsErrorClass.SourceUnavailable => "SOURCE_UNAVAILABLE",
        AnalyticsErrorClass.UnsupportedConfiguration => "UNSUPPORTED_CONFIGURATION",
        _ => "CONTRACT_VIOLATION_UPSTREAM",
    };

    public static StatusCode Code(AnalyticsErrorClass errorClass) => errorClass switch
    {
        AnalyticsErrorClass.InvalidRequest => StatusCode.InvalidArgument,
        AnalyticsErrorClass.ResourceNotFound => StatusCode.NotFound,
        AnalyticsErrorClass.InsufficientData => StatusCode.FailedPrecondition,
        AnalyticsErrorClass.SourceUnavailable => StatusCode.Unavailable,
        AnalyticsErrorClass.UnsupportedConfiguration => StatusCode.Unimplemented,
        _ => StatusCode.Internal,
    };

    /// <summary>The original's problem error_code (RESOURCE_NOT_FOUND answers QCP_ANALYTICS_NOT_FOUND there).</summary>
    public static string ErrorCode(AnalyticsErrorClass errorClass) => errorClass switch
    {
        AnalyticsErrorClass.ResourceNotFound => "QCP_ANALYTICS_NOT_FOUND",
        AnalyticsErrorClass.SourceUnavailable or AnalyticsErrorClass.ContractViolationUpstream => "QCP_ANALYTICS_ERROR",
        _ => "QCP_ANALYTICS_" + Reason(errorClass),
    };

    public static RpcException Create(
        AnalyticsErrorClass errorClass,
        string message,
        string sourceProduct,
        IEnumerable<BadRequest.Types.FieldViolation>? violations = null,
        IReadOnlyDictionary<string, string>? extraMetadata = null)
    {
        var code = Code(errorClass);
        var info = new ErrorInfo { Reason = Reason(errorClass), Domain = Domain };
        info.Metadata["error_code"] = ErrorCode(errorClass);
        info.Metadata["analytics_error_code"] = Reason(errorClass);
        info.Metadata["source_product"] = sourceProduct;
        if (extraMetadata is not null)
        {
            foreach (var (key, value) in extraMetadata)
            {
                info.Metadata[key] = value;
            }
        }

        var details = new Google.Rpc.Status { Code = (int)code, Message = message };
        details.Details.Add(Any.Pack(info));
        if (violations is not null)
        {
            var badRequest = new BadRequest();
            badRequest.FieldViolations.AddRange(violations);
            if (badRequest.FieldViolations.Count > 0)
            {
                details.Details.Add(Any.Pack(badRequest));
            }
        }

        return new RpcException(new Lotus.Grpc.Status(code, message, details));
    }

    public static RpcException InvalidField(string field, string description, string sourceProduct, IReadOnlyDictionary<string, string>? extraMetadata = null)
        => Create(AnalyticsErrorClass.InvalidRequest, $"{field}: {description}", sourceProduct, [new BadRequest.Types.FieldViolation { Field = field, Description = description }], extraMetadata);
}

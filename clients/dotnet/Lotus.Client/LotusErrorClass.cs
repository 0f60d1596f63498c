namespace Lotus.Client;

/// <summary>
/// RFC 063 error classes, carried as the google.rpc.ErrorInfo reason of a failed call
/// (analytics_common.proto lists them with their gRPC codes).
/// </summary>
public static class LotusErrorClass
{
    public const string InvalidRequest = "INVALID_REQUEST";
    public const string ResourceNotFound = "RESOURCE_NOT_FOUND";
    public const string InsufficientData = "INSUFFICIENT_DATA";
    public const string UnsupportedConfiguration = "UNSUPPORTED_CONFIGURATION";
    public const string SourceUnavailable = "SOURCE_UNAVAILABLE";
    public const string ContractViolationUpstream = "CONTRACT_VIOLATION_UPSTREAM";
}

using Lotus.Grpc;

namespace Lotus.Client;

/// <summary>
/// The one exception of this client: every failed call (any status but OK) surfaces as this type.
/// <see cref="ErrorClass"/> is the RFC error class: the ErrorInfo reason from the status details when
/// the server sent one, else the class that analytics_common.proto maps to the status code (null for
/// codes outside that table, e.g. DEADLINE_EXCEEDED or CANCELLED).
/// </summary>
public sealed class LotusClientException : Exception
{
    public LotusClientException(StatusCode statusCode, string detail, string? errorClass, bool errorClassFromServer, string? errorDomain, IReadOnlyDictionary<string, string> errorMetadata, Exception? innerException)
        : base($"{statusCode}: {detail}" + (errorClass is null ? string.Empty : $" [{errorClass}]"), innerException)
    {
        StatusCode = statusCode;
        Detail = detail;
        ErrorClass = errorClass;
        ErrorClassFromServer = errorClassFromServer;
        ErrorDomain = errorDomain;
        ErrorMetadata = errorMetadata;
    }

    /// <summary>The gRPC status code of the failed call.</summary>
    public StatusCode StatusCode { get; }

    /// <summary>The status message (grpc-message).</summary>
    public string Detail { get; }

    /// <summary>The RFC error class, e.g. <see cref="LotusErrorClass.InsufficientData"/>.</summary>
    public string? ErrorClass { get; }

    /// <summary>True when <see cref="ErrorClass"/> came from the server's ErrorInfo, false when inferred from the code.</summary>
    public bool ErrorClassFromServer { get; }

    /// <summary>The ErrorInfo domain, when sent.</summary>
    public string? ErrorDomain { get; }

    /// <summary>The ErrorInfo metadata (empty when none).</summary>
    public IReadOnlyDictionary<string, string> ErrorMetadata { get; }

    /// <summary>True for UNAVAILABLE: the only code this client ever retries (and only on idempotent calls).</summary>
    public bool IsTransient => StatusCode == StatusCode.Unavailable;
}

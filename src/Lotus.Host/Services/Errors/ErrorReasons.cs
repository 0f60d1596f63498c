namespace Lotus.Host.Services.Errors;

/// <summary>ErrorInfo reasons of lotus.core.v1 services (domain <see cref="Domain"/>), stable for clients.</summary>
public static class ErrorReasons
{
    public const string Domain = "lotus.core";

    public const string ValidationFailed = "INGESTION_VALIDATION_FAILED";
    public const string IdempotencyKeyInvalid = "INGESTION_IDEMPOTENCY_KEY_INVALID";
    public const string IdempotencyConflict = "INGESTION_IDEMPOTENCY_CONFLICT";
    public const string JobNotFound = "INGESTION_JOB_NOT_FOUND";
    public const string InvalidQuery = "INVALID_QUERY";
    public const string InvalidPageToken = "INVALID_PAGE_TOKEN";
    public const string PortfolioNotFound = "PORTFOLIO_NOT_FOUND";
    public const string CalculatedStateUnavailable = "CALCULATED_STATE_UNAVAILABLE";
}

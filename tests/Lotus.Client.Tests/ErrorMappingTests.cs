using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Lotus.Client.Tests.Fakes;
using Lotus.Core.V1;
using Lotus.Grpc;

namespace Lotus.Client.Tests;

[TestFixture]
public sealed class ErrorMappingTests
{
    [Test]
    public void ErrorInfoInStatusDetails_GivesTheErrorClassDomainAndMetadata()
    {
        var details = Details(Code.FailedPrecondition, "INSUFFICIENT_DATA", ("missing_fx", "EUR/USD 2026-01-07"));
        var invoker = new FakeCallInvoker().Fail(AnalyticsInputService.GetPortfolioTimeseriesMethod, Lotus.Grpc.StatusCode.FailedPrecondition, "Missing FX rate", details);

        var client = new LotusAnalyticsClient(invoker);
        var e = Assert.ThrowsAsync<LotusClientException>(() => client.GetPortfolioTimeseriesAsync(new GetPortfolioTimeseriesRequest()));

        Assert.That(e!.ErrorClass, Is.EqualTo(LotusErrorClass.InsufficientData));
        Assert.That(e.ErrorClassFromServer, Is.True);
        Assert.That(e.ErrorDomain, Is.EqualTo("lotus.core"));
        Assert.That(e.ErrorMetadata["missing_fx"], Is.EqualTo("EUR/USD 2026-01-07"));
        Assert.That(e.Detail, Is.EqualTo("Missing FX rate"));
        Assert.That(e.InnerException, Is.InstanceOf<RpcException>());
    }

    [Test]
    public void ErrorInfoOnlyInTrailers_IsRead()
    {
        var trailers = new Metadata().Add("grpc-status-details-bin", Details(Code.NotFound, "RESOURCE_NOT_FOUND").ToByteArray());
        var invoker = new FakeCallInvoker().FailWithTrailers(AnalyticsInputService.GetAnalyticsReferenceMethod, Lotus.Grpc.StatusCode.NotFound, trailers);

        var client = new LotusAnalyticsClient(invoker);
        var e = Assert.ThrowsAsync<LotusClientException>(() => client.GetAnalyticsReferenceAsync(new GetAnalyticsReferenceRequest()));

        Assert.That(e!.ErrorClass, Is.EqualTo(LotusErrorClass.ResourceNotFound));
        Assert.That(e.ErrorClassFromServer, Is.True);
    }

    [TestCase(Lotus.Grpc.StatusCode.InvalidArgument, "INVALID_REQUEST")]
    [TestCase(Lotus.Grpc.StatusCode.NotFound, "RESOURCE_NOT_FOUND")]
    [TestCase(Lotus.Grpc.StatusCode.FailedPrecondition, "INSUFFICIENT_DATA")]
    [TestCase(Lotus.Grpc.StatusCode.Unimplemented, "UNSUPPORTED_CONFIGURATION")]
    [TestCase(Lotus.Grpc.StatusCode.Internal, "CONTRACT_VIOLATION_UPSTREAM")]
    [TestCase(Lotus.Grpc.StatusCode.DeadlineExceeded, null)]
    [TestCase(Lotus.Grpc.StatusCode.Cancelled, null)]
    public void NoErrorInfo_ClassComesFromTheCodeTable(Lotus.Grpc.StatusCode code, string? expected)
    {
        var invoker = new FakeCallInvoker().Fail(AnalyticsInputService.GetCoreSnapshotMethod, code);

        var client = new LotusAnalyticsClient(invoker, new LotusClientOptions { Retry = RetryPolicy.None });
        var e = Assert.ThrowsAsync<LotusClientException>(() => client.GetCoreSnapshotAsync(new GetCoreSnapshotRequest()));

        Assert.That(e!.StatusCode, Is.EqualTo(code));
        Assert.That(e.ErrorClass, Is.EqualTo(expected));
        Assert.That(e.ErrorClassFromServer, Is.False);
    }

    [Test]
    public void ErrorInfoReason_WinsOverTheCodeTable()
    {
        // An ingestion conflict: ALREADY_EXISTS with a reason outside the analytics table.
        var invoker = new FakeCallInvoker().Fail(IngestionService.IngestPortfoliosMethod, Lotus.Grpc.StatusCode.AlreadyExists, "conflict", Details(Code.AlreadyExists, "INGESTION_IDEMPOTENCY_CONFLICT"));

        var client = new LotusIngestionClient(invoker);
        var e = Assert.ThrowsAsync<LotusClientException>(() => client.IngestPortfoliosAsync(new IngestPortfoliosRequest { IdempotencyKey = "k" }));

        Assert.That(e!.ErrorClass, Is.EqualTo("INGESTION_IDEMPOTENCY_CONFLICT"));
    }

    private static Google.Rpc.Status Details(Code code, string reason, params (string Key, string Value)[] metadata)
    {
        var info = new ErrorInfo { Reason = reason, Domain = "lotus.core" };
        foreach (var (key, value) in metadata)
        {
            info.Metadata[key] = value;
        }

        return new Google.Rpc.Status { Code = (int)code, Message = "x", Details = { Any.Pack(info) } };
    }
}

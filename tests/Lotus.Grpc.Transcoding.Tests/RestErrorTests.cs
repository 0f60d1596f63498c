using System.Net;
using System.Text.Json;
using Lotus.Grpc.Transcoding.Internal;
using Lotus.Grpc.Transcoding.Tests.Infrastructure;
using static Lotus.Grpc.Transcoding.Tests.Infrastructure.HttpAssert;

namespace Lotus.Grpc.Transcoding.Tests;

/// <summary>Failed calls: HTTP status from the gRPC code, google.rpc.Status JSON body with its details.</summary>
[TestFixture]
public sealed class RestErrorTests
{
    private TranscodingServer server = null!;

    [OneTimeSetUp]
    public async Task StartAsync() => server = await TranscodingServer.StartAsync();

    [OneTimeTearDown]
    public async Task StopAsync() => await server.DisposeAsync();

    [TestCase(StatusCode.Cancelled, 499)]
    [TestCase(StatusCode.Unknown, 500)]
    [TestCase(StatusCode.InvalidArgument, 400)]
    [TestCase(StatusCode.DeadlineExceeded, 504)]
    [TestCase(StatusCode.NotFound, 404)]
    [TestCase(StatusCode.AlreadyExists, 409)]
    [TestCase(StatusCode.PermissionDenied, 403)]
    [TestCase(StatusCode.ResourceExhausted, 429)]
    [TestCase(StatusCode.FailedPrecondition, 400)]
    [TestCase(StatusCode.Aborted, 409)]
    [TestCase(StatusCode.OutOfRange, 400)]
    [TestCase(StatusCode.Unimplemented, 501)]
    [TestCase(StatusCode.Internal, 500)]
    [TestCase(StatusCode.Unavailable, 503)]
    [TestCase(StatusCode.DataLoss, 500)]
    [TestCase(StatusCode.Unauthenticated, 401)]
    public async Task StatusCode_MapsToDocumentedHttpStatus(StatusCode code, int httpStatus)
    {
        var (response, body) = await GetAsync(server.Client, $"/v1/errors/{(int)code}?message=boom%20%C3%A9");

        Assert.That((int)response.StatusCode, Is.EqualTo(httpStatus));
        Assert.That(ErrorResponses.ToHttpStatus(code), Is.EqualTo(httpStatus));
        Assert.That(response.Content.Headers.ContentType!.MediaType, Is.EqualTo("application/json"));
        Assert.That(body.GetProperty("code").GetInt32(), Is.EqualTo((int)code));
        Assert.That(body.Str("message"), Is.EqualTo("boom é"));
    }

    [Test]
    public async Task RichStatus_IsTheBodyWithTypedDetails()
    {
        var (response, body) = await GetAsync(server.Client, $"/v1/errors/{(int)StatusCode.InvalidArgument}?message=bad&rich=true");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        var details = body.GetProperty("details").EnumerateArray().ToList();
        Assert.That(details, Has.Count.EqualTo(2));
        Assert.That(details[0].Str("@type"), Is.EqualTo("type.googleapis.com/google.rpc.ErrorInfo"));
        Assert.That(details[0].Str("reason"), Is.EqualTo("TEST_REASON"));
        Assert.That(details[0].GetProperty("metadata").Str("field"), Is.EqualTo("code"));
        Assert.That(details[1].Str("@type"), Is.EqualTo("type.googleapis.com/google.rpc.BadRequest"));
        Assert.That(details[1].GetProperty("field_violations")[0].Str("description"), Is.EqualTo("chosen to fail"));
    }

    [Test]
    public async Task StatusSetOnContext_IsTheResultInsteadOfTheResponse()
    {
        var (response, body) = await GetAsync(server.Client, $"/v1/errors/{(int)StatusCode.AlreadyExists}?message=dup&via_context_status=true");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        Assert.That(body.GetProperty("code").GetInt32(), Is.EqualTo((int)StatusCode.AlreadyExists));
        Assert.That(body.GetRawText(), Does.Not.Contain("must not be sent"));
    }

    [Test]
    public async Task HandlerException_IsUnknownWithoutItsMessage()
    {
        var (response, body) = await GetAsync(server.Client, "/v1/errors/0?throw_plain=true");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.InternalServerError));
        Assert.That(body.GetProperty("code").GetInt32(), Is.EqualTo((int)StatusCode.Unknown));
        Assert.That(body.Str("message"), Is.EqualTo("Exception was thrown by handler."));
        Assert.That(body.GetRawText(), Does.Not.Contain("secret"));
    }

    [Test]
    public async Task ErrorOfAnotherRpc_KeepsGoogleRpcStatusEvenWithProblemHookInstalled()
    {
        var (response, body) = await GetAsync(server.Client, "/v1/shelves/S1/items/missing");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(response.Content.Headers.ContentType!.MediaType, Is.EqualTo("application/json"));
        Assert.That(body.GetProperty("code").GetInt32(), Is.EqualTo((int)StatusCode.NotFound));
        Assert.That(body.ValueKind, Is.EqualTo(JsonValueKind.Object));
    }
}

using System.Net;
using Google.Protobuf;
using Lotus.Grpc.Protocol;
using Lotus.Grpc.Tests.Infrastructure;
using Lotus.Grpc.Tests.V1;

namespace Lotus.Grpc.Tests.Server;

[TestFixture]
public sealed class UnaryCallTests : KestrelTestBase
{
    private const string UnaryPath = "/lotus.test.v1.TestService/Unary";

    [Test]
    public async Task NonGrpcContentType_Answers415WithGrpcStatus()
    {
        using var response = await Client.SendAsync(GrpcTestClient.CreateRequest(UnaryPath, "{}"u8.ToArray(), "application/json"));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.UnsupportedMediaType));
        Assert.That(response.Header("grpc-status"), Is.EqualTo("13"));
    }

    [Test]
    public async Task ValidRequest_AnswersMessageThenOkTrailers()
    {
        using var response = await Client.PostAsync(UnaryPath, new EchoRequest { Text = "hello", Count = 7 });

        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/grpc"));
        Assert.That(response.Header("grpc-status"), Is.Null, "status belongs in trailers");
        Assert.That(response.Header("grpc-accept-encoding"), Is.EqualTo("identity,gzip,deflate"));
        var replies = await GrpcTestClient.ReadMessagesAsync(response, EchoReply.Parser);
        Assert.That(replies, Has.Count.EqualTo(1));
        Assert.That(replies[0].Text, Is.EqualTo("hello"));
        Assert.That(replies[0].Count, Is.EqualTo(7));
        response.AssertTrailerStatus(StatusCode.OK);
    }

    [Test]
    public async Task ApplicationGrpcProtoContentType_IsAccepted()
    {
        var request = GrpcTestClient.CreateRequest(UnaryPath, GrpcTestClient.Frame(new EchoRequest { Text = "p" }), "application/grpc+proto");
        using var response = await Client.SendAsync(request);

        var replies = await GrpcTestClient.ReadMessagesAsync(response, EchoReply.Parser);
        Assert.That(replies.Single().Text, Is.EqualTo("p"));
        response.AssertTrailerStatus(StatusCode.OK);
    }

    [Test]
    public async Task EmptyRequestMessage_IsAFiveByteFrameAndAnswered()
    {
        using var response = await Client.SendAsync(GrpcTestClient.CreateRequest(UnaryPath, new byte[5]));

        var replies = await GrpcTestClient.ReadMessagesAsync(response, EchoReply.Parser);
        Assert.That(replies, Has.Count.EqualTo(1));
        response.AssertTrailerStatus(StatusCode.OK);
    }

    [Test]
    public async Task HandlerThrowsRpcException_AnswersTrailersOnly()
    {
        using var response = await Client.PostAsync(UnaryPath, new EchoRequest { Mode = "error", Text = "portfolio id is required" });

        await response.AssertTrailersOnlyAsync(StatusCode.InvalidArgument, "portfolio id is required");
    }

    [Test]
    public async Task HandlerSetsErrorStatus_AnswersTrailersOnlyWithoutMessage()
    {
        using var response = await Client.PostAsync(UnaryPath, new EchoRequest { Mode = "status", Text = "no such portfolio" });

        await response.AssertTrailersOnlyAsync(StatusCode.NotFound, "no such portfolio");
    }

    [Test]
    public async Task SpecialStatusMessage_IsPercentEncodedAndDecodesBack()
    {
        // The interop suite's special_status_message vector.
        const string text = "\t\ntest with whitespace\r\nand Unicode BMP ☺ and non-BMP 😈\t\n";
        using var response = await Client.PostAsync(UnaryPath, new EchoRequest { Mode = "error", Text = text });

        await response.AssertTrailersOnlyAsync(StatusCode.InvalidArgument);
        var raw = response.Header("grpc-message")!;
        Assert.That(raw, Does.StartWith("%09%0Atest with whitespace%0D%0Aand Unicode BMP %E2%98%BA and non-BMP %F0%9F%98%88%09%0A"));
        Assert.That(PercentEncoding.Decode(raw), Is.EqualTo(text));
    }

    [Test]
    public async Task RichError_CarriesStatusDetailsWithBadRequestAndErrorInfo()
    {
        using var response = await Client.PostAsync(UnaryPath, new EchoRequest { Mode = "details" });

        await response.AssertTrailersOnlyAsync(StatusCode.InvalidArgument, "Request is invalid.");
        var details = StatusDetails.TryDecode(response.Header("grpc-status-details-bin"));
        Assert.That(details, Is.Not.Null);
        Assert.That(details!.Code, Is.EqualTo((int)StatusCode.InvalidArgument));
        Assert.That(details.Details, Has.Count.EqualTo(2));
        var badRequest = details.Details[0].Unpack<Google.Rpc.BadRequest>();
        Assert.That(badRequest.FieldViolations.Single().Field, Is.EqualTo("portfolio_id"));
        Assert.That(details.Details[0].TypeUrl, Is.EqualTo("type.googleapis.com/google.rpc.BadRequest"));
        var errorInfo = details.Details[1].Unpack<Google.Rpc.ErrorInfo>();
        Assert.That(errorInfo.Reason, Is.EqualTo("PORTFOLIO_ID_MISSING"));
        Assert.That(errorInfo.Metadata["field"], Is.EqualTo("portfolio_id"));
    }

    [Test]
    public async Task HandlerThrowsUnexpectedException_AnswersInternalWithoutExceptionTextAndLogsCorrelationId()
    {
        Logs.ExpectError(r => r.EventId.Name == "UnhandledException");
        using var response = await Client.PostAsync(
            UnaryPath,
            new EchoRequest { Mode = "throw" },
            r => r.Headers.TryAddWithoutValidation("x-correlation-id", "corr-123"));

        await response.AssertTrailersOnlyAsync(StatusCode.Internal);
        var message = PercentEncoding.Decode(response.Header("grpc-message")!);
        Assert.That(message, Does.Not.Contain("secret"));
        Assert.That(message, Does.Not.Contain("InvalidOperationException"));
        Assert.That(message, Does.Contain("corr-123"));
        Assert.That(response.Header("x-correlation-id"), Is.EqualTo("corr-123"));
        var logged = Logs.Records.Single(r => r.EventId.Name == "UnhandledException");
        Assert.That(logged.Message, Does.Contain("corr-123"));
        Assert.That(logged.Exception, Is.TypeOf<InvalidOperationException>());
    }

    [Test]
    public async Task NoCorrelationId_OneIsGeneratedAndEchoed()
    {
        using var response = await Client.PostAsync(UnaryPath, new EchoRequest { Mode = "metadata" });

        var id = response.Header("x-correlation-id");
        Assert.That(id, Is.Not.Null.And.Not.Empty);
        var replies = await GrpcTestClient.ReadMessagesAsync(response, EchoReply.Parser);
        Assert.That(replies.Single().Text, Is.EqualTo(id), "handler sees the same id");
    }

    [Test]
    public async Task CustomMetadata_IsEchoedIncludingBinaryValues()
    {
        var binary = new byte[] { 0xab, 0xab, 0xab };
        using var response = await Client.PostAsync(UnaryPath, new EchoRequest { Mode = "metadata" }, r =>
        {
            r.Headers.TryAddWithoutValidation("x-echo-initial", "initial value");
            r.Headers.TryAddWithoutValidation("x-echo-initial-bin", "AQID"); // unpadded base64 of 01 02 03
            r.Headers.TryAddWithoutValidation("x-trailer-bin", Convert.ToBase64String(binary)); // padded
            r.Headers.TryAddWithoutValidation("x-trailer-text", "trailing");
        });

        Assert.That(response.Header("x-echo-initial"), Is.EqualTo("initial value"));
        Assert.That(response.Header("x-echo-initial-bin"), Is.EqualTo("AQID"), "sent unpadded");
        await GrpcTestClient.ReadMessagesAsync(response, EchoReply.Parser);
        response.AssertTrailerStatus(StatusCode.OK);
        Assert.That(BinaryHeaderValue.Decode(response.Trailer("x-trailer-bin")!), Is.EqualTo(binary));
        Assert.That(response.Trailer("x-trailer-text"), Is.EqualTo("trailing"));
    }

    [Test]
    public async Task UnknownMethod_AnswersUnimplementedTrailersOnly()
    {
        using var response = await Client.PostAsync("/lotus.test.v1.TestService/NoSuchMethod", new EchoRequest());

        await response.AssertTrailersOnlyAsync(StatusCode.Unimplemented);
    }

    [Test]
    public async Task UnknownService_AnswersUnimplementedTrailersOnly()
    {
        using var response = await Client.PostAsync("/no.such.Service/Call", new EchoRequest());

        await response.AssertTrailersOnlyAsync(StatusCode.Unimplemented);
    }

    [Test]
    public async Task MissingTeTrailers_AnswersInternal()
    {
        var request = GrpcTestClient.CreateRequest(UnaryPath, GrpcTestClient.Frame(new EchoRequest()));
        request.Headers.Remove("te");
        using var response = await Client.SendAsync(request);

        await response.AssertTrailersOnlyAsync(StatusCode.Internal);
    }

    [Test]
    public async Task TwoRequestMessagesToUnary_AnswersUnimplemented()
    {
        var frame = GrpcTestClient.Frame(new EchoRequest { Text = "a" });
        using var response = await Client.SendAsync(GrpcTestClient.CreateRequest(UnaryPath, [.. frame, .. frame]));

        await response.AssertTrailersOnlyAsync(StatusCode.Unimplemented);
    }

    [Test]
    public async Task TruncatedFrame_AnswersInternal()
    {
        var frame = GrpcTestClient.Frame(new EchoRequest { Text = "abcdef" });
        using var response = await Client.SendAsync(GrpcTestClient.CreateRequest(UnaryPath, frame[..^2]));

        await response.AssertTrailersOnlyAsync(StatusCode.Internal);
    }

    [Test]
    public async Task UnparseableMessage_AnswersInternal()
    {
        using var response = await Client.SendAsync(GrpcTestClient.CreateRequest(UnaryPath, GrpcTestClient.Frame(new byte[] { 0xff, 0xff, 0xff })));

        await response.AssertTrailersOnlyAsync(StatusCode.Internal);
    }

    [Test]
    public async Task LargeMessagesBothWays_SpanManyDataFramesAndPipeSegments()
    {
        // Sizes of the interop large_unary case, then one near the default 4 MiB limit.
        foreach (var (requestSize, responseSize) in new[] { (271_828, 314_159), (4_000_000, 4_000_000) })
        {
            using var response = await Client.PostAsync(UnaryPath, new EchoRequest { Mode = "big", Count = responseSize, Payload = ByteString.CopyFrom(new byte[requestSize]) });

            var replies = await GrpcTestClient.ReadMessagesAsync(response, EchoReply.Parser);
            Assert.That(replies.Single().Payload.Length, Is.EqualTo(responseSize));
            response.AssertTrailerStatus(StatusCode.OK);
        }
    }

    [Test]
    public async Task ErrorAfterResponseHeadersWereSent_PutsStatusInRealTrailers()
    {
        using var response = await Client.PostAsync(UnaryPath, new EchoRequest { Mode = "headers-then-error" });

        Assert.That(response.Header("x-early"), Is.EqualTo("yes"));
        Assert.That(await GrpcTestClient.ReadFramesAsync(response), Is.Empty);
        response.AssertTrailerStatus(StatusCode.FailedPrecondition, "after headers");
    }
}

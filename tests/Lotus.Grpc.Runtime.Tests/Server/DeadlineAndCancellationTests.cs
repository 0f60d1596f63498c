using Lotus.Grpc.Tests.Infrastructure;
using Lotus.Grpc.Tests.V1;

namespace Lotus.Grpc.Tests.Server;

[TestFixture]
public sealed class DeadlineAndCancellationTests : KestrelTestBase
{
    // Each unit, with a value small enough to expire during the test yet long enough for the handler
    // to start on a loaded machine (hours and minutes are checked through the deadline they set).
    [TestCase("99999999n")]
    [TestCase("300000u")]
    [TestCase("300m")]
    [TestCase("1S")]
    public async Task TimeoutInEachShortUnit_EndsDeadlineExceededAndCancelsHandler(string timeout)
    {
        var key = "deadline-" + timeout;
        using var response = await Client.PostAsync(
            "/lotus.test.v1.TestService/Unary",
            new EchoRequest { Mode = "wait", Text = key },
            r => r.Headers.TryAddWithoutValidation("grpc-timeout", timeout));

        await response.AssertTrailersOnlyAsync(StatusCode.DeadlineExceeded, "Deadline Exceeded");
        await CancellationProbe.WaitAsync(CancellationProbe.For(key).Cancelled, "handler token cancelled at the deadline");
    }

    [TestCase("1H", 60)]
    [TestCase("2M", 2)]
    public async Task TimeoutInHoursOrMinutes_SetsTheHandlersDeadline(string timeout, int minutes)
    {
        var before = DateTime.UtcNow;
        using var response = await Client.PostAsync(
            "/lotus.test.v1.TestService/Unary",
            new EchoRequest { Mode = "deadline" },
            r => r.Headers.TryAddWithoutValidation("grpc-timeout", timeout));

        var replies = await GrpcTestClient.ReadMessagesAsync(response, EchoReply.Parser);
        var after = DateTime.UtcNow;
        response.AssertTrailerStatus(StatusCode.OK);
        var deadline = DateTime.Parse(replies.Single().Text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.RoundtripKind);
        Assert.That(deadline, Is.InRange(before.AddMinutes(minutes), after.AddMinutes(minutes)));
    }

    [Test]
    public async Task NoTimeout_DeadlineIsMaxValue()
    {
        using var response = await Client.PostAsync("/lotus.test.v1.TestService/Unary", new EchoRequest { Mode = "deadline" });

        var replies = await GrpcTestClient.ReadMessagesAsync(response, EchoReply.Parser);
        Assert.That(DateTime.Parse(replies.Single().Text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.RoundtripKind), Is.EqualTo(DateTime.MaxValue));
    }

    [Test]
    public async Task DeadlineAfterMessagesWereSent_PutsDeadlineExceededInTrailers()
    {
        var key = "deadline-stream";
        using var response = await Client.PostAsync(
            "/lotus.test.v1.TestService/ServerStream",
            new EchoRequest { Mode = "wait", Text = key },
            r => r.Headers.TryAddWithoutValidation("grpc-timeout", "500m"));

        var replies = await GrpcTestClient.ReadMessagesAsync(response, EchoReply.Parser);
        Assert.That(replies.Single().Text, Is.EqualTo("first"));
        response.AssertTrailerStatus(StatusCode.DeadlineExceeded);
        await CancellationProbe.WaitAsync(CancellationProbe.For(key).Cancelled, "handler token cancelled at the deadline");
    }

    [TestCase("")]
    [TestCase("10")]
    [TestCase("123456789S")]
    [TestCase("10x")]
    [TestCase("-1S")]
    public async Task MalformedTimeout_AnswersInternal(string timeout)
    {
        using var response = await Client.PostAsync(
            "/lotus.test.v1.TestService/Unary",
            new EchoRequest(),
            r => r.Headers.TryAddWithoutValidation("grpc-timeout", timeout));

        await response.AssertTrailersOnlyAsync(StatusCode.Internal);
    }

    [Test]
    public async Task ClientResetsServerStream_HandlerTokenIsCancelled()
    {
        var key = "reset-server-stream";
        using var cancel = new CancellationTokenSource();
        var request = GrpcTestClient.CreateRequest("/lotus.test.v1.TestService/ServerStream", GrpcTestClient.Frame(new EchoRequest { Mode = "wait", Text = key }));
        var response = await Client.SendAsync(request, cancel.Token);
        await CancellationProbe.WaitAsync(CancellationProbe.For(key).Started, "handler started");

        // Disposing before end-of-stream makes SocketsHttpHandler send RST_STREAM(CANCEL).
        response.Dispose();

        await CancellationProbe.WaitAsync(CancellationProbe.For(key).Cancelled, "handler token cancelled by the reset");
    }

    [Test]
    public async Task ClientResetsClientStream_HandlerTokenIsCancelled()
    {
        var key = "reset-client-stream";
        var content = new StreamingContent();
        using var cancel = new CancellationTokenSource();
        var responseTask = Client.SendAsync(GrpcTestClient.CreateRequest("/lotus.test.v1.TestService/ClientStream", content), cancel.Token);
        content.Send(GrpcTestClient.Frame(new EchoRequest { Mode = "wait", Text = key }));
        await CancellationProbe.WaitAsync(CancellationProbe.For(key).Started, "handler started");

        await cancel.CancelAsync();

        await CancellationProbe.WaitAsync(CancellationProbe.For(key).Cancelled, "handler token cancelled by the reset");
        Assert.That(async () => await responseTask, Throws.InstanceOf<OperationCanceledException>());
    }

    [Test]
    public async Task ManyStreamsIgnoringTheirTokens_AllEndDeadlineExceeded()
    {
        var calls = Enumerable.Range(0, 20).Select(async i =>
        {
            using var response = await Client.PostAsync(
                "/lotus.test.v1.TestService/ServerStream",
                new EchoRequest { Mode = "forever", Text = "f" + i },
                r => r.Headers.TryAddWithoutValidation("grpc-timeout", "50m"));
            await GrpcTestClient.ReadFramesAsync(response);

            // Usually in trailers after some messages; Trailers-Only if the deadline beat the first write.
            Assert.That(response.Trailer("grpc-status") ?? response.Header("grpc-status"), Is.EqualTo("4"));
        });

        await Task.WhenAll(calls);
    }

    [Test]
    public async Task DeadlineWhileHandlerAwaitsTheNextRequestMessage_AnswersDeadlineExceeded()
    {
        var content = new StreamingContent();
        var request = GrpcTestClient.CreateRequest("/lotus.test.v1.TestService/ClientStream", content);
        request.Headers.TryAddWithoutValidation("grpc-timeout", "100m");
        var responseTask = Client.SendAsync(request);
        content.Send(GrpcTestClient.Frame(new EchoRequest { Count = 1 }));

        using var response = await responseTask;

        await response.AssertTrailersOnlyAsync(StatusCode.DeadlineExceeded);
        content.Complete();
    }
}

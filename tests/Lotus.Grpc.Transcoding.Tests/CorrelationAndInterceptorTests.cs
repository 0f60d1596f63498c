using System.Net;
using Lotus.Grpc.Transcoding.Tests.Infrastructure;

namespace Lotus.Grpc.Transcoding.Tests;

/// <summary>Correlation and tracing headers reach the handler as metadata and are echoed; interceptors wrap REST calls.</summary>
[TestFixture]
public sealed class CorrelationAndInterceptorTests
{
    private TranscodingServer server = null!;

    [OneTimeSetUp]
    public async Task StartAsync() => server = await TranscodingServer.StartAsync();

    [OneTimeTearDown]
    public async Task StopAsync() => await server.DisposeAsync();

    [Test]
    public async Task CorrelationHeaders_AreMetadataAndEchoed()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/shelves/S1/items/I1");
        request.Headers.Add("X-Correlation-Id", "corr-1");
        request.Headers.Add("X-Request-Id", "req-1");
        request.Headers.Add("traceparent", "00-0af7651916cd43dd8448eb211c80319c-0000000000000001-01");
        request.Headers.Add("X-Custom-Bin", Convert.ToBase64String([1, 2, 3]));

        using var response = await server.Client.SendAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var headers = server.Service.LastHeaders!;
        Assert.That(headers.GetValue("x-correlation-id"), Is.EqualTo("corr-1"));
        Assert.That(headers.GetValue("x-request-id"), Is.EqualTo("req-1"));
        Assert.That(headers.GetValue("traceparent"), Is.EqualTo("00-0af7651916cd43dd8448eb211c80319c-0000000000000001-01"));
        Assert.That(headers.Get("x-custom-bin")!.ValueBytes, Is.EqualTo(new byte[] { 1, 2, 3 }));
        Assert.That(response.Headers.GetValues("x-correlation-id"), Is.EqualTo(new[] { "corr-1" }));
        Assert.That(response.Headers.GetValues("x-request-id"), Is.EqualTo(new[] { "req-1" }));
        Assert.That(response.Headers.GetValues("traceparent").Single(), Does.StartWith("00-0af7651916cd43dd8448eb211c80319c-"));
    }

    [Test]
    public async Task MissingCorrelationId_IsGeneratedAndEchoed()
    {
        using var response = await server.Client.GetAsync("/v1/shelves/S1/items/I1");

        var echoed = response.Headers.GetValues("x-correlation-id").Single();
        Assert.That(echoed, Has.Length.EqualTo(32));
        Assert.That(server.Service.LastHeaders!.GetValue("x-correlation-id"), Is.EqualTo(echoed));
    }

    [Test]
    public async Task OverlongCorrelationId_IsReplaced()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/shelves/S1/items/I1");
        request.Headers.Add("X-Correlation-Id", new string('c', 129));

        using var response = await server.Client.SendAsync(request);

        var echoed = response.Headers.GetValues("x-correlation-id").Single();
        Assert.That(echoed, Has.Length.EqualTo(32));
        Assert.That(server.Service.LastHeaders!.GetAll("x-correlation-id").Select(e => e.Value), Is.EqualTo(new[] { echoed }));
    }

    [Test]
    public async Task ErrorResponse_AlsoEchoesCorrelationId()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/errors/5");
        request.Headers.Add("X-Correlation-Id", "corr-err");

        using var response = await server.Client.SendAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(response.Headers.GetValues("x-correlation-id"), Is.EqualTo(new[] { "corr-err" }));
    }

    [Test]
    public async Task Interceptors_RunInOrder_DiFirst_AndSeeTheCorrelationId()
    {
        lock (server.InterceptorLog)
        {
            server.InterceptorLog.Clear();
        }

        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/shelves/S1/items/I1");
        request.Headers.Add("X-Correlation-Id", "corr-chain");
        using var response = await server.Client.SendAsync(request);

        Assert.That(server.InterceptorLog, Is.EqualTo(new[] { "di:GetItem:corr-chain", "options:GetItem:corr-chain" }));
        Assert.That(response.Headers.GetValues("x-intercepted-by-di"), Is.EqualTo(new[] { "yes" }));
        Assert.That(response.Headers.GetValues("x-intercepted-by-options"), Is.EqualTo(new[] { "yes" }));
    }

    [Test]
    public async Task ResponseTrailers_OfUnaryCalls_BecomeHeaders()
    {
        using var response = await server.Client.GetAsync("/v1/shelves/S1/items/I1");

        Assert.That(response.Headers.GetValues("x-item-source"), Is.EqualTo(new[] { "test" }));
    }
}

using System.Net;
using System.Text.Json;
using Lotus.Grpc.Transcoding.Tests.Infrastructure;
using static Lotus.Grpc.Transcoding.Tests.Infrastructure.HttpAssert;

namespace Lotus.Grpc.Transcoding.Tests;

/// <summary>
/// The exact 422 body lotus-performance passes through (lotus-performance-consumer.md: status 422,
/// no retryable key, type ending qcp_analytics_insufficient_data, error_code and
/// metadata.analytics_error_code).
/// </summary>
[TestFixture]
public sealed class ProblemJsonTests
{
    private TranscodingServer server = null!;

    [OneTimeSetUp]
    public async Task StartAsync() => server = await TranscodingServer.StartAsync();

    [OneTimeTearDown]
    public async Task StopAsync() => await server.DisposeAsync();

    [Test]
    public async Task InsufficientData_Is422ProblemJsonInLotusCoreShape()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/integration/portfolios/P1/analytics/portfolio-timeseries")
        {
            Content = new StringContent("""{"as_of_date":"2025-01-03","consumer_system":"lotus-performance"}""", System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Correlation-Id", "corr-422");

        using var response = await server.Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var body = JsonDocument.Parse(text).RootElement;

        Assert.That((int)response.StatusCode, Is.EqualTo(422));
        Assert.That(response.Content.Headers.ContentType!.MediaType, Is.EqualTo("application/problem+json"));
        Assert.That(body.EnumerateObject().Select(p => p.Name), Is.EqualTo(new[]
        {
            "type", "title", "status", "detail", "instance", "error_code", "correlation_id", "metadata",
        }));
        Assert.That(body.Str("type"), Is.EqualTo("https://lotus-platform.dev/problems/query-control-plane/qcp_analytics_insufficient_data"));
        Assert.That(body.Str("title"), Is.EqualTo("Unprocessable Entity"));
        Assert.That(body.GetProperty("status").ValueKind, Is.EqualTo(JsonValueKind.Number));
        Assert.That(body.GetProperty("status").GetInt32(), Is.EqualTo(422));
        Assert.That(body.Str("detail"), Is.EqualTo("Missing FX rate for EUR/USD on 2025-01-03"));
        Assert.That(body.Str("instance"), Is.EqualTo("/integration/portfolios/P1/analytics/portfolio-timeseries"));
        Assert.That(body.Str("error_code"), Is.EqualTo("QCP_ANALYTICS_INSUFFICIENT_DATA"));
        Assert.That(body.Str("correlation_id"), Is.EqualTo("corr-422"));
        Assert.That(body.GetProperty("metadata").Str("analytics_error_code"), Is.EqualTo("INSUFFICIENT_DATA"));
        Assert.That(body.GetProperty("metadata").Str("source_product"), Is.EqualTo("PortfolioTimeseriesInput"));
        Assert.That(text, Does.Not.Contain("retryable"));
    }
}

using System.Net;
using System.Text.Json;
using Lotus.Grpc.Transcoding.Tests.Infrastructure;
using static Lotus.Grpc.Transcoding.Tests.Infrastructure.HttpAssert;

namespace Lotus.Grpc.Transcoding.Tests;

/// <summary>Server streaming as NDJSON: one message per line, flushed as produced; late errors are the last line.</summary>
[TestFixture]
public sealed class RestStreamingTests
{
    private TranscodingServer server = null!;

    [OneTimeSetUp]
    public async Task StartAsync() => server = await TranscodingServer.StartAsync();

    [OneTimeTearDown]
    public async Task StopAsync() => await server.DisposeAsync();

    private async Task<(HttpResponseMessage Response, List<JsonElement> Lines)> StreamAsync(string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.ParseAdd("application/x-ndjson");
        var response = await server.Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();
        return (response, lines);
    }

    [Test]
    public async Task Stream_IsOneJsonMessagePerLine()
    {
        var (response, lines) = await StreamAsync("/v1/shelves/S1/items:watch?count=3");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Content.Headers.ContentType!.MediaType, Is.EqualTo("application/x-ndjson"));
        Assert.That(lines.Select(l => l.Str("item_id")), Is.EqualTo(new[] { "item-0", "item-1", "item-2" }));
        Assert.That(lines[0].GetProperty("price").Str("amount"), Is.EqualTo("1025000.12"));
    }

    [Test]
    public async Task EmptyStream_IsOkWithNoLines()
    {
        var (response, lines) = await StreamAsync("/v1/shelves/S1/items:watch?count=0");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(lines, Is.Empty);
    }

    [Test]
    public async Task ErrorBeforeFirstMessage_IsAnOrdinaryErrorResponse()
    {
        var (response, body) = await GetAsync(server.Client, $"/v1/shelves/S1/items:watch?count=3&fail=true&fail_after=0&fail_code={(int)StatusCode.NotFound}");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(body.GetProperty("code").GetInt32(), Is.EqualTo((int)StatusCode.NotFound));
    }

    [Test]
    public async Task ErrorAfterFirstMessage_IsTheLastLine()
    {
        var (response, lines) = await StreamAsync($"/v1/shelves/S1/items:watch?count=3&fail=true&fail_after=2&fail_code={(int)StatusCode.Unavailable}");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(lines, Has.Count.EqualTo(3));
        Assert.That(lines[1].Str("item_id"), Is.EqualTo("item-1"));
        Assert.That(lines[2].GetProperty("code").GetInt32(), Is.EqualTo((int)StatusCode.Unavailable));
        Assert.That(lines[2].Str("message"), Is.EqualTo("Stream failed after 2 messages."));
    }

    [Test]
    public async Task FirstMessage_IsReadableBeforeTheHandlerContinues()
    {
        // The handler writes one message and then waits for us: the line must already have been flushed.
        server.Service.ReleaseStream = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/shelves/S1/items:watch?count=2&hold_after_first=true");
        request.Headers.Accept.ParseAdd("application/x-ndjson");
        using var response = await server.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());

        // Guard only (a missing flush would otherwise hang the run), not a timing assertion.
        var first = await reader.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30));
        server.Service.ReleaseStream.SetResult();
        var second = await reader.ReadLineAsync();
        var end = await reader.ReadLineAsync();

        Assert.That(JsonDocument.Parse(first!).RootElement.Str("item_id"), Is.EqualTo("item-0"));
        Assert.That(JsonDocument.Parse(second!).RootElement.Str("item_id"), Is.EqualTo("item-1"));
        Assert.That(end, Is.Null);
    }
}

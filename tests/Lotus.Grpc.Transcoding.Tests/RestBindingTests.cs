using System.Net;
using System.Text.Json;
using Lotus.Grpc.Transcoding.Tests.Infrastructure;
using static Lotus.Grpc.Transcoding.Tests.Infrastructure.HttpAssert;

namespace Lotus.Grpc.Transcoding.Tests;

/// <summary>Path, query and body mapping of every binding form, over HTTP/1.1 against Kestrel.</summary>
[TestFixture]
public sealed class RestBindingTests
{
    private TranscodingServer server = null!;

    [OneTimeSetUp]
    public async Task StartAsync() => server = await TranscodingServer.StartAsync();

    [OneTimeTearDown]
    public async Task StopAsync() => await server.DisposeAsync();

    [Test]
    public async Task PathVariablesAndQuery_BindToRequestFields()
    {
        var (response, body) = await GetAsync(server.Client, "/v1/shelves/S%201/items/I-7?include_history=true");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Content.Headers.ContentType!.MediaType, Is.EqualTo("application/json"));
        Assert.That(body.Str("shelf_id"), Is.EqualTo("S 1"));
        Assert.That(body.Str("item_id"), Is.EqualTo("I-7"));
        Assert.That(body.GetProperty("active").GetBoolean(), Is.True);
    }

    [Test]
    public async Task Response_UsesProtoNamesDecimalStringsDatesEnumNamesAndDefaults()
    {
        var (_, body) = await GetAsync(server.Client, "/v1/shelves/S1/items/I1");

        Assert.That(body.GetProperty("price").GetProperty("amount").ValueKind, Is.EqualTo(JsonValueKind.String));
        Assert.That(body.GetProperty("price").Str("amount"), Is.EqualTo("1025000.12"));
        Assert.That(body.Str("market_value"), Is.EqualTo("1025000.1200000000"));
        Assert.That(body.Str("trade_date"), Is.EqualTo("2025-01-03"));
        Assert.That(body.Str("kind"), Is.EqualTo("ITEM_KIND_BOND"));
        Assert.That(body.Str("version"), Is.EqualTo("9007199254740993"), "int64 is a JSON string");
        Assert.That(body.TryGetProperty("marketValue", out _), Is.False, "proto names, not lowerCamelCase");
        Assert.That(body.GetProperty("active").GetBoolean(), Is.False, "default values are written");
    }

    [Test]
    public async Task Query_BindsRepeatedNestedEnumInt64AndWrapperFields()
    {
        var (response, body) = await GetAsync(
            server.Client,
            "/v1/shelves/S9/items?tags=a&tags=b&filter.min_price=10.50&filter.kind=ITEM_KIND_EQUITY&filter.ceiling.amount=99.9"
            + "&pageSize=25&after_version=9007199254740993&kinds=ITEM_KIND_BOND&kinds=2&limit=7&active_only=true&numbers=1&numbers=-2");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body.ToString());
        Assert.That(body.Str("shelf_id"), Is.EqualTo("S9"));
        Assert.That(body.GetProperty("tags").EnumerateArray().Select(e => e.GetString()), Is.EqualTo(new[] { "a", "b" }));
        Assert.That(body.GetProperty("filter").Str("min_price"), Is.EqualTo("10.50"));
        Assert.That(body.GetProperty("filter").Str("kind"), Is.EqualTo("ITEM_KIND_EQUITY"));
        Assert.That(body.GetProperty("filter").GetProperty("ceiling").Str("amount"), Is.EqualTo("99.9"));
        Assert.That(body.GetProperty("page_size").GetInt32(), Is.EqualTo(25), "JSON name accepted in the query");
        Assert.That(body.Str("after_version"), Is.EqualTo("9007199254740993"));
        Assert.That(body.GetProperty("kinds").EnumerateArray().Select(e => e.GetString()), Is.EqualTo(new[] { "ITEM_KIND_BOND", "ITEM_KIND_EQUITY" }));
        Assert.That(body.GetProperty("limit").GetInt32(), Is.EqualTo(7));
        Assert.That(body.GetProperty("active_only").GetBoolean(), Is.True);
        Assert.That(body.GetProperty("numbers").EnumerateArray().Select(e => e.GetInt32()), Is.EqualTo(new[] { 1, -2 }));
    }

    [Test]
    public async Task NamedBodyField_TakesTheBody_OtherFieldsFromQuery_ResponseBodySelectsField()
    {
        var (response, body) = await SendAsync(
            server.Client,
            HttpMethod.Post,
            "/v1/shelves/S2/items?request_id=req-1",
            """{"item_id":"new","price":{"amount":"0.10","currency":"USD"},"tradeDate":"2025-02-28"}""");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body.ToString());
        Assert.That(body.Str("item_id"), Is.EqualTo("new"), "response_body: the item itself, not the response wrapper");
        Assert.That(body.TryGetProperty("note", out _), Is.False);
        Assert.That(body.Str("shelf_id"), Is.EqualTo("S2"));
        Assert.That(body.Str("name"), Is.EqualTo("req-1"));
        Assert.That(body.Str("trade_date"), Is.EqualTo("2025-02-28"), "JSON names are accepted on input");
        Assert.That(body.GetProperty("price").Str("amount"), Is.EqualTo("0.10"));
    }

    [Test]
    public async Task WholeBody_WithNestedMultiSegmentPathVariable_PathWins()
    {
        var (response, body) = await SendAsync(
            server.Client,
            HttpMethod.Patch,
            "/v1/shelves/S3/items/I3",
            """{"item":{"name":"ignored","market_value":"5"},"reason":"fix"}""");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body.ToString());
        Assert.That(body.GetProperty("item").Str("name"), Is.EqualTo("shelves/S3/items/I3"));
        Assert.That(body.GetProperty("item").Str("market_value"), Is.EqualTo("5"));
        Assert.That(body.Str("reason"), Is.EqualTo("fix"));
    }

    [Test]
    public async Task AdditionalBinding_ServesTheSameRpc()
    {
        var (response, body) = await SendAsync(server.Client, HttpMethod.Put, "/v2/shelves/S4/items/I4", """{"reason":"v2"}""");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body.ToString());
        Assert.That(body.GetProperty("item").Str("name"), Is.EqualTo("shelves/S4/items/I4"));
        Assert.That(body.Str("reason"), Is.EqualTo("v2"));
    }

    [Test]
    public async Task WholeBody_DoesNotAcceptQueryParameters()
    {
        var (response, body) = await SendAsync(server.Client, HttpMethod.Put, "/v2/shelves/S4/items/I4?reason=query", """{"reason":"body"}""");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(body.Str("reason"), Is.EqualTo("body"));
    }

    [Test]
    public async Task CustomVerb_RoutesToItsRpc()
    {
        var (response, body) = await SendAsync(server.Client, HttpMethod.Post, "/v1/items/I5:archive", """{"comment":"done"}""");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body.ToString());
        Assert.That(body.Str("item_id"), Is.EqualTo("I5"));
        Assert.That(body.Str("name"), Is.EqualTo("done"));
    }

    [Test]
    public async Task CatchAllVariable_TakesSeveralSegments()
    {
        var (response, body) = await GetAsync(server.Client, "/v1/files/reports/2025/q1%2Fdraft.pdf");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(body.Str("path"), Is.EqualTo("reports/2025/q1%2Fdraft.pdf"), "multi-segment variables keep %2F encoded");
    }

    [Test]
    public async Task EmptyBody_IsAnEmptyRequest()
    {
        var (response, body) = await SendAsync(server.Client, HttpMethod.Post, "/v1/items/I6:archive", string.Empty);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(body.Str("item_id"), Is.EqualTo("I6"));
    }

    [Test]
    public async Task UnknownBodyField_IsInvalidArgumentNamingIt()
    {
        var (response, body) = await SendAsync(server.Client, HttpMethod.Post, "/v1/items/I7:archive", """{"comment":"x","colour":"red"}""");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(body.GetProperty("code").GetInt32(), Is.EqualTo((int)StatusCode.InvalidArgument));
        Assert.That(body.Str("message"), Does.Contain("'colour'"));
    }

    [Test]
    public async Task UnknownQueryParameter_IsInvalidArgumentNamingIt()
    {
        var (response, body) = await GetAsync(server.Client, "/v1/shelves/S1/items?colour=red");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(body.Str("message"), Does.Contain("'colour'"));
    }

    [TestCase("/v1/shelves/S1/items?kinds=ITEM_KIND_NOPE", "kinds")]
    [TestCase("/v1/shelves/S1/items?page_size=ten", "page_size")]
    [TestCase("/v1/shelves/S1/items?active_only=yes", "active_only")]
    [TestCase("/v1/shelves/S1/items?page_size=1&page_size=2", "page_size")]
    [TestCase("/v1/shelves/S1/items?examples=x", "examples")]
    public async Task BadQueryValue_IsInvalidArgumentNamingTheParameter(string path, string name)
    {
        var (response, body) = await GetAsync(server.Client, path);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(body.Str("message"), Does.Contain($"'{name}'"));
    }

    [Test]
    public async Task QueryParameterForTheBodyField_IsInvalidArgument()
    {
        var (response, body) = await SendAsync(server.Client, HttpMethod.Post, "/v1/shelves/S2/items?item.name=x", "{}");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(body.Str("message"), Does.Contain("'item.name'"));
        Assert.That(body.Str("message"), Does.Contain("body field 'item'"));
    }

    [Test]
    public async Task MalformedJson_IsInvalidArgument()
    {
        var (response, body) = await SendAsync(server.Client, HttpMethod.Post, "/v1/items/I8:archive", """{"comment": """);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(body.GetProperty("code").GetInt32(), Is.EqualTo((int)StatusCode.InvalidArgument));
    }

    [Test]
    public async Task NonJsonContentType_IsInvalidArgument()
    {
        var (response, body) = await SendAsync(server.Client, HttpMethod.Post, "/v1/items/I9:archive", "comment=x", "application/x-www-form-urlencoded");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(body.Str("message"), Does.Contain("not JSON"));
    }

    [Test]
    public async Task DecimalAsJsonNumber_IsRejected()
    {
        // Decimals are strings on the wire; a JSON number for a string field is not accepted.
        var (response, _) = await SendAsync(server.Client, HttpMethod.Post, "/v1/shelves/S2/items", """{"market_value": 1.5}""");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
    }

    [Test]
    public async Task UnmatchedPath_Is404()
    {
        var (response, _) = await GetAsync(server.Client, "/v1/nothing/here");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task WrongHttpMethod_IsNotServed()
    {
        var (response, _) = await SendAsync(server.Client, HttpMethod.Delete, "/v1/shelves/S1/items/I1");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.MethodNotAllowed));
    }

    [Test]
    public async Task GrpcOnlyRpc_HasNoRestRoute()
    {
        var (response, _) = await SendAsync(server.Client, HttpMethod.Post, "/lotus.transcoding.test.v1.TestService/Upload", "{}");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }
}

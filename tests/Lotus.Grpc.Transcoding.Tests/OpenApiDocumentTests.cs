using System.Net;
using System.Text.Json;
using Google.Protobuf.Reflection;
using Lotus.Grpc.Transcoding.Internal.Binding;
using Lotus.Grpc.Transcoding.Internal.OpenApi;
using Lotus.Grpc.Transcoding.Tests.Infrastructure;
using Lotus.Transcoding.Test.V1;

namespace Lotus.Grpc.Transcoding.Tests;

/// <summary>The generated OpenAPI 3 document: structure, every rpc's path and verb, every $ref resolving.</summary>
[TestFixture]
public sealed class OpenApiDocumentTests
{
    private TranscodingServer server = null!;
    private JsonElement document;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        server = await TranscodingServer.StartAsync();
        var text = await server.Client.GetStringAsync("/openapi.json");
        await File.WriteAllTextAsync(Path.Combine(TestContext.CurrentContext.WorkDirectory, "test-service.openapi.json"), text);
        document = JsonDocument.Parse(text).RootElement.Clone();
    }

    [OneTimeTearDown]
    public async Task StopAsync() => await server.DisposeAsync();

    [Test]
    public void Document_IsOpenApi3WithInfoPathsAndComponents()
    {
        Assert.That(document.GetProperty("openapi").GetString(), Does.StartWith("3."));
        Assert.That(document.GetProperty("info").GetProperty("title").GetString(), Is.EqualTo("Lotus transcoding test"));
        Assert.That(document.GetProperty("info").GetProperty("version").GetString(), Is.EqualTo("v1"));
        Assert.That(document.GetProperty("paths").ValueKind, Is.EqualTo(JsonValueKind.Object));
        Assert.That(document.GetProperty("components").GetProperty("schemas").ValueKind, Is.EqualTo(JsonValueKind.Object));
    }

    [Test]
    public void EveryTranscodedBinding_HasItsPathAndVerb()
    {
        var paths = document.GetProperty("paths");
        var missing = new List<string>();
        var count = 0;
        foreach (var method in TestServiceReflection.Descriptor.Services.Single().Methods)
        {
            foreach (var binding in HttpBindingFactory.Create(method))
            {
                count++;
                var path = OpenApiDocumentWriter.PathOf(binding.Pattern);
                if (!paths.TryGetProperty(path, out var item) || !item.TryGetProperty(binding.HttpMethod.ToLowerInvariant(), out _))
                {
                    missing.Add($"{binding.HttpMethod} {path}");
                }
            }
        }

        Assert.That(count, Is.EqualTo(10));
        Assert.That(missing, Is.Empty);
        Assert.That(paths.TryGetProperty("/v1/{item.name}", out _), Is.True);
        Assert.That(paths.TryGetProperty("/v1/items/{item_id}:archive", out _), Is.True);
    }

    [Test]
    public void EveryRef_Resolves()
    {
        var schemas = document.GetProperty("components").GetProperty("schemas");
        var refs = new List<string>();
        Collect(document, refs);
        Assert.That(refs, Is.Not.Empty);
        foreach (var reference in refs.Distinct())
        {
            Assert.That(reference, Does.StartWith("#/components/schemas/"));
            Assert.That(schemas.TryGetProperty(reference["#/components/schemas/".Length..], out _), Is.True, reference);
        }
    }

    [Test]
    public void Schemas_UseProtoNamesAndDecimalAndDateFormats()
    {
        var item = document.GetProperty("components").GetProperty("schemas").GetProperty("lotus.transcoding.test.v1.Item").GetProperty("properties");

        Assert.That(item.GetProperty("market_value").GetProperty("type").GetString(), Is.EqualTo("string"));
        Assert.That(item.GetProperty("market_value").GetProperty("format").GetString(), Is.EqualTo("decimal"));
        Assert.That(item.GetProperty("trade_date").GetProperty("format").GetString(), Is.EqualTo("date"));
        Assert.That(item.GetProperty("version").GetProperty("type").GetString(), Is.EqualTo("string"));
        Assert.That(item.GetProperty("kind").GetProperty("enum").EnumerateArray().Select(e => e.GetString()), Does.Contain("ITEM_KIND_BOND"));
        Assert.That(item.GetProperty("tags").GetProperty("type").GetString(), Is.EqualTo("array"));
        Assert.That(item.GetProperty("name").TryGetProperty("format", out _), Is.False);
    }

    [Test]
    public void Operations_DescribeParametersBodiesStreamsAndErrors()
    {
        var paths = document.GetProperty("paths");
        var search = paths.GetProperty("/v1/shelves/{shelf_id}/items").GetProperty("get");
        var parameters = search.GetProperty("parameters").EnumerateArray().Select(p => p.GetProperty("name").GetString() + "@" + p.GetProperty("in").GetString()).ToList();
        Assert.That(parameters, Does.Contain("shelf_id@path"));
        Assert.That(parameters, Does.Contain("filter.ceiling.amount@query"));
        Assert.That(parameters, Does.Contain("tags@query"));
        Assert.That(parameters, Does.Not.Contain("examples@query"), "repeated messages cannot be query parameters");

        var create = paths.GetProperty("/v1/shelves/{shelf_id}/items").GetProperty("post");
        Assert.That(create.GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("schema").GetProperty("$ref").GetString(),
            Is.EqualTo("#/components/schemas/lotus.transcoding.test.v1.Item"));
        Assert.That(create.GetProperty("parameters").EnumerateArray().Select(p => p.GetProperty("name").GetString()), Does.Contain("request_id"));

        var watch = paths.GetProperty("/v1/shelves/{shelf_id}/items:watch").GetProperty("get");
        Assert.That(watch.GetProperty("responses").GetProperty("200").GetProperty("content").TryGetProperty("application/x-ndjson", out _), Is.True);

        var error = search.GetProperty("responses").GetProperty("default").GetProperty("content").GetProperty("application/json").GetProperty("schema");
        Assert.That(error.GetProperty("$ref").GetString(), Is.EqualTo("#/components/schemas/google.rpc.Status"));
    }

    [Test]
    public void OperationIds_AreUnique()
    {
        var ids = document.GetProperty("paths").EnumerateObject()
            .SelectMany(p => p.Value.EnumerateObject())
            .Select(o => o.Value.GetProperty("operationId").GetString())
            .ToList();

        Assert.That(ids, Is.Unique);
    }

    [Test]
    public void ProductContracts_ProduceAValidDocument()
    {
        var services = typeof(Lotus.Core.V1.DateWindow).Assembly.GetTypes()
            .Where(t => t.Name.EndsWith("Reflection", StringComparison.Ordinal))
            .Select(t => t.GetProperty("Descriptor")?.GetValue(null))
            .OfType<FileDescriptor>()
            .SelectMany(f => f.Services)
            .ToList();

        var bytes = OpenApiDocumentWriter.Write(services, "Lotus Core", "v1");
        // Kept as a test artifact, e.g. for an external validator.
        File.WriteAllBytes(Path.Combine(TestContext.CurrentContext.WorkDirectory, "lotus-core.openapi.json"), bytes);
        var product = JsonDocument.Parse(bytes).RootElement;
        var refs = new List<string>();
        Collect(product, refs);
        var schemas = product.GetProperty("components").GetProperty("schemas");

        Assert.That(product.GetProperty("openapi").GetString(), Does.StartWith("3."));
        var paths = product.GetProperty("paths");
        var bindings = services.SelectMany(s => s.Methods).SelectMany(HttpBindingFactory.Create).ToList();
        Assert.That(bindings, Has.Count.GreaterThan(5));
        Assert.That(
            bindings.Where(b => !(paths.TryGetProperty(OpenApiDocumentWriter.PathOf(b.Pattern), out var item) && item.TryGetProperty(b.HttpMethod.ToLowerInvariant(), out _)))
                .Select(b => b.ToString()),
            Is.Empty);
        Assert.That(refs.Distinct().Where(r => !schemas.TryGetProperty(r["#/components/schemas/".Length..], out _)), Is.Empty);
    }

    [Test]
    public async Task BrowserPage_IsServedWithoutExternalAssets()
    {
        using var response = await server.Client.GetAsync("/docs/index.html");
        var html = await response.Content.ReadAsStringAsync();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(html, Does.Contain("swagger-ui"));
        Assert.That(html, Does.Not.Contain("https://cdn"));
        using var script = await server.Client.GetAsync("/docs/swagger-ui-bundle.js");
        Assert.That(script.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    private static void Collect(JsonElement element, List<string> refs)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    if (property.Name == "$ref")
                    {
                        refs.Add(property.Value.GetString()!);
                    }
                    else
                    {
                        Collect(property.Value, refs);
                    }
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    Collect(item, refs);
                }

                break;
        }
    }
}

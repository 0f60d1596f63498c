using System.Net;
using System.Net.Http.Headers;
using Lotus.Grpc.Tests.Infrastructure;
using Lotus.Grpc.Tests.V1;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Lotus.Grpc.Tests.Server;

[TestFixture]
public sealed class EndpointTests : KestrelTestBase
{
    protected override void MapEndpoints(WebApplication application) =>
        application.MapPost("/rest/{id}/{action}", (string id, string action) => Results.Text(id + ":" + action));

    [Test]
    public async Task GrpcOverHttp1_Answers426WithGrpcStatus()
    {
        using var http = new HttpClient { BaseAddress = Http1Address };
        using var content = new ByteArrayContent(GrpcTestClient.Frame(new EchoRequest()));
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/grpc");

        using var response = await http.PostAsync("/lotus.test.v1.TestService/Unary", content);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.UpgradeRequired));
        Assert.That(response.Header("grpc-status"), Is.EqualTo("13"));
    }

    [Test]
    public async Task NonGrpcRequestToTwoSegmentPath_IsNotTakenByTheUnimplementedFallback()
    {
        using var http = new HttpClient { BaseAddress = Http1Address };

        using var unknown = await http.PostAsync("/some/thing", new StringContent("{}", System.Text.Encoding.UTF8, "application/json"));
        using var rest = await http.PostAsync("/rest/7/run", new StringContent("{}", System.Text.Encoding.UTF8, "application/json"));

        Assert.That(unknown.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(unknown.Headers.Contains("grpc-status"), Is.False);
        Assert.That(await rest.Content.ReadAsStringAsync(), Is.EqualTo("7:run"));
    }
}

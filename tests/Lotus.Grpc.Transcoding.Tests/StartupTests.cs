using System.Net;
using Lotus.Grpc.Transcoding.Tests.Infrastructure;
using Lotus.Transcoding.Test.V1;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using static Lotus.Grpc.Transcoding.Tests.Infrastructure.HttpAssert;

namespace Lotus.Grpc.Transcoding.Tests;

/// <summary>Start-up checks and options.</summary>
[TestFixture]
public sealed class StartupTests
{
    private static ServerServiceDefinition BadService(string name)
    {
        var descriptor = BadTemplatesReflection.Descriptor.FindTypeByName<Google.Protobuf.Reflection.ServiceDescriptor>(name);
        var method = new Method<BadRequest, BadRequest>(MethodType.Unary, descriptor.FullName, "Get", BadRequest.Parser, BadRequest.Parser);
        return ServerServiceDefinition.CreateBuilder(descriptor).AddMethod(method, (r, _) => Task.FromResult(r)).Build();
    }

    [TestCase("UnclosedVariableService", "/v1/{name")]
    [TestCase("UnknownFieldService", "/v1/things/{missing_field}")]
    [TestCase("BadBodyService", "/v1/things")]
    public void InvalidTemplate_FailsMappingWithTheTemplateText(string service, string template)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Services.AddLotusTranscoding();
        using var app = builder.Build();

        var error = Assert.Throws<InvalidOperationException>(() => app.MapTranscodedService(BadService(service)));

        Assert.That(error!.Message, Does.Contain($"'{template}'"));
    }

    [Test]
    public void MappingWithoutAddLotusTranscoding_ExplainsTheFix()
    {
        var builder = WebApplication.CreateSlimBuilder();
        using var app = builder.Build();

        var error = Assert.Throws<InvalidOperationException>(() => app.MapTranscodedService(new TestServiceImpl().BindService()));

        Assert.That(error!.Message, Does.Contain("AddLotusTranscoding"));
    }

    [Test]
    public async Task IgnoreUnknownFields_AcceptsUnknownBodyFieldsAndQueryParameters()
    {
        await using var server = await TranscodingServer.StartAsync(o => o.IgnoreUnknownFields = true);

        var (bodyResponse, body) = await SendAsync(server.Client, HttpMethod.Post, "/v1/items/I1:archive", """{"comment":"x","colour":"red"}""");
        var (queryResponse, _) = await GetAsync(server.Client, "/v1/shelves/S1/items?colour=red");

        Assert.That(bodyResponse.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(body.Str("name"), Is.EqualTo("x"));
        Assert.That(queryResponse.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }
}

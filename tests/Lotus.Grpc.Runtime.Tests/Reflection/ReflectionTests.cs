using Google.Protobuf;
using Google.Protobuf.Reflection;
using Grpc.Reflection.V1;
using Lotus.Grpc.Health;
using Lotus.Grpc.Reflection;
using Lotus.Grpc.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Lotus.Grpc.Tests.Reflection;

[TestFixture]
public sealed class ReflectionTests : KestrelTestBase
{
    private const string V1Path = "/grpc.reflection.v1.ServerReflection/ServerReflectionInfo";

    protected override void ConfigureServices(IServiceCollection services) => services.AddLotusGrpcHealth();

    protected override void MapEndpoints(WebApplication application)
    {
        application.MapGrpcHealthService();
        application.MapGrpcReflectionService();
    }

    [Test]
    public async Task ListServicesWithEmptyString_ListsEveryMappedService()
    {
        var response = (await ReflectAsync(new ServerReflectionRequest { ListServices = string.Empty })).Single();

        Assert.That(response.MessageResponseCase, Is.EqualTo(ServerReflectionResponse.MessageResponseOneofCase.ListServicesResponse));
        Assert.That(response.ListServicesResponse.Service.Select(s => s.Name), Is.EquivalentTo(new[]
        {
            "lotus.test.v1.TestService",
            "grpc.health.v1.Health",
            "grpc.reflection.v1.ServerReflection",
            "grpc.reflection.v1alpha.ServerReflection",
        }));
        Assert.That(response.OriginalRequest.MessageRequestCase, Is.EqualTo(ServerReflectionRequest.MessageRequestOneofCase.ListServices));
    }

    [Test]
    public async Task FileContainingService_ReturnsItsFileFirstThenEveryTransitiveImport()
    {
        var response = (await ReflectAsync(new ServerReflectionRequest { FileContainingSymbol = "lotus.test.v1.TestService" })).Single();

        var names = FileNames(response);
        Assert.That(names[0], Is.EqualTo("lotus_test.proto"));
        Assert.That(names, Is.SupersetOf(new[]
        {
            "google/api/annotations.proto",
            "google/api/http.proto",
            "google/protobuf/descriptor.proto",
            "google/protobuf/timestamp.proto",
        }));
        Assert.That(names, Is.Unique);
        AssertClosed(response);
    }

    [TestCase("google/protobuf/descriptor.proto")]
    [TestCase("google/api/annotations.proto")]
    [TestCase("google/protobuf/timestamp.proto")]
    [TestCase("grpc/health/v1/health.proto")]
    [TestCase("lotus_test.proto")]
    public async Task FileByFilename_ReturnsThatFileUnderItsExactName(string fileName)
    {
        var response = (await ReflectAsync(new ServerReflectionRequest { FileByFilename = fileName })).Single();

        Assert.That(FileNames(response)[0], Is.EqualTo(fileName));
        AssertClosed(response);
    }

    [TestCase("lotus.test.v1.TestService.Unary")]
    [TestCase("lotus.test.v1.EchoRequest")]
    [TestCase("lotus.test.v1.EchoRequest.Nested")]
    [TestCase("lotus.test.v1.EchoRequest.Kind")]
    [TestCase("lotus.test.v1.EchoRequest.text")]
    [TestCase(".lotus.test.v1.EchoReply")]
    public async Task FileContainingSymbol_ResolvesMethodsMessagesNestedEnumsAndFields(string symbol)
    {
        var response = (await ReflectAsync(new ServerReflectionRequest { FileContainingSymbol = symbol })).Single();

        Assert.That(FileNames(response)[0], Is.EqualTo("lotus_test.proto"));
    }

    [Test]
    public async Task UnknownSymbolOrFile_AnswersInBandNotFoundAndTheStreamContinues()
    {
        var responses = await ReflectAsync(
            new ServerReflectionRequest { FileContainingSymbol = "no.such.Symbol" },
            new ServerReflectionRequest { FileByFilename = "no/such.proto" },
            new ServerReflectionRequest { ListServices = "*" });

        Assert.That(responses, Has.Count.EqualTo(3));
        Assert.That(responses[0].ErrorResponse.ErrorCode, Is.EqualTo((int)StatusCode.NotFound));
        Assert.That(responses[1].ErrorResponse.ErrorCode, Is.EqualTo((int)StatusCode.NotFound));
        Assert.That(responses[2].ListServicesResponse.Service, Is.Not.Empty);
    }

    [Test]
    public async Task FileAlreadySentAsDependency_IsStillReturnedWhenAskedByName()
    {
        var responses = await ReflectAsync(
            new ServerReflectionRequest { FileContainingSymbol = "lotus.test.v1.TestService" },
            new ServerReflectionRequest { FileByFilename = "google/api/http.proto" });

        Assert.That(FileNames(responses[1]), Is.EqualTo(new[] { "google/api/http.proto" }), "requested file present, dependencies not repeated");
    }

    [Test]
    public async Task MethodOptionsExtensions_AreListedAndResolvable()
    {
        var responses = await ReflectAsync(
            new ServerReflectionRequest { AllExtensionNumbersOfType = "google.protobuf.MethodOptions" },
            new ServerReflectionRequest { FileContainingExtension = new ExtensionRequest { ContainingType = "google.protobuf.MethodOptions", ExtensionNumber = 72295728 } },
            new ServerReflectionRequest { AllExtensionNumbersOfType = "google.protobuf.FieldOptions" },
            new ServerReflectionRequest { AllExtensionNumbersOfType = "no.such.Type" });

        Assert.That(responses[0].AllExtensionNumbersResponse.BaseTypeName, Is.EqualTo("google.protobuf.MethodOptions"));
        Assert.That(responses[0].AllExtensionNumbersResponse.ExtensionNumber, Does.Contain(72295728));
        Assert.That(FileNames(responses[1])[0], Is.EqualTo("google/api/annotations.proto"));
        Assert.That(responses[2].MessageResponseCase, Is.EqualTo(ServerReflectionResponse.MessageResponseOneofCase.AllExtensionNumbersResponse), "known type, no extensions");
        Assert.That(responses[3].ErrorResponse.ErrorCode, Is.EqualTo((int)StatusCode.NotFound));
    }

    [Test]
    public async Task V1Alpha_AnswersTheSameWay()
    {
        var request = new global::Grpc.Reflection.V1Alpha.ServerReflectionRequest { FileContainingSymbol = "grpc.health.v1.Health" };
        using var response = await Client.SendAsync(GrpcTestClient.CreateRequest("/grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo", GrpcTestClient.Frame(request)));

        var reply = (await GrpcTestClient.ReadMessagesAsync(response, global::Grpc.Reflection.V1Alpha.ServerReflectionResponse.Parser)).Single();
        Assert.That(FileDescriptorProto.Parser.ParseFrom(reply.FileDescriptorResponse.FileDescriptorProto[0]).Name, Is.EqualTo("grpc/health/v1/health.proto"));
        response.AssertTrailerStatus(StatusCode.OK);
    }

    private async Task<List<ServerReflectionResponse>> ReflectAsync(params ServerReflectionRequest[] requests)
    {
        var body = requests.SelectMany(r => GrpcTestClient.Frame(r)).ToArray();
        using var response = await Client.SendAsync(GrpcTestClient.CreateRequest(V1Path, body));
        var replies = await GrpcTestClient.ReadMessagesAsync(response, ServerReflectionResponse.Parser);
        response.AssertTrailerStatus(StatusCode.OK);
        return replies;
    }

    private static List<string> FileNames(ServerReflectionResponse response)
    {
        Assert.That(response.MessageResponseCase, Is.EqualTo(ServerReflectionResponse.MessageResponseOneofCase.FileDescriptorResponse), response.ErrorResponse?.ErrorMessage);
        return response.FileDescriptorResponse.FileDescriptorProto.Select(b => FileDescriptorProto.Parser.ParseFrom(b).Name).ToList();
    }

    /// <summary>Every import of every returned file is itself in the response (a fresh stream sends all).</summary>
    private static void AssertClosed(ServerReflectionResponse response)
    {
        var protos = response.FileDescriptorResponse.FileDescriptorProto.Select(b => FileDescriptorProto.Parser.ParseFrom(b)).ToList();
        var names = protos.Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var proto in protos)
        {
            Assert.That(names, Is.SupersetOf(proto.Dependency), $"imports of {proto.Name}");
        }
    }
}

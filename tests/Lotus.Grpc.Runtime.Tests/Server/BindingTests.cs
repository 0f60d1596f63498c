using Lotus.Grpc.Server;
using Lotus.Grpc.Tests.Infrastructure;
using Lotus.Grpc.Tests.V1;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Lotus.Grpc.Tests.Server;

[TestFixture]
public sealed class BindingTests
{
    private static ServerServiceDefinition.Builder Builder() =>
        ServerServiceDefinition.CreateBuilder(LotusTestReflection.Descriptor.Services[0]);

    private static Task<EchoReply> Unary(EchoRequest request, ServerCallContext context) => Task.FromResult(new EchoReply());

    private static Task ServerStream(EchoRequest request, IServerStreamWriter<EchoReply> responses, ServerCallContext context) => Task.CompletedTask;

    private static Task<EchoReply> ClientStream(IAsyncStreamReader<EchoRequest> requests, ServerCallContext context) => Task.FromResult(new EchoReply());

    private static Task Duplex(IAsyncStreamReader<EchoRequest> requests, IServerStreamWriter<EchoReply> responses, ServerCallContext context) => Task.CompletedTask;

    [Test]
    public void EveryRpcBoundWithItsShape_Builds()
    {
        var definition = new TestServiceImplementation().BindService();

        Assert.That(definition.Methods.Select(m => m.Method.FullName), Is.EquivalentTo(new[]
        {
            "/lotus.test.v1.TestService/Unary",
            "/lotus.test.v1.TestService/ServerStream",
            "/lotus.test.v1.TestService/ClientStream",
            "/lotus.test.v1.TestService/Duplex",
        }));
    }

    [Test]
    public void MissingHandlers_FailListingEveryOne()
    {
        var builder = Builder().AddMethod(TestServiceImplementation.UnaryMethod, Unary);

        var error = Assert.Throws<InvalidOperationException>(() => builder.Build());
        Assert.That(error!.Message, Does.Contain("lotus.test.v1.TestService.ServerStream").And.Contain("lotus.test.v1.TestService.ClientStream").And.Contain("lotus.test.v1.TestService.Duplex"));
        Assert.That(error.Message, Does.Not.Contain("TestService.Unary "));
    }

    [Test]
    public void DuplicateHandler_Fails()
    {
        var builder = Builder()
            .AddMethod(TestServiceImplementation.UnaryMethod, Unary)
            .AddMethod(TestServiceImplementation.UnaryMethod, Unary)
            .AddMethod(TestServiceImplementation.ServerStreamMethod, ServerStream)
            .AddMethod(TestServiceImplementation.ClientStreamMethod, ClientStream)
            .AddMethod(TestServiceImplementation.DuplexMethod, Duplex);

        Assert.That(() => builder.Build(), Throws.InvalidOperationException.With.Message.Contains("Unary has 2 handlers"));
    }

    [Test]
    public void WrongShapeHandler_Fails()
    {
        var unaryAsServerStream = new Method<EchoRequest, EchoReply>(MethodType.Unary, TestServiceImplementation.ServiceName, "ServerStream", EchoRequest.Parser, EchoReply.Parser);
        var builder = Builder()
            .AddMethod(TestServiceImplementation.UnaryMethod, Unary)
            .AddMethod(unaryAsServerStream, Unary)
            .AddMethod(TestServiceImplementation.ClientStreamMethod, ClientStream)
            .AddMethod(TestServiceImplementation.DuplexMethod, Duplex);

        Assert.That(() => builder.Build(), Throws.InvalidOperationException.With.Message.Contains("ServerStream is ServerStreaming but its handler is Unary"));
    }

    [Test]
    public void HandlerForUndeclaredRpc_Fails()
    {
        var extra = new Method<EchoRequest, EchoReply>(MethodType.Unary, TestServiceImplementation.ServiceName, "Extra", EchoRequest.Parser, EchoReply.Parser);
        var builder = new TestServiceImplementationWithExtra(extra);

        Assert.That(() => builder.BindService(), Throws.InvalidOperationException.With.Message.Contains("/lotus.test.v1.TestService/Extra is bound but not declared"));
    }

    [Test]
    public void MappingAnIncompletelyBoundService_FailsAtStartUp()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Services.AddLotusGrpc();
        using var app = builder.Build();

        var error = Assert.Throws<InvalidOperationException>(() => app.MapGrpcService<IncompleteService>());
        Assert.That(error!.Message, Does.Contain("lotus.test.v1.TestService.Duplex (DuplexStreaming) has no handler"));
    }

    [Test]
    public void MappingTheSameServiceTwice_Fails()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Services.AddLotusGrpc();
        using var app = builder.Build();
        app.MapGrpcService<TestServiceImplementation>();

        Assert.That(() => app.MapGrpcService<TestServiceImplementation>(), Throws.InvalidOperationException.With.Message.Contains("mapped twice"));
    }

    [Test]
    public void MappingWithoutAddLotusGrpc_ExplainsTheFix()
    {
        using var app = WebApplication.CreateSlimBuilder().Build();

        Assert.That(() => app.MapGrpcService<TestServiceImplementation>(), Throws.InvalidOperationException.With.Message.Contains("AddLotusGrpc"));
    }

    private sealed class IncompleteService : IBindableService
    {
        public ServerServiceDefinition BindService() => Builder()
            .AddMethod(TestServiceImplementation.UnaryMethod, Unary)
            .AddMethod(TestServiceImplementation.ServerStreamMethod, ServerStream)
            .AddMethod(TestServiceImplementation.ClientStreamMethod, ClientStream)
            .Build();
    }

    private sealed class TestServiceImplementationWithExtra(Method<EchoRequest, EchoReply> extra) : IBindableService
    {
        public ServerServiceDefinition BindService() => Builder()
            .AddMethod(TestServiceImplementation.UnaryMethod, Unary)
            .AddMethod(TestServiceImplementation.ServerStreamMethod, ServerStream)
            .AddMethod(TestServiceImplementation.ClientStreamMethod, ClientStream)
            .AddMethod(TestServiceImplementation.DuplexMethod, Duplex)
            .AddMethod(extra, Unary)
            .Build();
    }
}

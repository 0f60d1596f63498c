using Google.Protobuf.Reflection;
using Lotus.CodeGen.Test.V1;

namespace Lotus.Grpc.CodeGen.Tests.Generated;

[TestFixture]
public sealed class GeneratedServiceBaseTests
{
    [Test]
    public void BindService_BindsEveryRpcOfTheDescriptor_WithItsShape()
    {
        var definition = new EchoServiceImplementation().BindService();

        Assert.That(definition.Descriptor.FullName, Is.EqualTo("lotus.codegen.test.v1.EchoService"));
        var expected = definition.Descriptor.Methods.Select(m => (m.Name, ShapeOf(m))).ToArray();
        var bound = definition.Methods.Select(m => (m.Method.Name, m.Method.Type)).ToArray();
        Assert.That(bound, Is.EquivalentTo(expected));
        Assert.That(expected, Has.Length.EqualTo(5));
    }

    [Test]
    public void BindService_MethodsCarryServiceNameAndPath()
    {
        var definition = new EchoServiceImplementation().BindService();

        Assert.That(definition.Methods.Select(m => m.Method.ServiceName), Is.All.EqualTo("lotus.codegen.test.v1.EchoService"));
        Assert.That(
            definition.Methods.Select(m => m.Method.FullName),
            Is.EquivalentTo(new[]
            {
                "/lotus.codegen.test.v1.EchoService/Echo",
                "/lotus.codegen.test.v1.EchoService/Expand",
                "/lotus.codegen.test.v1.EchoService/Collect",
                "/lotus.codegen.test.v1.EchoService/Chat",
                "/lotus.codegen.test.v1.EchoService/Fail",
            }));
    }

    [Test]
    public void SecondServiceOfAFile_UsesItsOwnDescriptor()
    {
        var definition = new PingServiceImplementation().BindService();

        Assert.That(definition.Descriptor.FullName, Is.EqualTo("lotus.codegen.test.v1.PingService"));
        Assert.That(definition.Methods.Single().Method.FullName, Is.EqualTo("/lotus.codegen.test.v1.PingService/Ping"));
    }

    [Test]
    public void MethodDescriptors_UseTheMessageParsersOfTheirTypes()
    {
        Assert.Multiple(() =>
        {
            Assert.That(EchoService.ExpandMethod.ResponseParser, Is.SameAs(EchoResponse.Types.Part.Parser));
            Assert.That(EchoService.CollectMethod.RequestParser, Is.SameAs(CodegenCommon.V1.Chunk.Parser));
            Assert.That(EchoService.CollectMethod.ResponseParser, Is.SameAs(Google.Protobuf.WellKnownTypes.Timestamp.Parser));
            Assert.That(EchoService.FailMethod.ResponseParser, Is.SameAs(Google.Rpc.Status.Parser));
            Assert.That(EchoService.ChatMethod.Type, Is.EqualTo(MethodType.DuplexStreaming));
            Assert.That(EchoService.CollectMethod.Type, Is.EqualTo(MethodType.ClientStreaming));
            Assert.That(EchoService.ExpandMethod.Type, Is.EqualTo(MethodType.ServerStreaming));
            Assert.That(EchoService.EchoMethod.Type, Is.EqualTo(MethodType.Unary));
        });
    }

    [Test]
    public void ServiceBase_DeclaresOneAbstractHandlerPerRpc()
    {
        var handlers = typeof(EchoService.EchoServiceBase).GetMethods()
            .Where(m => m.IsAbstract)
            .Select(m => m.Name);

        Assert.That(handlers, Is.EquivalentTo(EchoService.Descriptor.Methods.Select(m => m.Name)));
    }

    private static MethodType ShapeOf(MethodDescriptor method) => (method.IsClientStreaming, method.IsServerStreaming) switch
    {
        (false, false) => MethodType.Unary,
        (true, false) => MethodType.ClientStreaming,
        (false, true) => MethodType.ServerStreaming,
        _ => MethodType.DuplexStreaming,
    };
}

using Google.Protobuf.Compiler;
using Google.Protobuf.Reflection;

namespace Lotus.Grpc.CodeGen.Tests.Plugin;

[TestFixture]
public sealed class ServiceCodeGeneratorTests
{
    [TestCase("lotus.core.v1", "Lotus.Core.V1")]
    [TestCase("lotus.codegen_common.v1", "Lotus.CodegenCommon.V1")]
    [TestCase("foo_bar.baz2qux", "FooBar.Baz2Qux")]
    [TestCase("", "")]
    public void NamespaceWithoutOption_IsThePackagePascalCased(string package, string expected)
    {
        Assert.That(CSharpNames.Namespace(new FileDescriptorProto { Name = "x.proto", Package = package }), Is.EqualTo(expected));
    }

    [Test]
    public void NamespaceOption_WinsOverThePackage()
    {
        var file = new FileDescriptorProto { Name = "x.proto", Package = "a.b", Options = new Google.Protobuf.Reflection.FileOptions { CsharpNamespace = "Custom.Ns" } };

        Assert.That(CSharpNames.Namespace(file), Is.EqualTo("Custom.Ns"));
    }

    [TestCase("lotus/core/v1/system.proto", "SystemReflection", "lotus/core/v1/SystemGrpc.cs")]
    [TestCase("error_details.proto", "ErrorDetailsReflection", "ErrorDetailsGrpc.cs")]
    [TestCase("a/http2_rule.proto", "Http2RuleReflection", "a/Http2RuleGrpc.cs")]
    public void FileNames_FollowProtocCSharpConventions(string protoName, string reflection, string output)
    {
        var file = new FileDescriptorProto { Name = protoName };

        Assert.That(CSharpNames.ReflectionClass(file), Is.EqualTo(reflection));
        Assert.That(CSharpNames.OutputFile(file), Is.EqualTo(output));
    }

    [Test]
    public void FileWithoutPackageOrNamespace_GeneratesGlobalNamesAndNoNamespace()
    {
        var file = new FileDescriptorProto { Name = "bare.proto", Syntax = "proto3" };
        file.MessageType.Add(new DescriptorProto { Name = "Ping" });
        var service = new ServiceDescriptorProto { Name = "Bare" };
        service.Method.Add(new MethodDescriptorProto { Name = "Call", InputType = ".Ping", OutputType = ".Ping" });
        file.Service.Add(service);
        var request = new CodeGeneratorRequest { ProtoFile = { file }, FileToGenerate = { "bare.proto" } };

        var content = ServiceCodeGenerator.Generate(request).File.Single().Content;

        Assert.That(content, Does.Not.Contain("namespace "));
        Assert.That(content, Does.Contain("public const string ServiceName = \"Bare\";"));
        Assert.That(content, Does.Contain("global::Lotus.Grpc.Method<global::Ping, global::Ping>"));
        Assert.That(content, Does.Contain("global::BareReflection.Descriptor.Services[0]"));
    }

    [Test]
    public void LeadingComments_BecomeEscapedDocSummaries()
    {
        var file = new FileDescriptorProto { Name = "c.proto", Package = "c" };
        file.MessageType.Add(new DescriptorProto { Name = "M" });
        var service = new ServiceDescriptorProto { Name = "S" };
        service.Method.Add(new MethodDescriptorProto { Name = "Do", InputType = ".c.M", OutputType = ".c.M", ServerStreaming = true });
        file.Service.Add(service);
        file.SourceCodeInfo = new SourceCodeInfo
        {
            Location =
            {
                new SourceCodeInfo.Types.Location { Path = { 6, 0 }, LeadingComments = " Service <one>.\n" },
                new SourceCodeInfo.Types.Location { Path = { 6, 0, 2, 0 }, LeadingComments = " Does a & b.\n" },
            },
        };
        var request = new CodeGeneratorRequest { ProtoFile = { file }, FileToGenerate = { "c.proto" } };

        var content = ServiceCodeGenerator.Generate(request).File.Single().Content;

        Assert.That(content, Does.Contain("/// Service &lt;one&gt;."));
        Assert.That(content.Split("/// Does a &amp; b.").Length - 1, Is.EqualTo(2), "base handler and client method");
        Assert.That(content, Does.Contain("AsyncServerStreamingCall<global::C.M> Do(global::C.M request"));
    }

    [Test]
    public void NestedMessages_AreReachedThroughTypes()
    {
        var file = new FileDescriptorProto { Name = "n.proto", Package = "n.v1" };
        var outer = new DescriptorProto { Name = "Outer" };
        var middle = new DescriptorProto { Name = "Middle" };
        middle.NestedType.Add(new DescriptorProto { Name = "Inner" });
        outer.NestedType.Add(middle);
        file.MessageType.Add(outer);

        var resolver = new TypeNameResolver([file]);

        Assert.That(resolver.Resolve(".n.v1.Outer.Middle.Inner"), Is.EqualTo("global::N.V1.Outer.Types.Middle.Types.Inner"));
    }
}

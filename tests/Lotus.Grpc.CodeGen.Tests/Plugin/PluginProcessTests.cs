using System.Diagnostics;
using Google.Protobuf;
using Google.Protobuf.Compiler;
using Lotus.CodeGen.Test.V1;

namespace Lotus.Grpc.CodeGen.Tests.Plugin;

/// <summary>Runs protoc-gen-lotus.dll as protoc does: a CodeGeneratorRequest on stdin, a response on stdout.</summary>
[TestFixture]
public sealed class PluginProcessTests
{
    [Test]
    public async Task RequestForAServiceFile_AnswersOneFileAndNoError()
    {
        var response = await RunPluginAsync(DescriptorRequests.For(EchoReflection.Descriptor));

        Assert.That(response.HasError, Is.False, response.Error);
        Assert.That(response.File.Select(f => f.Name), Is.EqualTo(new[] { "codegen_test/v1/EchoGrpc.cs" }));
        var content = response.File[0].Content;
        Assert.That(content, Does.Contain("namespace Lotus.CodeGen.Test.V1;"));
        Assert.That(content, Does.Contain("public abstract partial class EchoServiceBase : global::Lotus.Grpc.IBindableService"));
        Assert.That(content, Does.Contain("public partial class PingServiceClient"));
        Assert.That(content, Does.Contain("global::Lotus.CodeGen.Test.V1.EchoReflection.Descriptor.Services[1]"));
        Assert.That(content, Does.Contain("global::Lotus.CodegenCommon.V1.Chunk"));
    }

    [Test]
    public async Task RequestForAFileWithoutServices_AnswersNoFiles()
    {
        var response = await RunPluginAsync(DescriptorRequests.For(Lotus.CodegenCommon.V1.SharedTypesReflection.Descriptor));

        Assert.That(response.HasError, Is.False, response.Error);
        Assert.That(response.File, Is.Empty);
    }

    [Test]
    public async Task RequestWithoutAnImportedFile_AnswersAnErrorNamingTheType()
    {
        var request = DescriptorRequests.For(EchoReflection.Descriptor);
        var shared = request.ProtoFile.Single(f => f.Name == "codegen_test/common/v1/shared_types.proto");
        request.ProtoFile.Remove(shared);

        var response = await RunPluginAsync(request);

        Assert.That(response.Error, Does.Contain(".lotus.codegen_common.v1.Chunk"));
        Assert.That(response.File, Is.Empty);
    }

    private static async Task<CodeGeneratorResponse> RunPluginAsync(CodeGeneratorRequest request)
    {
        var plugin = typeof(ServiceCodeGenerator).Assembly.Location;
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
        var start = new ProcessStartInfo(dotnet)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(plugin);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the plugin.");
        var stderr = process.StandardError.ReadToEndAsync();
        using (var stdin = process.StandardInput.BaseStream)
        {
            request.WriteTo(stdin);
        }

        using var stdout = new MemoryStream();
        await process.StandardOutput.BaseStream.CopyToAsync(stdout);
        await process.WaitForExitAsync();
        Assert.That(process.ExitCode, Is.Zero, await stderr);
        return CodeGeneratorResponse.Parser.ParseFrom(stdout.ToArray());
    }
}

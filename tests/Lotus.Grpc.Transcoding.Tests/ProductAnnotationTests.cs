using Google.Protobuf.Reflection;
using Lotus.Grpc.Transcoding.Internal.Binding;

namespace Lotus.Grpc.Transcoding.Tests;

/// <summary>
/// The rule for the product: every rpc of lotus.core.v1 carries a google.api.http binding
/// unless it is explicitly marked (lotus.api.v1.grpc_only) = true, and every binding is valid.
/// </summary>
[TestFixture]
public sealed class ProductAnnotationTests
{
    private static IEnumerable<MethodDescriptor> ProductRpcs()
    {
        var assembly = typeof(Lotus.Core.V1.DateWindow).Assembly;
        var files = assembly.GetTypes()
            .Where(t => t.Name.EndsWith("Reflection", StringComparison.Ordinal))
            .Select(t => t.GetProperty("Descriptor")?.GetValue(null))
            .OfType<FileDescriptor>()
            .Where(f => f.Package.StartsWith("lotus.core.", StringComparison.Ordinal));
        return files.SelectMany(f => f.Services).SelectMany(s => s.Methods);
    }

    [Test]
    public void ProductContracts_DeclareRpcs()
    {
        Assert.That(ProductRpcs().Count(), Is.GreaterThan(5), "no lotus.core rpcs found: the test would pass vacuously");
    }

    [Test]
    public void EveryProductRpc_HasHttpBindingOrIsGrpcOnly()
    {
        var missing = ProductRpcs()
            .Where(m => MethodOptionsReader.GetHttpRule(m) is null && !MethodOptionsReader.IsGrpcOnly(m))
            .Select(m => m.FullName)
            .ToList();

        Assert.That(missing, Is.Empty, "rpcs without google.api.http and without (lotus.api.v1.grpc_only) = true");
    }

    [Test]
    public void EveryProductBinding_IsValid()
    {
        var problems = new List<string>();
        foreach (var rpc in ProductRpcs())
        {
            try
            {
                HttpBindingFactory.Create(rpc);
            }
            catch (InvalidOperationException e)
            {
                problems.Add(e.Message);
            }
        }

        Assert.That(problems, Is.Empty);
    }

    [Test]
    public void StreamingFromClient_IsNeverAnnotatedForRest()
    {
        var wrong = ProductRpcs()
            .Where(m => m.IsClientStreaming && MethodOptionsReader.GetHttpRule(m) is not null)
            .Select(m => m.FullName)
            .ToList();

        Assert.That(wrong, Is.Empty, "client and bidirectional streaming rpcs have no REST form: mark them grpc_only");
    }

    [Test]
    public void GrpcOnlyOptionOfContracts_IsTheFieldNumberWeRead()
    {
        Assert.That(Lotus.Api.V1.AnnotationsExtensions.GrpcOnly.FieldNumber, Is.EqualTo(MethodOptionsReader.GrpcOnlyFieldNumber));
        Assert.That(Google.Api.AnnotationsExtensions.Http.FieldNumber, Is.EqualTo(MethodOptionsReader.HttpFieldNumber));
    }
}

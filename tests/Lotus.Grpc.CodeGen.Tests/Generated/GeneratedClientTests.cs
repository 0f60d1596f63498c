using Lotus.CodeGen.Test.V1;

namespace Lotus.Grpc.CodeGen.Tests.Generated;

[TestFixture]
public sealed class GeneratedClientTests
{
    [Test]
    public async Task UnaryMethod_PassesItsMethodRequestAndOptions()
    {
        var invoker = new RecordingCallInvoker();
        var client = new EchoService.EchoServiceClient(invoker);
        var request = new EchoRequest { Text = "hi" };
        var deadline = new DateTime(2030, 1, 1, 0, 0, 0, DateTimeKind.Utc);

        await client.EchoAsync(request, new CallOptions(deadline: deadline));

        var call = invoker.Calls.Single();
        Assert.That(call.Shape, Is.EqualTo("unary"));
        Assert.That(call.Method, Is.SameAs(EchoService.EchoMethod));
        Assert.That(call.Request, Is.SameAs(request));
        Assert.That(call.Options.Deadline, Is.EqualTo(deadline));
    }

    [Test]
    public void EachShape_StartsTheMatchingCallWithItsMethod()
    {
        var invoker = new RecordingCallInvoker();
        var client = new EchoService.EchoServiceClient(invoker);

        using (client.Expand(new EchoRequest()))
        using (client.Collect())
        using (client.Chat())
        using (client.FailAsync(new Google.Protobuf.WellKnownTypes.Empty()))
        {
        }

        Assert.That(
            invoker.Calls.Select(c => (c.Shape, c.Method)),
            Is.EqualTo(new (string, IMethod)[]
            {
                ("server-streaming", EchoService.ExpandMethod),
                ("client-streaming", EchoService.CollectMethod),
                ("duplex", EchoService.ChatMethod),
                ("unary", EchoService.FailMethod),
            }));
    }

    [Test]
    public void Client_RejectsNullInvoker()
    {
        Assert.That(() => new EchoService.EchoServiceClient(null!), Throws.ArgumentNullException);
    }

    [Test]
    public void GeneratedClient_CarriesProtoCommentsAsDocs()
    {
        // The XML doc file is not produced for tests; the comment text reaches the generated source instead.
        var source = File.ReadAllText(GeneratedSource.PathOf("codegen_test/v1/EchoGrpc.cs"));

        Assert.That(source, Does.Contain("/// Returns the request's text."));
        Assert.That(source, Does.Contain("/// Second line with &lt;markup&gt; &amp; ampersand."));
    }
}

using Google.Protobuf.Reflection;
using Lotus.Grpc.Transcoding.Internal.Binding;
using Lotus.Transcoding.Test.V1;

namespace Lotus.Grpc.Transcoding.Tests;

[TestFixture]
public sealed class HttpBindingFactoryTests
{
    private static MethodDescriptor Rpc(string service, string name) =>
        TestServiceReflection.Descriptor.Services.Concat(BadTemplatesReflection.Descriptor.Services)
            .Single(s => s.Name == service).FindMethodByName(name);

    [Test]
    public void HttpOption_IsReadFromTheRawMethodOptions()
    {
        var rule = MethodOptionsReader.GetHttpRule(Rpc("TestService", "CreateItem"));

        Assert.That(rule, Is.Not.Null);
        Assert.That(rule!.Post, Is.EqualTo("/v1/shelves/{shelf_id}/items"));
        Assert.That(rule.Body, Is.EqualTo("item"));
        Assert.That(rule.ResponseBody, Is.EqualTo("item"));
    }

    [Test]
    public void GrpcOnlyOption_IsReadByFieldNumber()
    {
        Assert.That(MethodOptionsReader.IsGrpcOnly(Rpc("TestService", "Upload")), Is.True);
        Assert.That(MethodOptionsReader.IsGrpcOnly(Rpc("TestService", "GetItem")), Is.False);
        Assert.That(MethodOptionsReader.GetHttpRule(Rpc("TestService", "Upload")), Is.Null);
    }

    [Test]
    public void AdditionalBindings_BecomeBindings()
    {
        var bindings = HttpBindingFactory.Create(Rpc("TestService", "UpdateItem"));

        Assert.That(bindings.Select(b => b.ToString()), Is.EqualTo(new[]
        {
            "PATCH /v1/{item.name=shelves/*/items/*}",
            "PUT /v2/{item.name=shelves/*/items/*}",
        }));
        Assert.That(bindings[0].PathFields["item.name"].Select(f => f.Name), Is.EqualTo(new[] { "item", "name" }));
        Assert.That(bindings[0].BodyIsWholeRequest, Is.True);
        Assert.That(bindings[0].AcceptsQuery, Is.False);
    }

    [Test]
    public void NamedBody_AndResponseBody_ResolveToFields()
    {
        var binding = HttpBindingFactory.Create(Rpc("TestService", "CreateItem")).Single();

        Assert.That(binding.BodyField!.Name, Is.EqualTo("item"));
        Assert.That(binding.ResponseBodyField!.Name, Is.EqualTo("item"));
        Assert.That(binding.AcceptsQuery, Is.True);
    }

    [TestCase("UnclosedVariableService", "/v1/{name", "expected '}'")]
    [TestCase("UnknownFieldService", "/v1/things/{missing_field}", "'missing_field' not found")]
    [TestCase("BadBodyService", "/v1/things", "body 'no_such_field' is not a top-level field")]
    public void InvalidBinding_FailsNamingRpcAndTemplate(string service, string template, string reason)
    {
        var error = Assert.Throws<InvalidOperationException>(() => HttpBindingFactory.Create(Rpc(service, "Get")));

        Assert.That(error!.Message, Does.Contain($"lotus.transcoding.test.v1.{service}.Get"));
        Assert.That(error.Message, Does.Contain($"'{template}'"));
        Assert.That(error.Message, Does.Contain(reason));
    }
}

using System.Reflection;
using Google.Protobuf.Reflection;
using Lotus.Core.V1;

namespace Lotus.Client.Tests;

/// <summary>
/// Guards that the typed clients keep up with the protos: every rpc of the service descriptor (built
/// from protos/ at compile time) has a client method of the right shape, and no client method is left
/// for an rpc that was removed.
/// </summary>
[TestFixture]
public sealed class ClientCoverageTests
{
    private static readonly string[] Helpers =
    [
        nameof(LotusAnalyticsClient.ReadPortfolioTimeseriesAsync),
        nameof(LotusAnalyticsClient.ReadPortfolioTimeseriesPagesAsync),
        nameof(LotusAnalyticsClient.ReadPositionTimeseriesAsync),
        nameof(LotusAnalyticsClient.ReadPositionTimeseriesPagesAsync),
    ];

    [Test]
    public void AnalyticsClient_CoversEveryRpcOfAnalyticsInputService()
    {
        var service = AnalyticsServiceReflection.Descriptor.FindTypeByName<ServiceDescriptor>("AnalyticsInputService");
        AssertCovers(service, typeof(LotusAnalyticsClient), Helpers);
    }

    [Test]
    public void IngestionClient_CoversEveryRpcOfIngestionService()
    {
        var service = IngestionServiceReflection.Descriptor.FindTypeByName<ServiceDescriptor>("IngestionService");
        AssertCovers(service, typeof(LotusIngestionClient), []);
    }

    [TestCase(typeof(GetPortfolioTimeseriesRequest), typeof(StreamPortfolioTimeseriesRequest))]
    [TestCase(typeof(GetPositionTimeseriesRequest), typeof(StreamPositionTimeseriesRequest))]
    public void GetAndStreamRequests_DeclareTheSameFields(Type get, Type stream)
    {
        // The readers copy a Get request into a Stream request by its bytes; that needs identical fields.
        static string[] Fields(Type t)
        {
            var descriptor = (MessageDescriptor)t.GetProperty("Descriptor", BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;
            return descriptor.Fields.InFieldNumberOrder().Select(f => $"{f.FieldNumber}:{f.Name}:{f.FieldType}:{f.IsRepeated}").ToArray();
        }

        Assert.That(Fields(stream), Is.EqualTo(Fields(get)));
    }

    [Test]
    public void PositionRequest_StartsWithThePortfolioRequestsFields()
    {
        // The position reader builds its request from the portfolio request's bytes (fields 1-10).
        static string Field(FieldDescriptor f) => $"{f.FieldNumber}:{f.Name}:{f.FieldType}:{f.IsRepeated}";
        var portfolio = GetPortfolioTimeseriesRequest.Descriptor.Fields.InFieldNumberOrder().Select(Field).ToArray();
        var position = GetPositionTimeseriesRequest.Descriptor.Fields.InFieldNumberOrder().Select(Field).Take(portfolio.Length);

        Assert.That(position, Is.EqualTo(portfolio));
    }

    private static void AssertCovers(ServiceDescriptor service, Type client, string[] helpers)
    {
        Assert.That(service, Is.Not.Null);
        var methods = client.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly);
        var expected = new List<string>();
        foreach (var rpc in service.Methods)
        {
            var name = rpc.IsServerStreaming ? rpc.Name : rpc.Name + "Async";
            expected.Add(name);
            var method = methods.SingleOrDefault(m => m.Name == name);
            Assert.That(method, Is.Not.Null, $"{client.Name} has no method {name} for rpc {rpc.FullName}");
            var input = rpc.InputType.ClrType;
            var output = rpc.OutputType.ClrType;
            var parameters = method!.GetParameters();
            if (rpc.IsClientStreaming)
            {
                Assert.That(parameters[0].ParameterType, Is.EqualTo(typeof(IAsyncEnumerable<>).MakeGenericType(input)), name);
            }
            else
            {
                Assert.That(parameters[0].ParameterType, Is.EqualTo(input), name);
            }

            var returns = rpc.IsServerStreaming ? typeof(IAsyncEnumerable<>).MakeGenericType(output) : typeof(Task<>).MakeGenericType(output);
            Assert.That(method.ReturnType, Is.EqualTo(returns), name);
            Assert.That(parameters.Select(p => p.ParameterType), Does.Contain(typeof(DateTime?)), $"{name} takes a deadline");
            Assert.That(parameters.Select(p => p.ParameterType), Does.Contain(typeof(CancellationToken)), $"{name} takes a CancellationToken");
        }

        var extra = methods.Select(m => m.Name).Where(n => n.EndsWith("Async", StringComparison.Ordinal) || char.IsUpper(n[0]))
            .Except(expected).Except(helpers).Except(["GetType", "ToString", "Equals", "GetHashCode"]).ToArray();
        Assert.That(extra, Is.Empty, "client methods without an rpc");
    }
}

using System.Collections.Concurrent;
using Lotus.Grpc.Client;

namespace Lotus.Client.Tests.Consumer;

/// <summary>
/// Consumer-driven contract test (lotus-performance) against a running lotus-core: ingest the scenario
/// (<see cref="ConsumerScenario"/>), pull its timeseries, check the consumer's TWR against hand-worked
/// values and that position contributions sum to the portfolio return. Over gRPC when LOTUS_TEST_GRPC
/// (host:port or http://host:port) is set, over REST when LOTUS_TEST_REST (http://host:port) is set;
/// each transport reports Ignored, saying so, when its variable is absent.
/// </summary>
[TestFixture]
[Category("ConsumerContract")]
public sealed class ConsumerContractTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(180);
    private static readonly ConcurrentDictionary<string, Lazy<Task<(IConsumerSource Source, string PortfolioId)>>> Loaded = new(StringComparer.Ordinal);

    [TestCase("grpc")]
    [TestCase("rest")]
    public async Task PortfolioValues_AreTheHandWorkedOnes(string transport)
    {
        var (source, portfolioId) = await LoadAsync(transport);
        await ConsumerChecks.CheckPortfolioValuesAsync(source, portfolioId);
    }

    [TestCase("grpc", FeeBasis.Net)]
    [TestCase("grpc", FeeBasis.Gross)]
    [TestCase("rest", FeeBasis.Net)]
    [TestCase("rest", FeeBasis.Gross)]
    public async Task DailyAndLinkedTwr_MatchTheHandWorkedValues(string transport, FeeBasis basis)
    {
        var (source, portfolioId) = await LoadAsync(transport);
        await ConsumerChecks.CheckTwrAsync(source, portfolioId, basis);
    }

    [TestCase("grpc")]
    public async Task StreamAndPages_GiveTheSameObservations(string transport)
    {
        var (source, portfolioId) = await LoadAsync(transport);
        await ConsumerChecks.CheckStreamEqualsPagesAsync(source, portfolioId);
    }

    [TestCase("grpc", FeeBasis.Net)]
    [TestCase("grpc", FeeBasis.Gross)]
    [TestCase("rest", FeeBasis.Net)]
    [TestCase("rest", FeeBasis.Gross)]
    public async Task PositionContributions_SumToThePortfolioReturn(string transport, FeeBasis basis)
    {
        var (source, portfolioId) = await LoadAsync(transport);
        await ConsumerChecks.CheckContributionsAsync(source, portfolioId, basis);
    }

    private static Task<(IConsumerSource Source, string PortfolioId)> LoadAsync(string transport)
    {
        var variable = transport == "grpc" ? "LOTUS_TEST_GRPC" : "LOTUS_TEST_REST";
        var address = Environment.GetEnvironmentVariable(variable);
        if (string.IsNullOrEmpty(address))
        {
            Assert.Ignore($"{variable} is not set: the consumer contract test over {transport} needs a running lotus-core.");
        }

        // One ingestion per transport per test run, shared by that transport's tests.
        return Loaded.GetOrAdd(transport, _ => new Lazy<Task<(IConsumerSource, string)>>(() => IngestAsync(CreateSource(transport, address!)))).Value;
    }

    private static IConsumerSource CreateSource(string transport, string address)
    {
        var uri = new Uri(address.Contains("://", StringComparison.Ordinal) ? address : "http://" + address);
        if (transport == "rest")
        {
            return new RestConsumerSource(uri);
        }

        return new GrpcConsumerSource(GrpcChannel.ForAddress(uri));
    }

    private static async Task<(IConsumerSource, string)> IngestAsync(IConsumerSource source)
    {
        var portfolioId = "CT-" + Guid.NewGuid().ToString("N")[..10].ToUpperInvariant();
        var job = await source.IngestAsync(ConsumerScenario.Bundle(portfolioId));
        await UntilAsync(async () => await source.JobStatusAsync(job) == "completed", $"ingestion job {job} did not complete");
        await UntilAsync(
            async () => (await source.ObservationsAsync(portfolioId)).Select(o => o.ValuationDate).SequenceEqual(ConsumerScenario.Dates),
            $"portfolio {portfolioId} did not get one observation per business day");
        return (source, portfolioId);
    }

    private static async Task UntilAsync(Func<Task<bool>> condition, string message)
    {
        var giveUp = DateTime.UtcNow + Wait;
        while (!await condition())
        {
            if (DateTime.UtcNow > giveUp)
            {
                Assert.Fail($"{message} within {Wait.TotalSeconds} s");
            }

            await Task.Delay(500);
        }
    }
}

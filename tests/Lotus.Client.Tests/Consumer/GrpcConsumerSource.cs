using Lotus.Core.V1;
using Lotus.Grpc;

namespace Lotus.Client.Tests.Consumer;

/// <summary>The contract test over gRPC, through Lotus.Client (small pages, so paging is exercised).</summary>
public sealed class GrpcConsumerSource(CallInvoker invoker) : IConsumerSource
{
    private readonly LotusCoreClient client = new(invoker, new LotusClientOptions { DefaultTimeout = TimeSpan.FromSeconds(60) });

    public async Task<string> IngestAsync(IngestPortfolioBundleRequest request) => (await client.Ingestion.IngestPortfolioBundleAsync(request)).Ack.JobId;

    public async Task<string> JobStatusAsync(string jobId) => (await client.Ingestion.GetIngestionJobAsync(new GetIngestionJobRequest { JobId = jobId })).Job.Status;

    public async Task<IReadOnlyList<PortfolioObservationValue>> ObservationsAsync(string portfolioId, bool useStream = true)
    {
        var list = new List<PortfolioObservationValue>();
        var options = new TimeseriesReadOptions { UseStream = useStream, PageSize = 2 };
        await foreach (var observation in client.Analytics.ReadPortfolioTimeseriesAsync(portfolioId, ConsumerScenario.Start, ConsumerScenario.End, options))
        {
            list.Add(observation.ToValue());
        }

        return list;
    }

    public async Task<IReadOnlyList<PositionRowValue>> PositionRowsAsync(string portfolioId)
    {
        var list = new List<PositionRowValue>();
        await foreach (var row in client.Analytics.ReadPositionTimeseriesAsync(portfolioId, ConsumerScenario.Start, ConsumerScenario.End, new PositionTimeseriesReadOptions { PageSize = 3 }))
        {
            list.Add(row.ToValue());
        }

        return list;
    }
}

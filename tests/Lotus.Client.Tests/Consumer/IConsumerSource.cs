using Lotus.Core.V1;

namespace Lotus.Client.Tests.Consumer;

/// <summary>Where the consumer contract test reads lotus-core from: gRPC or REST.</summary>
public interface IConsumerSource
{
    Task<string> IngestAsync(IngestPortfolioBundleRequest request);

    Task<string> JobStatusAsync(string jobId);

    Task<IReadOnlyList<PortfolioObservationValue>> ObservationsAsync(string portfolioId, bool useStream = true);

    Task<IReadOnlyList<PositionRowValue>> PositionRowsAsync(string portfolioId);
}

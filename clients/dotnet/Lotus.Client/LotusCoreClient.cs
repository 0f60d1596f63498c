using Lotus.Grpc;

namespace Lotus.Client;

/// <summary>Every typed client of lotus-core over one CallInvoker (e.g. the runtime's GrpcChannel).</summary>
public sealed class LotusCoreClient
{
    public LotusCoreClient(CallInvoker callInvoker, LotusClientOptions? options = null)
    {
        Analytics = new LotusAnalyticsClient(callInvoker, options);
        Ingestion = new LotusIngestionClient(callInvoker, options);
    }

    public LotusAnalyticsClient Analytics { get; }

    public LotusIngestionClient Ingestion { get; }
}

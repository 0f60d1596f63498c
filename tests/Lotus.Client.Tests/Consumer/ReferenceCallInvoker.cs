using Google.Protobuf;
using Lotus.Core.V1;
using Lotus.Grpc;

namespace Lotus.Client.Tests.Consumer;

/// <summary>
/// A fake lotus-core that answers every call of the contract test from the hand-worked reference pages
/// (ingestion acknowledged, job completed, one timeseries page by unary call or by stream).
/// </summary>
internal sealed class ReferenceCallInvoker(PortfolioTimeseries portfolio, PositionTimeseries positions) : CallInvoker
{
    public List<IMessage> Requests { get; } = [];

    public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(Method<TRequest, TResponse> method, TRequest request, CallOptions options)
    {
        Requests.Add(request);
        IMessage response = request switch
        {
            IngestPortfolioBundleRequest r => new IngestPortfolioBundleResponse { Ack = new IngestionAck { JobId = "job_ref", IdempotencyKey = r.IdempotencyKey } },
            GetIngestionJobRequest r => new GetIngestionJobResponse { Job = new IngestionJob { JobId = r.JobId, Status = "completed" } },
            GetPortfolioTimeseriesRequest => new GetPortfolioTimeseriesResponse { PortfolioTimeseries = portfolio },
            GetPositionTimeseriesRequest => new GetPositionTimeseriesResponse { PositionTimeseries = positions },
            _ => throw new NotSupportedException(method.FullName),
        };
        return new AsyncUnaryCall<TResponse>(Task.FromResult((TResponse)response), Task.FromResult(new Metadata()), () => Lotus.Grpc.Status.Ok, () => new Metadata(), () => { });
    }

    public override AsyncServerStreamingCall<TResponse> AsyncServerStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, TRequest request, CallOptions options)
    {
        Requests.Add(request);
        IMessage response = request switch
        {
            StreamPortfolioTimeseriesRequest => new StreamPortfolioTimeseriesResponse { PortfolioTimeseries = portfolio },
            StreamPositionTimeseriesRequest => new StreamPositionTimeseriesResponse { PositionTimeseries = positions },
            _ => throw new NotSupportedException(method.FullName),
        };
        return new AsyncServerStreamingCall<TResponse>(new OneMessage<TResponse>((TResponse)response), Task.FromResult(new Metadata()), () => Lotus.Grpc.Status.Ok, () => new Metadata(), () => { });
    }

    public override AsyncClientStreamingCall<TRequest, TResponse> AsyncClientStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, CallOptions options)
        => throw new NotSupportedException(method.FullName);

    public override AsyncDuplexStreamingCall<TRequest, TResponse> AsyncDuplexStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, CallOptions options)
        => throw new NotSupportedException(method.FullName);

    private sealed class OneMessage<T>(T message) : IAsyncStreamReader<T>
    {
        private bool read;

        public T Current => message;

        public Task<bool> MoveNext(CancellationToken cancellationToken = default)
        {
            var moved = !read;
            read = true;
            return Task.FromResult(moved);
        }
    }
}

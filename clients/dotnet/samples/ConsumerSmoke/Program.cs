// Reads a two-page portfolio timeseries through the packaged client (stream and pages) from an
// in-process CallInvoker, and prints the rows' decimal sum: proves the package's assemblies load and work.
using Lotus.Client;
using Lotus.Core.V1;
using Lotus.Grpc;

var client = new LotusAnalyticsClient(new TwoPages());
var total = 0m;
var rows = 0;
foreach (var useStream in new[] { true, false })
{
    await foreach (var observation in client.ReadPortfolioTimeseriesAsync("P1", new DateOnly(2026, 1, 5), new DateOnly(2026, 1, 6), new TimeseriesReadOptions { UseStream = useStream }))
    {
        total += observation.ToValue().EndingMarketValue;
        rows++;
    }
}

Console.WriteLine($"LOTUS-CLIENT-OK rows={rows} total={DecimalString.Format(total)}");
return rows == 4 && total == 2 * (100.25m + 200.50m) ? 0 : 1;

internal sealed class TwoPages : CallInvoker
{
    private static PortfolioTimeseries Page(string date, string emv, string next) => new()
    {
        Page = new AnalyticsPageInfo { NextPageToken = next },
        Observations = { new PortfolioObservation { ValuationDate = date, EndingMarketValue = emv } },
    };

    private static PortfolioTimeseries For(string token) => token.Length == 0 ? Page("2026-01-05", "100.25", "t1") : Page("2026-01-06", "200.50", "");

    public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(Method<TRequest, TResponse> method, TRequest request, CallOptions options)
    {
        var response = new GetPortfolioTimeseriesResponse { PortfolioTimeseries = For(((GetPortfolioTimeseriesRequest)(object)request).Page.PageToken) };
        return new AsyncUnaryCall<TResponse>(Task.FromResult((TResponse)(object)response), Task.FromResult(new Metadata()), () => Status.Ok, () => new Metadata(), () => { });
    }

    public override AsyncServerStreamingCall<TResponse> AsyncServerStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, TRequest request, CallOptions options)
    {
        var pages = new[] { For(""), For("t1") }.Select(p => (TResponse)(object)new StreamPortfolioTimeseriesResponse { PortfolioTimeseries = p }).ToList();
        return new AsyncServerStreamingCall<TResponse>(new ListReader<TResponse>(pages), Task.FromResult(new Metadata()), () => Status.Ok, () => new Metadata(), () => { });
    }

    public override AsyncClientStreamingCall<TRequest, TResponse> AsyncClientStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, CallOptions options) => throw new NotSupportedException();

    public override AsyncDuplexStreamingCall<TRequest, TResponse> AsyncDuplexStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, CallOptions options) => throw new NotSupportedException();
}

internal sealed class ListReader<T>(List<T> items) : IAsyncStreamReader<T>
{
    private int index = -1;

    public T Current => items[index];

    public Task<bool> MoveNext(CancellationToken cancellationToken = default) => Task.FromResult(++index < items.Count);
}

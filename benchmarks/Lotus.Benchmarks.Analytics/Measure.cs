using System.Diagnostics;
using Lotus.Core.V1;
using Lotus.Grpc;
using Npgsql;
using NpgsqlTypes;
using AnalyticsInputService = Lotus.Host.Services.Analytics.AnalyticsInputService;

namespace Lotus.Benchmarks.Analytics;

internal static class Measure
{
    /// <summary>Binary COPY of the same rows and columns the stream reads, decoding every value.</summary>
    public static async Task<(long Rows, double RowsPerSecond)> RawReadAsync(NpgsqlDataSource dataSource, DateOnly end)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        var watch = Stopwatch.StartNew();
        long rows = 0;
        await using (var export = await connection.BeginBinaryExportAsync(
            $"COPY (SELECT security_id, valuation_date, quantity, bod_market_value, eod_market_value, fx_rate, price_staleness_days, valuation_status FROM calc_position_timeseries WHERE portfolio_id = '{Seed.Portfolio}' AND valuation_date <= '{Seed.Date(end)}' ORDER BY valuation_date, security_id) TO STDOUT (FORMAT BINARY)"))
        {
            while (await export.StartRowAsync() != -1)
            {
                _ = await export.ReadAsync<string>(NpgsqlDbType.Text);
                _ = await export.ReadAsync<DateOnly>(NpgsqlDbType.Date);
                _ = await export.ReadAsync<decimal>(NpgsqlDbType.Numeric);
                _ = await export.ReadAsync<decimal>(NpgsqlDbType.Numeric);
                _ = await export.ReadAsync<decimal>(NpgsqlDbType.Numeric);
                _ = await export.ReadAsync<decimal>(NpgsqlDbType.Numeric);
                _ = await export.ReadAsync<int>(NpgsqlDbType.Integer);
                _ = await export.ReadAsync<string>(NpgsqlDbType.Text);
                rows++;
            }
        }

        return (rows, rows / watch.Elapsed.TotalSeconds);
    }

    public static async Task<List<double>> PortfolioPagesAsync(AnalyticsInputService service, DateOnly first, DateOnly last, int clients, int requestsPerClient)
    {
        var latencies = new List<double>();
        var gate = new object();
        var span = last.DayNumber - first.DayNumber - 90;
        await Task.WhenAll(Enumerable.Range(0, clients).Select(client => Task.Run(async () =>
        {
            var random = new Random(client);
            var mine = new List<double>(requestsPerClient);
            for (var i = 0; i < requestsPerClient + 5; i++)
            {
                var start = first.AddDays(random.Next(Math.Max(1, span)));
                var request = new GetPortfolioTimeseriesRequest
                {
                    PortfolioId = Seed.Portfolio,
                    AsOfDate = Seed.Date(last),
                    Window = new DateWindow { StartDate = Seed.Date(start), EndDate = Seed.Date(start.AddDays(89)) },
                    Page = new PageRequest { PageSize = 500 },
                };
                var watch = Stopwatch.StartNew();
                var response = await service.GetPortfolioTimeseries(request, new BenchCallContext());
                _ = Google.Protobuf.MessageExtensions.ToByteArray(response);
                watch.Stop();
                if (i >= 5)
                {
                    mine.Add(watch.Elapsed.TotalMilliseconds);
                }
            }

            lock (gate)
            {
                latencies.AddRange(mine);
            }
        })));
        latencies.Sort();
        return latencies;
    }

    public static double Percentile(List<double> sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
}

/// <summary>Serializes every message as a transport would, counting rows and bytes.</summary>
internal sealed class CountingWriter : IServerStreamWriter<StreamPositionTimeseriesResponse>
{
    private byte[] _buffer = new byte[1 << 20];

    public long Rows { get; private set; }

    public long Messages { get; private set; }

    public long Bytes { get; private set; }

    public long LargestMessage { get; private set; }

    public Task WriteAsync(StreamPositionTimeseriesResponse message, CancellationToken cancellationToken = default)
    {
        var size = message.CalculateSize();
        if (size > _buffer.Length)
        {
            _buffer = new byte[size * 2];
        }

        Google.Protobuf.MessageExtensions.WriteTo(message, _buffer.AsSpan(0, size));
        Rows += message.PositionTimeseries.Rows.Count;
        Messages++;
        Bytes += size;
        LargestMessage = Math.Max(LargestMessage, size);
        return Task.CompletedTask;
    }
}

internal sealed class BenchCallContext : ServerCallContext
{
    public override IMethod Method => throw new NotSupportedException();

    public override string Peer => "ipv4:127.0.0.1:1";

    public override DateTime Deadline => DateTime.MaxValue;

    public override CancellationToken CancellationToken => CancellationToken.None;

    public override Metadata RequestHeaders { get; } = new();

    public override Metadata ResponseTrailers { get; } = new();

    public override Status Status { get; set; } = Status.Ok;

    public override string CorrelationId => "bench";

    public override IDictionary<object, object?> UserState { get; } = new Dictionary<object, object?>();

    public override IServiceProvider Services => throw new NotSupportedException();

    public override Task WriteResponseHeadersAsync(Metadata responseHeaders) => Task.CompletedTask;
}

using System.Text;
using Google.Protobuf;
using Lotus.Core.V1;

namespace Lotus.Client.Tests.Consumer;

/// <summary>
/// The contract test over REST (JSON transcoding): bodies are the response_body fields (the ack, the job,
/// the timeseries page) in proto JSON; paging by page.next_page_token as lotus-performance does.
/// </summary>
public sealed class RestConsumerSource(Uri baseAddress) : IConsumerSource, IDisposable
{
    private static readonly JsonParser Parser = new(JsonParser.Settings.Default.WithIgnoreUnknownFields(true));
    private readonly HttpClient http = new() { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };

    public async Task<string> IngestAsync(IngestPortfolioBundleRequest request)
        => Parser.Parse<IngestionAck>(await SendAsync(HttpMethod.Post, "ingest/portfolio-bundle", JsonFormatter.Default.Format(request))).JobId;

    public async Task<string> JobStatusAsync(string jobId)
        => Parser.Parse<IngestionJob>(await SendAsync(HttpMethod.Get, "ingestion/jobs/" + Uri.EscapeDataString(jobId), null)).Status;

    public async Task<IReadOnlyList<PortfolioObservationValue>> ObservationsAsync(string portfolioId, bool useStream = true)
    {
        var pages = await PagesAsync<PortfolioTimeseries>($"integration/portfolios/{Uri.EscapeDataString(portfolioId)}/analytics/portfolio-timeseries", p => p.Page.NextPageToken);
        return [.. pages.SelectMany(p => p.Observations).Select(o => o.ToValue())];
    }

    public async Task<IReadOnlyList<PositionRowValue>> PositionRowsAsync(string portfolioId)
    {
        var pages = await PagesAsync<PositionTimeseries>($"integration/portfolios/{Uri.EscapeDataString(portfolioId)}/analytics/position-timeseries", p => p.Page.NextPageToken);
        return [.. pages.SelectMany(p => p.Rows).Select(r => r.ToValue())];
    }

    public void Dispose() => http.Dispose();

    private async Task<List<T>> PagesAsync<T>(string path, Func<T, string> nextToken)
        where T : IMessage<T>, new()
    {
        var pages = new List<T>();
        var token = string.Empty;
        do
        {
            var request = new GetPortfolioTimeseriesRequest
            {
                Window = new DateWindow { StartDate = DateString.Format(ConsumerScenario.Start), EndDate = DateString.Format(ConsumerScenario.End) },
                Frequency = "daily",
                Page = new PageRequest { PageSize = 2, PageToken = token },
            };
            var page = Parser.Parse<T>(await SendAsync(HttpMethod.Post, path, JsonFormatter.Default.Format(request)));
            pages.Add(page);
            token = nextToken(page);
        }
        while (token.Length > 0);

        return pages;
    }

    private async Task<string> SendAsync(HttpMethod method, string path, string? json)
    {
        using var request = new HttpRequestMessage(method, path);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.IsSuccessStatusCode, Is.True, $"{method} {path}: {(int)response.StatusCode} {body}");
        return body;
    }
}

using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Lotus.Grpc.Transcoding.Tests.Infrastructure;

/// <summary>Small helpers for raw HTTP/1.1 requests and JSON bodies.</summary>
public static class HttpAssert
{
    public static async Task<(HttpResponseMessage Response, JsonElement Body)> SendAsync(HttpClient client, HttpMethod method, string path, string? json = null, string contentType = "application/json")
    {
        using var request = new HttpRequestMessage(method, path);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8);
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var body = text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
        return (response, body);
    }

    public static Task<(HttpResponseMessage Response, JsonElement Body)> GetAsync(HttpClient client, string path) =>
        SendAsync(client, HttpMethod.Get, path);

    public static string Str(this JsonElement element, string property) => element.GetProperty(property).GetString()!;
}

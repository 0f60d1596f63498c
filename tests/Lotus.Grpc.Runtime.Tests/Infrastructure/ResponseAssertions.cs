using System.Net;

namespace Lotus.Grpc.Tests.Infrastructure;

/// <summary>Raw assertions on gRPC responses: status in trailers, or in headers for Trailers-Only.</summary>
public static class ResponseAssertions
{
    public static string? Header(this HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values)
        : response.Content.Headers.TryGetValues(name, out var contentValues) ? string.Join(",", contentValues)
        : null;

    public static string? Trailer(this HttpResponseMessage response, string name) =>
        response.TrailingHeaders.TryGetValues(name, out var values) ? string.Join(",", values) : null;

    /// <summary>Asserts a Trailers-Only response: HTTP 200, grpc content type, status in headers, empty body.</summary>
    public static async Task AssertTrailersOnlyAsync(this HttpResponseMessage response, StatusCode code, string? rawMessage = null)
    {
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/grpc"));
        Assert.That(response.Header("grpc-status"), Is.EqualTo(((int)code).ToString(System.Globalization.CultureInfo.InvariantCulture)), "grpc-status in headers; message: " + response.Header("grpc-message"));
        if (rawMessage is not null)
        {
            Assert.That(response.Header("grpc-message"), Is.EqualTo(rawMessage));
        }

        var body = await response.Content.ReadAsByteArrayAsync();
        Assert.That(body, Is.Empty, "Trailers-Only has no body");
        Assert.That(response.TrailingHeaders.Contains("grpc-status"), Is.False, "no second status in trailers");
    }

    /// <summary>Asserts the status in real trailers (the body must have been read to its end).</summary>
    public static void AssertTrailerStatus(this HttpResponseMessage response, StatusCode code, string? rawMessage = null)
    {
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Trailer("grpc-status"), Is.EqualTo(((int)code).ToString(System.Globalization.CultureInfo.InvariantCulture)), "grpc-status in trailers; message: " + response.Trailer("grpc-message"));
        Assert.That(response.Headers.Contains("grpc-status"), Is.False, "status must not also be in headers");
        if (rawMessage is not null)
        {
            Assert.That(response.Trailer("grpc-message"), Is.EqualTo(rawMessage));
        }
    }
}

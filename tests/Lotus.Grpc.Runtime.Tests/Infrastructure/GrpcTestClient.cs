using System.Buffers.Binary;
using System.Net;
using System.Net.Http.Headers;
using Google.Protobuf;

namespace Lotus.Grpc.Tests.Infrastructure;

/// <summary>
/// Plain HttpClient speaking HTTP/2 prior knowledge with hand-framed gRPC bodies, so tests see the
/// raw response headers and trailers (no gRPC client library in between).
/// </summary>
public sealed class GrpcTestClient : IDisposable
{
    private readonly HttpClient http;

    public GrpcTestClient(Uri baseAddress)
    {
        BaseAddress = baseAddress;
        http = new HttpClient(new SocketsHttpHandler { AutomaticDecompression = DecompressionMethods.None })
        {
            BaseAddress = baseAddress,
            Timeout = Timeout.InfiniteTimeSpan,
        };
    }

    public Uri BaseAddress { get; }

    public void Dispose() => http.Dispose();

    /// <summary>A request with the headers every gRPC client sends; callers add or replace headers.</summary>
    public static HttpRequestMessage CreateRequest(string path, HttpContent content, string contentType = "application/grpc")
    {
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = content,
        };
        request.Headers.TryAddWithoutValidation("te", "trailers");
        return request;
    }

    public static HttpRequestMessage CreateRequest(string path, byte[] body, string contentType = "application/grpc") =>
        CreateRequest(path, new ByteArrayContent(body), contentType);

    public Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken = default) =>
        http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);

    /// <summary>Sends one framed message and returns the response with its headers read.</summary>
    public Task<HttpResponseMessage> PostAsync(string path, IMessage message, Action<HttpRequestMessage>? configure = null)
    {
        var request = CreateRequest(path, Frame(message));
        configure?.Invoke(request);
        return SendAsync(request);
    }

    /// <summary>Length-prefixed message: flag, 4-byte big-endian length, bytes.</summary>
    public static byte[] Frame(ReadOnlySpan<byte> payload, bool compressed = false)
    {
        var frame = new byte[5 + payload.Length];
        frame[0] = compressed ? (byte)1 : (byte)0;
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1), (uint)payload.Length);
        payload.CopyTo(frame.AsSpan(5));
        return frame;
    }

    public static byte[] Frame(IMessage message) => Frame(message.ToByteArray());

    /// <summary>Reads the body to its end (which fills TrailingHeaders) and splits it into frames.</summary>
    public static async Task<List<(bool Compressed, byte[] Payload)>> ReadFramesAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsByteArrayAsync();
        var frames = new List<(bool, byte[])>();
        var offset = 0;
        while (offset < body.Length)
        {
            Assert.That(body.Length - offset, Is.GreaterThanOrEqualTo(5), "truncated prefix");
            var length = (int)BinaryPrimitives.ReadUInt32BigEndian(body.AsSpan(offset + 1));
            Assert.That(body.Length - offset - 5, Is.GreaterThanOrEqualTo(length), "truncated message");
            frames.Add((body[offset] == 1, body.AsSpan(offset + 5, length).ToArray()));
            offset += 5 + length;
        }

        return frames;
    }

    public static async Task<List<T>> ReadMessagesAsync<T>(HttpResponseMessage response, MessageParser<T> parser)
        where T : IMessage<T>
    {
        var frames = await ReadFramesAsync(response);
        return frames.Select(f =>
        {
            Assert.That(f.Compressed, Is.False, "unexpected compressed frame");
            return parser.ParseFrom(f.Payload);
        }).ToList();
    }
}

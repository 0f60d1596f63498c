using System.Buffers.Binary;
using System.IO.Compression;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Lotus.Grpc.Runtime.Tests.Client.Infrastructure;

/// <summary>Hand-made gRPC wire pieces for scripted endpoints (independent of the runtime's own codecs).</summary>
public static class GrpcWire
{
    public static readonly Method<StringValue, StringValue> Unary = Create(MethodType.Unary, "Unary");
    public static readonly Method<StringValue, StringValue> ServerStreaming = Create(MethodType.ServerStreaming, "ServerStreaming");
    public static readonly Method<StringValue, StringValue> ClientStreaming = Create(MethodType.ClientStreaming, "ClientStreaming");
    public static readonly Method<StringValue, StringValue> Duplex = Create(MethodType.DuplexStreaming, "Duplex");

    public const string ServiceName = "test.v1.Scripted";

    public static string PathOf(IMethod method) => method.FullName;

    /// <summary>A length-prefixed frame: flag, 4-byte big-endian length, payload.</summary>
    public static byte[] Frame(ReadOnlySpan<byte> payload, byte flag = 0)
    {
        var frame = new byte[5 + payload.Length];
        frame[0] = flag;
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1), (uint)payload.Length);
        payload.CopyTo(frame.AsSpan(5));
        return frame;
    }

    public static byte[] Frame(string text) => Frame(new StringValue { Value = text }.ToByteArray());

    public static byte[] Gzip(byte[] data)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest))
        {
            gzip.Write(data);
        }

        return output.ToArray();
    }

    /// <summary>zlib (RFC 1950): gRPC's "deflate".</summary>
    public static byte[] Zlib(byte[] data)
    {
        using var output = new MemoryStream();
        using (var zlib = new ZLibStream(output, CompressionLevel.Fastest))
        {
            zlib.Write(data);
        }

        return output.ToArray();
    }

    /// <summary>Starts a normal gRPC response (status 200, content-type, headers flushed).</summary>
    public static Task StartAsync(HttpContext context)
    {
        context.Response.ContentType = "application/grpc";
        return context.Response.StartAsync();
    }

    public static async Task WriteAsync(HttpContext context, byte[] bytes)
    {
        await context.Response.Body.WriteAsync(bytes);
        await context.Response.Body.FlushAsync();
    }

    /// <summary>Status in the trailers (after headers/messages were sent).</summary>
    public static void Trailers(HttpContext context, int status, string? message = null)
    {
        context.Response.AppendTrailer("grpc-status", status.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (message is not null)
        {
            context.Response.AppendTrailer("grpc-message", message);
        }
    }

    /// <summary>Trailers-Only: status in the only header block, no body.</summary>
    public static void TrailersOnly(HttpContext context, int status, string? message = null)
    {
        context.Response.ContentType = "application/grpc";
        context.Response.Headers["grpc-status"] = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (message is not null)
        {
            context.Response.Headers["grpc-message"] = message;
        }
    }

    /// <summary>RST_STREAM with an HTTP/2 error code.</summary>
    public static void Reset(HttpContext context, int errorCode) =>
        context.Features.GetRequiredFeature<IHttpResetFeature>().Reset(errorCode);

    /// <summary>Reads every request message (uncompressed or gzip) until the client half-closes.</summary>
    public static async IAsyncEnumerable<StringValue> ReadRequestsAsync(HttpContext context)
    {
        var body = context.Request.Body;
        var header = new byte[5];
        while (await ReadExactlyOrEndAsync(body, header))
        {
            var length = (int)BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(1));
            var payload = new byte[length];
            await body.ReadExactlyAsync(payload);
            if (header[0] == 1)
            {
                using var gzip = new GZipStream(new MemoryStream(payload), CompressionMode.Decompress);
                using var plain = new MemoryStream();
                await gzip.CopyToAsync(plain);
                payload = plain.ToArray();
            }

            yield return StringValue.Parser.ParseFrom(payload);
        }
    }

    public static async Task<StringValue> ReadSingleRequestAsync(HttpContext context)
    {
        await foreach (var message in ReadRequestsAsync(context))
        {
            return message;
        }

        throw new InvalidOperationException("No request message.");
    }

    private static Method<StringValue, StringValue> Create(MethodType type, string name) =>
        new(type, ServiceName, name, StringValue.Parser, StringValue.Parser);

    private static async Task<bool> ReadExactlyOrEndAsync(Stream stream, byte[] buffer)
    {
        var read = await stream.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false);
        return read == buffer.Length ? true : read == 0 ? false : throw new InvalidOperationException("Truncated request frame.");
    }
}

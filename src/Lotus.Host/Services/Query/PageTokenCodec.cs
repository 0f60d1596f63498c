using System.Buffers.Binary;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Lotus.Host.Services.Errors;

namespace Lotus.Host.Services.Query;

/// <summary>
/// Opaque page tokens: base64url of [version][rpc][8-byte hash of the filters][cursor values as
/// length-prefixed UTF-8][16-byte HMAC-SHA256 of everything before]. The filter hash pins a token
/// to the query that produced it; the HMAC makes tokens tamper-evident (cheap, so every list signs).
/// </summary>
public sealed class PageTokenCodec
{
    private const byte Version = 1;
    private const int FilterHashLength = 8;
    private const int MacLength = 16;

    private readonly byte[] _key;

    /// <param name="key">HMAC key; every server process sharing a database must use the same one.</param>
    public PageTokenCodec(byte[] key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Length < 16)
        {
            throw new ArgumentException("The page-token key needs at least 16 bytes.", nameof(key));
        }

        _key = key.ToArray();
    }

    public string Encode(string rpc, IReadOnlyList<string> filters, IReadOnlyList<string> cursor)
    {
        ArgumentNullException.ThrowIfNull(cursor);
        using var body = new MemoryStream();
        body.WriteByte(Version);
        body.Write(FilterHash(rpc, filters));
        body.WriteByte(checked((byte)cursor.Count));
        Span<byte> length = stackalloc byte[2];
        foreach (var value in cursor)
        {
            var bytes = Encoding.UTF8.GetBytes(value);
            BinaryPrimitives.WriteUInt16BigEndian(length, checked((ushort)bytes.Length));
            body.Write(length);
            body.Write(bytes);
        }

        var mac = HMACSHA256.HashData(_key, body.ToArray().AsSpan())[..MacLength];
        body.Write(mac);
        return Base64Url.EncodeToString(body.ToArray());
    }

    /// <summary>The cursor of a token made by the same rpc with the same filters; INVALID_ARGUMENT otherwise.</summary>
    public IReadOnlyList<string> Decode(string token, string rpc, IReadOnlyList<string> filters, int expectedValues)
    {
        byte[] bytes;
        try
        {
            bytes = Base64Url.DecodeFromChars(token);
        }
        catch (FormatException)
        {
            throw Invalid();
        }

        if (bytes.Length < 1 + FilterHashLength + 1 + MacLength || bytes[0] != Version)
        {
            throw Invalid();
        }

        var body = bytes.AsSpan(0, bytes.Length - MacLength);
        if (!CryptographicOperations.FixedTimeEquals(HMACSHA256.HashData(_key, body)[..MacLength], bytes.AsSpan(bytes.Length - MacLength)))
        {
            throw Invalid();
        }

        if (!body.Slice(1, FilterHashLength).SequenceEqual(FilterHash(rpc, filters)))
        {
            throw RpcErrors.InvalidField("page.page_token", "the page token belongs to a different query (filters changed)", ErrorReasons.InvalidPageToken);
        }

        var position = 1 + FilterHashLength;
        int count = body[position++];
        if (count != expectedValues)
        {
            throw Invalid();
        }

        var values = new string[count];
        for (var i = 0; i < count; i++)
        {
            if (position + 2 > body.Length)
            {
                throw Invalid();
            }

            var length = BinaryPrimitives.ReadUInt16BigEndian(body.Slice(position, 2));
            position += 2;
            if (position + length > body.Length)
            {
                throw Invalid();
            }

            values[i] = Encoding.UTF8.GetString(body.Slice(position, length));
            position += length;
        }

        return position == body.Length ? values : throw Invalid();
    }

    private static byte[] FilterHash(string rpc, IReadOnlyList<string> filters)
    {
        var text = rpc + "\u001f" + string.Join("\u001f", filters);
        return SHA256.HashData(Encoding.UTF8.GetBytes(text))[..FilterHashLength];
    }

    private static Grpc.RpcException Invalid()
        => RpcErrors.InvalidField("page.page_token", "is not a page token of this service", ErrorReasons.InvalidPageToken);
}

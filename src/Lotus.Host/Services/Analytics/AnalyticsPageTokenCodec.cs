using System.Buffers.Binary;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Lotus.Grpc;

namespace Lotus.Host.Services.Analytics;

/// <summary>
/// Opaque, signed (not encrypted) page tokens, like the original's envelope (contracts §3.2 "Paging")
/// in a compact binary form, base64url:
/// <c>[version 1][kid length][kid][expiry unix s, 8][fingerprint, 32][data version, 8][day number, 4]
/// [security length, 2][security][HMAC-SHA256, 32]</c>; the HMAC covers every byte before it and uses the
/// key named by kid, so keys can rotate while older tokens stay readable. Refusals are INVALID_ARGUMENT
/// with ErrorInfo reason INVALID_REQUEST and metadata page_token_error (malformed, unknown_key,
/// bad_signature, expired, request_mismatch).
/// </summary>
public sealed class AnalyticsPageTokenCodec
{
    private const byte Version = 1;
    private const int MacLength = 32;
    private const int FingerprintLength = 32;

    private readonly AnalyticsOptions _options;
    private readonly TimeProvider _time;

    public AnalyticsPageTokenCodec(AnalyticsOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!options.PageTokenKeys.TryGetValue(options.PageTokenKeyId, out var key) || key.Length < 16)
        {
            throw new ArgumentException($"Analytics page-token key '{options.PageTokenKeyId}' is missing or shorter than 16 bytes.", nameof(options));
        }

        _options = options;
        _time = time;
    }

    public string Encode(AnalyticsPageToken token)
    {
        ArgumentNullException.ThrowIfNull(token);
        var kid = Encoding.UTF8.GetBytes(_options.PageTokenKeyId);
        var security = Encoding.UTF8.GetBytes(token.SecurityId);
        var fingerprint = Convert.FromHexString(token.Fingerprint);
        if (fingerprint.Length != FingerprintLength || kid.Length > byte.MaxValue || security.Length > ushort.MaxValue)
        {
            throw new ArgumentException("Token fields out of range.", nameof(token));
        }

        var bodyLength = 1 + 1 + kid.Length + 8 + FingerprintLength + 8 + 4 + 2 + security.Length;
        var bytes = new byte[bodyLength + MacLength];
        var span = bytes.AsSpan();
        var position = 0;
        span[position++] = Version;
        span[position++] = (byte)kid.Length;
        kid.CopyTo(span[position..]);
        position += kid.Length;
        var expiry = _time.GetUtcNow().Add(_options.PageTokenLifetime).ToUnixTimeSeconds();
        BinaryPrimitives.WriteInt64BigEndian(span[position..], expiry);
        position += 8;
        fingerprint.CopyTo(span[position..]);
        position += FingerprintLength;
        BinaryPrimitives.WriteInt64BigEndian(span[position..], token.DataVersion);
        position += 8;
        BinaryPrimitives.WriteInt32BigEndian(span[position..], token.ValuationDate.DayNumber);
        position += 4;
        BinaryPrimitives.WriteUInt16BigEndian(span[position..], (ushort)security.Length);
        position += 2;
        security.CopyTo(span[position..]);
        position += security.Length;
        HMACSHA256.HashData(_options.PageTokenKeys[_options.PageTokenKeyId], span[..position], span[position..]);
        return Base64Url.EncodeToString(bytes);
    }

    /// <summary>The token's content when it is intact, unexpired and made for <paramref name="fingerprint"/>.</summary>
    public AnalyticsPageToken Decode(string token, string fingerprint, string sourceProduct)
    {
        byte[] bytes;
        try
        {
            bytes = Base64Url.DecodeFromChars(token);
        }
        catch (FormatException)
        {
            throw Refuse(PageTokenErrors.Malformed, "is not a page token of this service", sourceProduct);
        }

        var span = bytes.AsSpan();
        if (span.Length < 2 + MacLength || span[0] != Version)
        {
            throw Refuse(PageTokenErrors.Malformed, "is not a page token of this service", sourceProduct);
        }

        int kidLength = span[1];
        var fixedLength = 2 + kidLength + 8 + FingerprintLength + 8 + 4 + 2;
        if (span.Length < fixedLength + MacLength)
        {
            throw Refuse(PageTokenErrors.Malformed, "is not a page token of this service", sourceProduct);
        }

        var kid = Encoding.UTF8.GetString(span.Slice(2, kidLength));
        if (!_options.PageTokenKeys.TryGetValue(kid, out var key))
        {
            throw Refuse(PageTokenErrors.UnknownKey, "was signed with a key this service does not hold", sourceProduct);
        }

        var body = span[..^MacLength];
        Span<byte> mac = stackalloc byte[MacLength];
        HMACSHA256.HashData(key, body, mac);
        if (!CryptographicOperations.FixedTimeEquals(mac, span[^MacLength..]))
        {
            throw Refuse(PageTokenErrors.BadSignature, "signature does not match (tampered token)", sourceProduct);
        }

        var position = 2 + kidLength;
        var expiry = BinaryPrimitives.ReadInt64BigEndian(body[position..]);
        position += 8;
        if (_time.GetUtcNow().ToUnixTimeSeconds() > expiry)
        {
            throw Refuse(PageTokenErrors.Expired, "has expired; restart the traversal without a page token", sourceProduct);
        }

        var tokenFingerprint = Convert.ToHexStringLower(body.Slice(position, FingerprintLength));
        position += FingerprintLength;
        if (!string.Equals(tokenFingerprint, fingerprint, StringComparison.Ordinal))
        {
            throw Refuse(PageTokenErrors.RequestMismatch, "does not match the request scope", sourceProduct);
        }

        var dataVersion = BinaryPrimitives.ReadInt64BigEndian(body[position..]);
        position += 8;
        var dayNumber = BinaryPrimitives.ReadInt32BigEndian(body[position..]);
        position += 4;
        int securityLength = BinaryPrimitives.ReadUInt16BigEndian(body[position..]);
        position += 2;
        if (position + securityLength != body.Length || dayNumber < DateOnly.MinValue.DayNumber || dayNumber > DateOnly.MaxValue.DayNumber)
        {
            throw Refuse(PageTokenErrors.Malformed, "is not a page token of this service", sourceProduct);
        }

        var security = Encoding.UTF8.GetString(body.Slice(position, securityLength));
        return new AnalyticsPageToken(tokenFingerprint, dataVersion, DateOnly.FromDayNumber(dayNumber), security);
    }

    private static RpcException Refuse(string why, string description, string sourceProduct)
        => AnalyticsErrors.InvalidField("page.page_token", description, sourceProduct, new Dictionary<string, string>(StringComparer.Ordinal) { [PageTokenErrors.MetadataKey] = why });
}

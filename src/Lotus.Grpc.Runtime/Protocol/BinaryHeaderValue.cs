namespace Lotus.Grpc.Protocol;

/// <summary>
/// Values of <c>-bin</c> metadata keys: standard base64 (RFC 4648 section 4). We send unpadded; we accept
/// padded and unpadded, and split values that an intermediary joined with ','.
/// </summary>
internal static class BinaryHeaderValue
{
    public static string Encode(ReadOnlySpan<byte> value) => Convert.ToBase64String(value).TrimEnd('=');

    /// <summary>Decodes one header value, which may hold several comma-joined values.</summary>
    public static IEnumerable<byte[]> DecodeAll(string headerValue)
    {
        foreach (var part in headerValue.Split(',', StringSplitOptions.TrimEntries))
        {
            yield return Decode(part);
        }
    }

    /// <summary>Decodes a single value; throws <see cref="FormatException"/> when it is not base64.</summary>
    public static byte[] Decode(string value)
    {
        var trimmed = value.Trim();
        var padding = (4 - (trimmed.Length % 4)) % 4;
        if (padding == 3)
        {
            throw new FormatException("Invalid base64 length.");
        }

        return Convert.FromBase64String(padding == 0 ? trimmed : trimmed + new string('=', padding));
    }
}

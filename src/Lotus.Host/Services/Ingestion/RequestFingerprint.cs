using System.Security.Cryptography;
using System.Text;
using Google.Protobuf;

namespace Lotus.Host.Services.Ingestion;

/// <summary>
/// SHA-256 (hex) of the rpc name and the canonical protobuf bytes of the request without its
/// idempotency key (Google.Protobuf writes fields in number order: the bytes are deterministic for
/// these map-free messages). A stream hashes its chunks in order, so the same chunks give the same
/// fingerprint. Computed before normalisation: it is the caller's payload that is compared.
/// </summary>
public sealed class RequestFingerprint : IDisposable
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

    public RequestFingerprint(string endpoint)
    {
        _hash.AppendData(Encoding.UTF8.GetBytes(endpoint));
        _hash.AppendData([0]);
    }

    /// <summary>Adds a message, its key field blanked (via <paramref name="setKey"/>) while it is serialized.</summary>
    public void Add<T>(T message, Func<T, string> getKey, Action<T, string> setKey)
        where T : IMessage
    {
        ArgumentNullException.ThrowIfNull(getKey);
        ArgumentNullException.ThrowIfNull(setKey);
        var key = getKey(message);
        setKey(message, string.Empty);
        try
        {
            _hash.AppendData(message.ToByteArray());
        }
        finally
        {
            setKey(message, key);
        }
    }

    public string ToHex() => Convert.ToHexStringLower(_hash.GetCurrentHash());

    public void Dispose() => _hash.Dispose();
}

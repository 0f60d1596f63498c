using System.Collections;

namespace Lotus.Grpc;

/// <summary>
/// Custom metadata (headers or trailers) of a call. Keys are lower-cased on entry; keys ending in
/// <c>-bin</c> carry binary values (base64 on the wire), every other key an ASCII string.
/// Order of repeated values of one key is preserved.
/// </summary>
public sealed class Metadata : IEnumerable<Metadata.Entry>
{
    /// <summary>Suffix that marks a binary-valued key.</summary>
    public const string BinarySuffix = "-bin";

    private readonly List<Entry> entries = [];

    public int Count => entries.Count;

    public Entry this[int index] => entries[index];

    public Metadata Add(string key, string value)
    {
        entries.Add(new Entry(key, value));
        return this;
    }

    public Metadata Add(string key, byte[] value)
    {
        entries.Add(new Entry(key, value));
        return this;
    }

    public Metadata Add(Entry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        entries.Add(entry);
        return this;
    }

    /// <summary>The last entry with this key, or null.</summary>
    public Entry? Get(string key)
    {
        var normalized = Entry.NormalizeKey(key);
        for (var i = entries.Count - 1; i >= 0; i--)
        {
            if (string.Equals(entries[i].Key, normalized, StringComparison.Ordinal))
            {
                return entries[i];
            }
        }

        return null;
    }

    /// <summary>The string value of the last entry with this key, or null.</summary>
    public string? GetValue(string key) => Get(key)?.Value;

    /// <summary>Every entry with this key, in order.</summary>
    public IEnumerable<Entry> GetAll(string key)
    {
        var normalized = Entry.NormalizeKey(key);
        return entries.Where(e => string.Equals(e.Key, normalized, StringComparison.Ordinal));
    }

    public bool Remove(Entry entry) => entries.Remove(entry);

    public IEnumerator<Entry> GetEnumerator() => entries.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>One metadata key with one value.</summary>
    public sealed class Entry
    {
        private readonly string? value;
        private readonly byte[]? valueBytes;

        public Entry(string key, string value)
        {
            Key = NormalizeKey(key);
            if (IsBinaryKey(Key))
            {
                throw new ArgumentException($"Key '{Key}' ends in '{BinarySuffix}' and needs a binary value.", nameof(key));
            }

            ArgumentNullException.ThrowIfNull(value);
            this.value = value;
        }

        public Entry(string key, byte[] value)
        {
            Key = NormalizeKey(key);
            if (!IsBinaryKey(Key))
            {
                throw new ArgumentException($"Key '{Key}' needs the '{BinarySuffix}' suffix to carry a binary value.", nameof(key));
            }

            ArgumentNullException.ThrowIfNull(value);
            valueBytes = value;
        }

        /// <summary>Lower-case key.</summary>
        public string Key { get; }

        public bool IsBinary => valueBytes is not null;

        /// <summary>The string value; throws for a binary entry.</summary>
        public string Value => value ?? throw new InvalidOperationException($"Entry '{Key}' is binary: read ValueBytes.");

        /// <summary>The binary value; throws for a string entry.</summary>
        public byte[] ValueBytes => valueBytes ?? throw new InvalidOperationException($"Entry '{Key}' is a string: read Value.");

        public override string ToString() => IsBinary ? $"{Key}: <{valueBytes!.Length} bytes>" : $"{Key}: {value}";

        internal static bool IsBinaryKey(string key) => key.EndsWith(BinarySuffix, StringComparison.Ordinal);

        internal static string NormalizeKey(string key)
        {
            ArgumentException.ThrowIfNullOrEmpty(key);
            var lower = key.ToLowerInvariant();
            foreach (var c in lower)
            {
                if (!(c is >= 'a' and <= 'z' or >= '0' and <= '9' or '-' or '_' or '.'))
                {
                    throw new ArgumentException($"Metadata key '{key}' has a character outside [0-9a-z_.-].", nameof(key));
                }
            }

            return lower;
        }
    }
}

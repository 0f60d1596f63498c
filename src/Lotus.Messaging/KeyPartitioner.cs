using System.Text;

namespace Lotus.Messaging;

/// <summary>
/// Key -> partition: CRC-32 (IEEE) of the UTF-8 key modulo the partition count, the mapping of
/// librdkafka's <c>consistent</c> partitioner (contracts §5.1), so keys land on the same partition
/// number when the Kafka transport replaces this log.
/// </summary>
public static class KeyPartitioner
{
    private static readonly uint[] Table = BuildTable();

    /// <summary>The partition of <paramref name="key"/> among <paramref name="partitions"/>.</summary>
    public static int PartitionFor(string key, int partitions)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(partitions);
        return (int)(Crc32(Encoding.UTF8.GetBytes(key)) % (uint)partitions);
    }

    /// <summary>CRC-32 (IEEE 802.3, reflected, polynomial 0xEDB88320).</summary>
    public static uint Crc32(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc = Table[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }

        return crc ^ 0xFFFFFFFFu;
    }

    private static uint[] BuildTable()
    {
        var table = new uint[256];
        for (uint i = 0; i < 256; i++)
        {
            var value = i;
            for (var bit = 0; bit < 8; bit++)
            {
                value = (value & 1) != 0 ? 0xEDB88320u ^ (value >> 1) : value >> 1;
            }

            table[i] = value;
        }

        return table;
    }
}

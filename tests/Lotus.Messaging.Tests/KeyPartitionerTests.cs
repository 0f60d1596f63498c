using System.Text;

namespace Lotus.Messaging.Tests;

[TestFixture]
public sealed class KeyPartitionerTests
{
    [Test]
    public void Crc32_StandardCheckValue_Matches()
        => Assert.That(KeyPartitioner.Crc32(Encoding.ASCII.GetBytes("123456789")), Is.EqualTo(0xCBF43926u));

    [Test]
    public void PartitionFor_IsCrcModuloCount()
    {
        var crc = KeyPartitioner.Crc32(Encoding.UTF8.GetBytes("PORT-001|SEC-9"));

        Assert.That(KeyPartitioner.PartitionFor("PORT-001|SEC-9", 12), Is.EqualTo((int)(crc % 12)));
    }

    [Test]
    public void PartitionFor_SpreadsKeysOverEveryPartition()
    {
        var used = Enumerable.Range(0, 200).Select(i => KeyPartitioner.PartitionFor($"P{i}", 8)).ToHashSet();

        Assert.That(used, Is.EquivalentTo(Enumerable.Range(0, 8)));
    }

    [Test]
    public void TopicDefinition_NonPositivePartitions_IsRejected()
        => Assert.Throws<ArgumentOutOfRangeException>(() => _ = new TopicDefinition("t", 0));
}

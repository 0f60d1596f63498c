using Npgsql;

namespace Lotus.Messaging.Tests;

[TestFixture]
public sealed class ProducerTests
{
    [Test]
    public async Task Append_CommittedWithEntity_BothVisible_RolledBack_NeitherVisible()
    {
        await using var log = await EventLogFixture.CreateAsync();
        await using (var command = log.DataSource.CreateCommand("CREATE TABLE orders (id text PRIMARY KEY)"))
        {
            await command.ExecuteNonQueryAsync();
        }

        foreach (var (id, commit) in new[] { ("kept", true), ("dropped", false) })
        {
            await using var connection = await log.DataSource.OpenConnectionAsync();
            await using var transaction = await connection.BeginTransactionAsync();
            await using (var insert = new NpgsqlCommand("INSERT INTO orders VALUES (@id)", connection, transaction))
            {
                insert.Parameters.AddWithValue("id", id);
                await insert.ExecuteNonQueryAsync();
            }

            await log.Transport.Producer.AppendAsync(transaction, [EventLogFixture.Event(id, 0)]);
            if (commit)
            {
                await transaction.CommitAsync();
            }
            else
            {
                await transaction.RollbackAsync();
            }
        }

        Assert.That(await log.ScalarAsync("SELECT count(*) FROM orders"), Is.EqualTo(1));
        Assert.That(await log.ScalarAsync("SELECT count(*) FROM event_log WHERE key = 'kept'"), Is.EqualTo(1));
        Assert.That(await log.ScalarAsync("SELECT count(*) FROM event_log WHERE key = 'dropped'"), Is.Zero);
        Assert.That(await log.ScalarAsync("SELECT count(*) FROM event_log"), Is.EqualTo(1), "the rolled-back offset is reused: no gap");
    }

    [Test]
    public async Task Append_Batch_DenseOffsetsPerPartition_InInputOrder_PartitionFromKey()
    {
        await using var log = await EventLogFixture.CreateAsync();

        var positions = await log.ProduceAsync(keys: 10, perKey: 5);

        Assert.That(positions, Has.Count.EqualTo(50));
        foreach (var group in positions.GroupBy(p => p.Partition))
        {
            Assert.That(group.Select(p => p.Offset), Is.EqualTo(Enumerable.Range(0, group.Count()).Select(i => (long)i)), $"partition {group.Key}");
        }

        var keys = Enumerable.Range(0, 5).SelectMany(_ => Enumerable.Range(0, 10).Select(k => $"P{k:D3}")).ToList();
        for (var i = 0; i < positions.Count; i++)
        {
            Assert.That(positions[i].Partition, Is.EqualTo(KeyPartitioner.PartitionFor(keys[i], EventLogFixture.Partitions)));
        }

        Assert.That(await log.ScalarAsync("SELECT count(*) FROM event_log"), Is.EqualTo(50));
    }

    [Test]
    public async Task Append_HeadersAndIds_ReachTheConsumer()
    {
        await using var log = await EventLogFixture.CreateAsync();
        var sent = EventLogFixture.Event("P1", 0) with { Headers = new Dictionary<string, string> { ["correlation_id"] = "ING:abc" } };
        await using (var connection = await log.DataSource.OpenConnectionAsync())
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            await log.Transport.Producer.AppendAsync(transaction, [sent]);
            await transaction.CommitAsync();
        }

        ConsumedEvent? received = null;
        var handler = new RecordingHandler { AfterEffect = (m, _) => { received = m; return Task.CompletedTask; } };
        await using var consumer = log.Consumer(handler);
        await EventLogFixture.DrainAsync(consumer);

        Assert.That(received, Is.Not.Null);
        Assert.That(received!.EventId, Is.EqualTo(sent.EventId));
        Assert.That(received.EventType, Is.EqualTo("test.Order"));
        Assert.That(received.Headers!["correlation_id"], Is.EqualTo("ING:abc"));
        Assert.That(received.Payload.ToArray(), Is.EqualTo(sent.Payload.ToArray()));
    }

    [Test]
    public async Task ConcurrentProducers_SamePartition_SecondWaitsAndOffsetsFollowCommitOrder()
    {
        await using var log = await EventLogFixture.CreateAsync();
        await using var first = await log.DataSource.OpenConnectionAsync();
        await using var firstTx = await first.BeginTransactionAsync();
        var firstPosition = (await log.Transport.Producer.AppendAsync(firstTx, [EventLogFixture.Event("P1", 0)]))[0];

        await using var second = await log.DataSource.OpenConnectionAsync();
        await using var secondTx = await second.BeginTransactionAsync();
        var secondAppend = log.Transport.Producer.AppendAsync(secondTx, [EventLogFixture.Event("P1", 1)]);
        await WaitUntilBlockedOnLockAsync(log, second.ProcessID);

        // A consumer meanwhile sees nothing: the first append is not committed.
        var handler = new RecordingHandler();
        await using var consumer = log.Consumer(handler);
        Assert.That(await consumer.PollOnceAsync(), Is.Zero);

        await firstTx.CommitAsync();
        var secondPosition = (await secondAppend)[0];
        await secondTx.CommitAsync();

        Assert.That((firstPosition.Offset, secondPosition.Offset), Is.EqualTo((0L, 1L)));
        Assert.That(await EventLogFixture.DrainAsync(consumer), Is.EqualTo(2));
        Assert.That((await log.EffectsAsync()).Select(e => e.Seq), Is.EqualTo(new[] { 0, 1 }));
    }

    [Test]
    public async Task Append_UnknownTopic_SaysToDeclareIt()
    {
        await using var log = await EventLogFixture.CreateAsync();
        await using var connection = await log.DataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();

        var ex = Assert.ThrowsAsync<InvalidOperationException>(() =>
            log.Transport.Producer.AppendAsync(transaction, [new OutgoingEvent("no.such.topic", "k", "t", Array.Empty<byte>())]));

        Assert.That(ex!.Message, Does.Contain("no.such.topic").And.Contain("EnsureTopicsAsync"));
    }

    [Test]
    public async Task EnsureTopics_ShrinkingPartitions_IsRefused_GrowingAddsHeads()
    {
        await using var log = await EventLogFixture.CreateAsync();

        var ex = Assert.ThrowsAsync<InvalidOperationException>(() => log.Transport.EnsureTopicsAsync([new TopicDefinition(EventLogFixture.Topic, 2)]));
        await log.Transport.EnsureTopicsAsync([new TopicDefinition(EventLogFixture.Topic, 6)]);

        Assert.That(ex!.Message, Does.Contain("cannot shrink"));
        Assert.That(await log.ScalarAsync($"SELECT count(*) FROM event_partition_heads WHERE topic = '{EventLogFixture.Topic}'"), Is.EqualTo(6));
    }

    [Test]
    public async Task EnsureTopics_ProductCatalog_Declares()
    {
        await using var log = await EventLogFixture.CreateAsync();

        await log.Transport.EnsureTopicsAsync(LotusTopics.All);

        Assert.That(await log.ScalarAsync("SELECT partitions FROM event_topics WHERE topic = 'transactions.persisted'"), Is.EqualTo(12));
    }

    private static async Task WaitUntilBlockedOnLockAsync(EventLogFixture log, int backendPid)
    {
        for (var i = 0; i < 500; i++)
        {
            if (await log.ScalarAsync($"SELECT count(*) FROM pg_stat_activity WHERE pid = {backendPid} AND wait_event_type = 'Lock'") == 1)
            {
                return;
            }

            await Task.Delay(10);
        }

        Assert.Fail("The second producer never waited for the first one's partition lock.");
    }
}

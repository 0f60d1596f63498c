namespace Lotus.Messaging.Tests;

[TestFixture]
public sealed class ConsumerDeliveryTests
{
    [Test]
    public async Task Consume_DeliversEveryEventOnce_InOrderPerKey()
    {
        await using var log = await EventLogFixture.CreateAsync();
        await log.ProduceAsync(keys: 20, perKey: 10);
        await using var consumer = log.Consumer(new RecordingHandler());

        var handled = await EventLogFixture.DrainAsync(consumer);

        Assert.That(handled, Is.EqualTo(200));
        await AssertExactlyOnceInKeyOrderAsync(log, keys: 20, perKey: 10);
        Assert.That(consumer.Assignment, Has.Count.EqualTo(EventLogFixture.Partitions));
    }

    [Test]
    public async Task CommittedPositions_NewMemberOfSameGroup_GetsNothingAgain_OtherGroupGetsAll()
    {
        await using var log = await EventLogFixture.CreateAsync();
        await log.ProduceAsync(keys: 5, perKey: 4);
        await using (var first = log.Consumer(new RecordingHandler()))
        {
            await EventLogFixture.DrainAsync(first);
        }

        await using var again = log.Consumer(new RecordingHandler());
        await using var other = log.Consumer(new RecordingHandler(), group: "g2");

        Assert.That(await EventLogFixture.DrainAsync(again), Is.Zero);
        Assert.That(await EventLogFixture.DrainAsync(other), Is.EqualTo(20));
        Assert.That(await log.ScalarAsync("SELECT count(*) FROM effects"), Is.EqualTo(40));
    }

    [Test]
    public async Task LaterEvents_AreDeliveredFromTheCommittedPosition()
    {
        await using var log = await EventLogFixture.CreateAsync();
        await using var consumer = log.Consumer(new RecordingHandler());
        await log.ProduceAsync(keys: 3, perKey: 2);
        await EventLogFixture.DrainAsync(consumer);

        await log.ProduceAsync(keys: 3, perKey: 2);
        var second = await EventLogFixture.DrainAsync(consumer);

        Assert.That(second, Is.EqualTo(6));
        Assert.That(await log.ScalarAsync("SELECT count(DISTINCT event_id) FROM effects"), Is.EqualTo(12));
    }

    [Test]
    public async Task BatchedTransactions_DeliverEverythingOnce()
    {
        await using var log = await EventLogFixture.CreateAsync();
        await log.ProduceAsync(keys: 10, perKey: 15);
        await using var consumer = log.Consumer(new RecordingHandler(), configure: o => { o.EventsPerTransaction = 16; o.BatchSize = 40; });

        Assert.That(await EventLogFixture.DrainAsync(consumer), Is.EqualTo(150));
        await AssertExactlyOnceInKeyOrderAsync(log, keys: 10, perKey: 15);
    }

    [Test]
    public async Task PartitionsLeasedByAnotherLiveMember_AreNotTaken_UntilTheLeaseExpires()
    {
        await using var log = await EventLogFixture.CreateAsync();
        await log.ProduceAsync(keys: 8, perKey: 2);
        await using (var ghostSetup = log.DataSource.CreateCommand($"""
            INSERT INTO event_consumer_members VALUES ('g1', 'ghost', now() + interval '1 hour');
            INSERT INTO event_consumer_partitions (group_name, topic, partition, owner, lease_until)
            SELECT 'g1', '{EventLogFixture.Topic}', p, 'ghost', now() + interval '1 hour' FROM generate_series(0, {EventLogFixture.Partitions - 1}) p;
            """))
        {
            await ghostSetup.ExecuteNonQueryAsync();
        }

        await using var consumer = log.Consumer(new RecordingHandler());
        var whileLeased = await consumer.PollOnceAsync();
        Assert.That(whileLeased, Is.Zero);
        Assert.That(consumer.Assignment, Is.Empty);

        await using (var expire = log.DataSource.CreateCommand(
            "UPDATE event_consumer_partitions SET lease_until = now() - interval '1 second'; UPDATE event_consumer_members SET heartbeat_until = now() - interval '1 second' WHERE member_id = 'ghost'"))
        {
            await expire.ExecuteNonQueryAsync();
        }

        Assert.That(await EventLogFixture.DrainAsync(consumer), Is.EqualTo(16));
        Assert.That(consumer.Assignment, Has.Count.EqualTo(EventLogFixture.Partitions));
    }

    [Test]
    public async Task Dispose_LeavesTheGroup_ReleasingPartitionsAtOnce()
    {
        await using var log = await EventLogFixture.CreateAsync();
        var first = log.Consumer(new RecordingHandler());
        await first.PollOnceAsync();
        Assert.That(first.Assignment, Has.Count.EqualTo(EventLogFixture.Partitions));

        await first.DisposeAsync();

        Assert.That(await log.ScalarAsync("SELECT count(*) FROM event_consumer_partitions WHERE owner IS NOT NULL"), Is.Zero);
        Assert.That(await log.ScalarAsync("SELECT count(*) FROM event_consumer_members"), Is.Zero);
        Assert.ThrowsAsync<ObjectDisposedException>(() => first.PollOnceAsync());
    }

    [Test]
    public async Task RunAsync_ProcessesUntilCancelled()
    {
        await using var log = await EventLogFixture.CreateAsync();
        await log.ProduceAsync(keys: 4, perKey: 5);
        var seen = 0;
        using var done = new CancellationTokenSource();
        var handler = new RecordingHandler
        {
            AfterEffect = (_, _) =>
            {
                if (Interlocked.Increment(ref seen) == 20)
                {
                    done.Cancel();
                }

                return Task.CompletedTask;
            },
        };
        await using var consumer = log.Consumer(handler);

        await consumer.RunAsync(done.Token);

        // The 20th delivery cancelled the run mid-transaction: it was rolled back, then redelivered.
        var redelivered = await EventLogFixture.DrainAsync(consumer);
        Assert.That(redelivered, Is.LessThanOrEqualTo(1));
        await AssertExactlyOnceInKeyOrderAsync(log, keys: 4, perKey: 5);
    }

    internal static async Task AssertExactlyOnceInKeyOrderAsync(EventLogFixture log, int keys, int perKey, string group = "g1")
    {
        var effects = await log.EffectsAsync(group);
        Assert.That(effects, Has.Count.EqualTo(keys * perKey), "one effect per event: nothing lost, nothing duplicated");
        foreach (var key in effects.GroupBy(e => e.Key))
        {
            Assert.That(key.Select(e => e.Seq), Is.EqualTo(Enumerable.Range(0, perKey)), $"order of key {key.Key}");
        }
    }
}

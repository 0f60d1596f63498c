using System.Collections.Concurrent;
using Npgsql;

namespace Lotus.Messaging.Tests;

/// <summary>Two server processes (two data sources, two members) sharing one database.</summary>
[TestFixture]
public sealed class ConsumerGroupTests
{
    [Test]
    public async Task TwoMembers_SplitPartitionsFairly_WithoutOverlap()
    {
        await using var log = await EventLogFixture.CreateAsync();
        await using var otherProcess = log.Database.CreateDataSource();
        await using var a = log.Consumer(new RecordingHandler("a"));
        await using var b = log.Consumer(new RecordingHandler("b"), dataSource: otherProcess);

        // a joins alone and takes everything; b joins; a gives up its surplus; b claims it.
        await a.PollOnceAsync();
        Assert.That(a.Assignment, Has.Count.EqualTo(EventLogFixture.Partitions));
        await b.PollOnceAsync();
        await a.PollOnceAsync();
        await b.PollOnceAsync();

        Assert.That(a.Assignment, Has.Count.EqualTo(EventLogFixture.Partitions / 2));
        Assert.That(b.Assignment, Has.Count.EqualTo(EventLogFixture.Partitions / 2));
        Assert.That(a.Assignment.Intersect(b.Assignment), Is.Empty);
    }

    [Test]
    public async Task TwoMembersRunningConcurrently_NeverProcessOnePartitionAtOnce_EachEventOnceInOrder()
    {
        await using var log = await EventLogFixture.CreateAsync();
        await using var otherProcess = log.Database.CreateDataSource();
        var inFlight = new ConcurrentDictionary<int, string>();
        var overlaps = new ConcurrentBag<string>();
        var total = 0;
        const int keys = 24;
        const int perKey = 20;
        using var done = new CancellationTokenSource();

        RecordingHandler Member(string name) => new(name)
        {
            OnEnter = m =>
            {
                if (!inFlight.TryAdd(m.Partition, name))
                {
                    overlaps.Add($"partition {m.Partition}: {name} while {inFlight.GetValueOrDefault(m.Partition)}");
                }
            },
            OnExit = m => inFlight.TryRemove(new KeyValuePair<int, string>(m.Partition, name)),
            AfterEffect = async (_, _) =>
            {
                await Task.Yield(); // let the other member interleave
            },
        };

        await using var a = log.Consumer(Member("a"));
        await using var b = log.Consumer(Member("b"), dataSource: otherProcess);
        await a.PollOnceAsync();
        await b.PollOnceAsync();
        await log.ProduceAsync(keys, perKey);

        // Each member keeps polling (rebalancing as it goes) until every event has an effect.
        async Task Run(IEventConsumer consumer)
        {
            for (var round = 0; round < 2000 && !done.IsCancellationRequested; round++)
            {
                var handled = await consumer.PollOnceAsync();
                if (Interlocked.Add(ref total, handled) >= keys * perKey)
                {
                    await done.CancelAsync();
                }
            }
        }

        await Task.WhenAll(Task.Run(() => Run(a)), Task.Run(() => Run(b)));

        Assert.That(overlaps, Is.Empty);
        await ConsumerDeliveryTests.AssertExactlyOnceInKeyOrderAsync(log, keys, perKey);
        var effects = await log.EffectsAsync();
        Assert.That(effects.Select(e => e.Member).Distinct(), Is.EquivalentTo(new[] { "a", "b" }), "both members did work");
    }

    [Test]
    public async Task MemberJoiningLater_TakesOverReleasedPartitions_FromTheirCommittedPositions()
    {
        await using var log = await EventLogFixture.CreateAsync();
        await using var otherProcess = log.Database.CreateDataSource();
        await log.ProduceAsync(keys: 12, perKey: 3);
        await using var a = log.Consumer(new RecordingHandler("a"));
        await EventLogFixture.DrainAsync(a);

        await log.ProduceAsync(keys: 12, perKey: 3);
        await using var b = log.Consumer(new RecordingHandler("b"), dataSource: otherProcess);
        await b.PollOnceAsync(); // joins: nothing free yet
        await a.PollOnceAsync(); // releases half (after handling what it keeps)
        await EventLogFixture.DrainAsync(b);
        await EventLogFixture.DrainAsync(a);

        var effects = await log.EffectsAsync();
        Assert.That(effects, Has.Count.EqualTo(72));
        Assert.That(effects.Select(e => (e.Key, e.Seq)).Distinct().Count(), Is.EqualTo(36), "the second batch repeats the first batch's (key, seq)");
        Assert.That(await log.ScalarAsync("SELECT count(DISTINCT (group_name, event_id)) FROM effects"), Is.EqualTo(72));
        Assert.That(effects.Any(e => e.Member == "b"), Is.True);
    }

    [Test]
    public async Task PartitionsTakenOverMidRound_AreNotProcessedByTheFormerOwner()
    {
        await using var log = await EventLogFixture.CreateAsync();
        await log.ProduceAsync(keys: 12, perKey: 2);
        int? firstPartition = null;
        var handler = new RecordingHandler("stale");
        handler.AfterEffect = async (message, _) =>
        {
            if (firstPartition is not null)
            {
                return;
            }

            // While the stale member works on its first partition, another member takes over the
            // rest (as if the stale member's leases had expired during a long pause).
            firstPartition = message.Partition;
            await using var takeOver = log.DataSource.CreateCommand(
                "UPDATE event_consumer_partitions SET owner = 'usurper', lease_until = now() + interval '1 hour' WHERE partition <> @p");
            takeOver.Parameters.AddWithValue("p", message.Partition);
            await takeOver.ExecuteNonQueryAsync();
        };
        await using var stale = log.Consumer(handler);

        await stale.PollOnceAsync();

        var effects = await log.EffectsAsync();
        Assert.That(effects, Is.Not.Empty);
        Assert.That(await log.ScalarAsync($"SELECT count(*) FROM effects WHERE partition <> {firstPartition}"), Is.Zero,
            "no effect on a partition after it was taken over");
    }
}

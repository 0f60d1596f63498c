namespace Lotus.Messaging.Tests;

[TestFixture]
public sealed class RunAndDescribeTests
{
    [Test]
    public async Task IdleRunningConsumer_IsWokenByACommit_NotByItsIdleDelay()
    {
        await using var log = await EventLogFixture.CreateAsync();
        var handled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var count = 0;
        var handler = new RecordingHandler
        {
            AfterEffect = (_, _) =>
            {
                if (Interlocked.Increment(ref count) == 6)
                {
                    handled.TrySetResult();
                }

                return Task.CompletedTask;
            },
        };
        await using var consumer = log.Consumer(handler, configure: o => o.IdleDelay = TimeSpan.FromHours(1));
        using var stop = new CancellationTokenSource();
        var run = consumer.RunAsync(stop.Token);
        await WaitForMembershipAsync(log);

        await log.ProduceAsync(keys: 3, perKey: 2);
        var finished = await Task.WhenAny(handled.Task, Task.Delay(TimeSpan.FromMinutes(2)));
        await stop.CancelAsync();
        await run;

        Assert.That(finished, Is.SameAs(handled.Task), "the commit's notification woke the idle consumer (its idle delay is an hour)");
        await ConsumerDeliveryTests.AssertExactlyOnceInKeyOrderAsync(log, keys: 3, perKey: 2);
    }

    [Test]
    public async Task DescribeGroup_ReportsPositionsLagAndOwner()
    {
        await using var log = await EventLogFixture.CreateAsync();
        await log.ProduceAsync(keys: 8, perKey: 2);
        await using var consumer = log.Consumer(new RecordingHandler(), configure: o => o.MemberId = "member-1");
        await EventLogFixture.DrainAsync(consumer);
        await log.ProduceAsync(keys: 8, perKey: 1);

        var states = await log.Transport.DescribeGroupAsync("g1", [EventLogFixture.Topic]);

        Assert.That(states, Has.Count.EqualTo(EventLogFixture.Partitions));
        Assert.That(states.Sum(s => s.CommittedOffset), Is.EqualTo(16));
        Assert.That(states.Sum(s => s.Lag), Is.EqualTo(8));
        Assert.That(states.Select(s => s.Owner), Is.All.EqualTo("member-1"));
        var unknownGroup = await log.Transport.DescribeGroupAsync("nobody", [EventLogFixture.Topic]);
        Assert.That(unknownGroup.Sum(s => s.Lag), Is.EqualTo(24));
    }

    [Test]
    public async Task DisposeWhileRunning_EndsTheRunQuietly_AndLeavesTheGroup()
    {
        await using var log = await EventLogFixture.CreateAsync();
        var consumer = log.Consumer(new RecordingHandler());
        var run = consumer.RunAsync(CancellationToken.None);
        await WaitForMembershipAsync(log);

        await consumer.DisposeAsync();

        Assert.DoesNotThrowAsync(() => run);
        Assert.That(await log.ScalarAsync("SELECT count(*) FROM event_consumer_partitions WHERE owner IS NOT NULL"), Is.Zero);
    }

    [Test]
    public async Task Trim_DeletesOnlyWhatEveryKnownGroupHasPassed()
    {
        await using var log = await EventLogFixture.CreateAsync();
        await log.ProduceAsync(keys: 8, perKey: 3);
        await using var fast = log.Consumer(new RecordingHandler(), group: "fast");
        await using var slow = log.Consumer(new RecordingHandler(), group: "slow", configure: o => o.BatchSize = 1);
        await EventLogFixture.DrainAsync(fast);
        await slow.PollOnceAsync(); // one event per partition

        var deleted = await log.Transport.TrimAsync(TimeSpan.Zero);

        Assert.That(deleted, Is.EqualTo(EventLogFixture.Partitions), "only what the slow group has passed");
        Assert.That(await EventLogFixture.DrainAsync(slow), Is.EqualTo(24 - EventLogFixture.Partitions), "the slow group still gets the rest");
        await log.ProduceAsync(keys: 8, perKey: 1);
        Assert.That(await EventLogFixture.DrainAsync(fast), Is.EqualTo(8), "offsets continue after a trim");
        Assert.That(await log.Transport.TrimAsync(TimeSpan.FromHours(1)), Is.Zero, "nothing is old enough");
    }

    private static async Task WaitForMembershipAsync(EventLogFixture log)
    {
        for (var i = 0; i < 1000; i++)
        {
            if (await log.ScalarAsync("SELECT count(*) FROM event_consumer_partitions WHERE owner IS NOT NULL") == EventLogFixture.Partitions)
            {
                return; // It listens from before its first round, so a commit from now on wakes it.
            }

            await Task.Delay(10);
        }

        Assert.Fail("The consumer never joined its group.");
    }
}

using Npgsql;

namespace Lotus.Messaging.Tests;

/// <summary>A consumer dying between its effect and its commit loses and duplicates nothing.</summary>
[TestFixture]
public sealed class CrashSafetyTests
{
    [Test]
    public async Task HandlerThrowsAfterEffect_EffectRolledBack_EventRedeliveredOnce()
    {
        await using var log = await EventLogFixture.CreateAsync();
        await log.ProduceAsync(keys: 6, perKey: 6);
        var attempts = new List<int>();
        var handler = new RecordingHandler
        {
            AfterEffect = (message, context) =>
            {
                if (EventLogFixture.SeqOf(message) % 3 == 1 && context.Attempt == 1)
                {
                    throw new InvalidOperationException("simulated crash after the effect, before the commit");
                }

                if (context.Attempt > 1)
                {
                    attempts.Add(context.Attempt);
                }

                return Task.CompletedTask;
            },
        };
        await using var consumer = log.Consumer(handler);

        await EventLogFixture.DrainAsync(consumer);

        await ConsumerDeliveryTests.AssertExactlyOnceInKeyOrderAsync(log, keys: 6, perKey: 6);
        Assert.That(attempts, Has.Count.EqualTo(12).And.All.EqualTo(2));
        Assert.That(await log.ScalarAsync("SELECT count(*) FROM event_consumer_failures"), Is.Zero, "failure records cleared on success");
    }

    [Test]
    public async Task BatchedTransaction_FailureMidBatch_RollsBackTheBatch_NothingDuplicated()
    {
        await using var log = await EventLogFixture.CreateAsync();
        await log.ProduceAsync(keys: 4, perKey: 12);
        var failed = 0;
        var handler = new RecordingHandler
        {
            AfterEffect = (message, _) =>
                EventLogFixture.SeqOf(message) == 7 && Interlocked.Increment(ref failed) <= 2
                    ? throw new InvalidOperationException("simulated crash inside a batch")
                    : Task.CompletedTask,
        };
        await using var consumer = log.Consumer(handler, configure: o => o.EventsPerTransaction = 10);

        await EventLogFixture.DrainAsync(consumer);

        await ConsumerDeliveryTests.AssertExactlyOnceInKeyOrderAsync(log, keys: 4, perKey: 12);
    }

    [Test]
    public async Task ConsumerConnectionKilledMidEvent_AnotherMemberTakesOverAfterLeaseExpiry_NothingLostOrDuplicated()
    {
        await using var log = await EventLogFixture.CreateAsync();
        await log.ProduceAsync(keys: 8, perKey: 5);
        var lease = TimeSpan.FromSeconds(1);
        var crashed = new RecordingHandler("crashed")
        {
            AfterEffect = async (message, context) =>
            {
                if (message.Offset == 3)
                {
                    // The process "dies": its session ends with the effect written but not committed.
                    await using var kill = new NpgsqlCommand("SELECT pg_terminate_backend(pg_backend_pid())", context.Connection, context.Transaction);
                    await kill.ExecuteNonQueryAsync();
                }
            },
        };
        var doomed = log.Consumer(crashed, configure: o => o.LeaseDuration = lease);
        Assert.CatchAsync<NpgsqlException>(() => doomed.PollOnceAsync());

        // Never disposed (a crash does not leave the group): the survivor waits for the leases to expire.
        await using var survivor = log.Consumer(new RecordingHandler("survivor"), configure: o => o.LeaseDuration = lease);
        var effects = 0L;
        for (var round = 0; round < 300 && effects < 40; round++)
        {
            await survivor.PollOnceAsync();
            effects = await log.ScalarAsync("SELECT count(*) FROM effects");
            await Task.Delay(20);
        }

        await ConsumerDeliveryTests.AssertExactlyOnceInKeyOrderAsync(log, keys: 8, perKey: 5);
        Assert.That((await log.EffectsAsync()).Any(e => e.Member == "survivor"), Is.True);
    }

    [Test]
    public async Task ConsumerDisposedAfterCancelledEvent_NextMemberRedeliversIt_NothingLostOrDuplicated()
    {
        await using var log = await EventLogFixture.CreateAsync();
        await log.ProduceAsync(keys: 3, perKey: 6);
        using var stop = new CancellationTokenSource();
        var first = new RecordingHandler("first")
        {
            AfterEffect = (message, _) =>
            {
                if (EventLogFixture.SeqOf(message) == 3)
                {
                    stop.Cancel();
                    stop.Token.ThrowIfCancellationRequested();
                }

                return Task.CompletedTask;
            },
        };
        var consumer = log.Consumer(first);
        await consumer.RunAsync(stop.Token);
        await consumer.DisposeAsync();

        await using var next = log.Consumer(new RecordingHandler("next"));
        await EventLogFixture.DrainAsync(next);

        await ConsumerDeliveryTests.AssertExactlyOnceInKeyOrderAsync(log, keys: 3, perKey: 6);
        Assert.That(await log.ScalarAsync("SELECT count(*) FROM event_consumer_failures"), Is.Zero, "a shutdown is not a failure");
    }
}

namespace Lotus.Messaging.Tests;

[TestFixture]
public sealed class DeadLetterTests
{
    private const string PoisonKey = "P002";

    [Test]
    public async Task KeepsFailing_DeadLetteredAfterMaxAttemptsWithReason_PartitionContinues()
    {
        await using var log = await EventLogFixture.CreateAsync();
        await log.ProduceAsync(keys: 5, perKey: 4);
        await using var consumer = log.Consumer(Poisoned(seq: 1), configure: o => o.MaxAttempts = 3);

        for (var round = 0; round < 10; round++)
        {
            await consumer.PollOnceAsync();
        }

        var letters = await log.Transport.DeadLetters.ListAsync("g1");
        Assert.That(letters, Has.Count.EqualTo(1));
        var letter = letters[0];
        Assert.That(letter.Event.Key, Is.EqualTo(PoisonKey));
        Assert.That(EventLogFixture.SeqOf(letter.Event), Is.EqualTo(1));
        Assert.That(letter.Attempts, Is.EqualTo(3));
        Assert.That(letter.Reason, Does.Contain("System.FormatException").And.Contain("unreadable amount"));
        Assert.That(letter.Status, Is.EqualTo(DeadLetterStatus.Dead));

        var effects = await log.EffectsAsync();
        Assert.That(effects, Has.Count.EqualTo(19), "every other event handled once");
        Assert.That(effects.Where(e => e.Key == PoisonKey).Select(e => e.Seq), Is.EqualTo(new[] { 0, 2, 3 }));
    }

    [Test]
    public async Task DeadLetter_ReplayAfterFix_DeliveredOnceToItsGroupOnly()
    {
        await using var log = await EventLogFixture.CreateAsync();
        await log.ProduceAsync(keys: 5, perKey: 2);
        var poisoned = Poisoned(seq: 1);
        await using var consumer = log.Consumer(poisoned, configure: o => o.MaxAttempts = 2);
        await using var otherGroup = log.Consumer(new RecordingHandler(), group: "g2");
        for (var round = 0; round < 5; round++)
        {
            await consumer.PollOnceAsync();
        }

        await EventLogFixture.DrainAsync(otherGroup);
        var letter = (await log.Transport.DeadLetters.ListAsync("g1")).Single();

        poisoned.AfterEffect = null; // the fix is deployed
        Assert.That(await log.Transport.DeadLetters.RequestReplayAsync(letter.Id), Is.True);
        var replayed = await EventLogFixture.DrainAsync(consumer);
        var replayedInOtherGroup = await EventLogFixture.DrainAsync(otherGroup);

        Assert.That(replayed, Is.EqualTo(1));
        Assert.That(replayedInOtherGroup, Is.Zero);
        var effects = await log.EffectsAsync();
        Assert.That(effects.Count(e => e.Replay && e.Key == PoisonKey && e.Seq == 1), Is.EqualTo(1));
        Assert.That(effects, Has.Count.EqualTo(10));
        var after = (await log.Transport.DeadLetters.ListAsync("g1")).Single();
        Assert.That(after.Status, Is.EqualTo(DeadLetterStatus.Replayed));
        Assert.That(after.ReplayedAt, Is.Not.Null);
        Assert.That(await log.Transport.DeadLetters.RequestReplayAsync(letter.Id), Is.False, "a replayed letter is not replayed twice");
    }

    [Test]
    public async Task ReplayThatFailsAgain_ReturnsToDeadWithNewReason()
    {
        await using var log = await EventLogFixture.CreateAsync();
        await log.ProduceAsync(keys: 3, perKey: 2);
        await using var consumer = log.Consumer(Poisoned(seq: 0), configure: o => o.MaxAttempts = 1);
        await EventLogFixture.DrainAsync(consumer);

        var requested = await log.Transport.DeadLetters.RequestReplayAllAsync("g1", EventLogFixture.Topic);
        await consumer.PollOnceAsync();

        Assert.That(requested, Is.EqualTo(1));
        var letter = (await log.Transport.DeadLetters.ListAsync("g1", DeadLetterStatus.Dead)).Single();
        Assert.That(letter.Attempts, Is.EqualTo(2));
        Assert.That(await log.ScalarAsync($"SELECT count(*) FROM effects WHERE key = '{PoisonKey}' AND seq = 0"), Is.Zero);
    }

    [Test]
    public async Task EventThatCrashesTheConsumerEveryTime_IsDeadLetteredAfterMaxAttempts()
    {
        await using var log = await EventLogFixture.CreateAsync();
        await log.ProduceAsync(keys: 5, perKey: 3);
        var handler = new RecordingHandler
        {
            AfterEffect = async (message, context) =>
            {
                if (message.Key == PoisonKey && EventLogFixture.SeqOf(message) == 1)
                {
                    // The process dies: no exception reaches the consumer's failure accounting.
                    await using var kill = new Npgsql.NpgsqlCommand("SELECT pg_terminate_backend(pg_backend_pid())", context.Connection, context.Transaction);
                    await kill.ExecuteNonQueryAsync();
                }
            },
        };
        await using var consumer = log.Consumer(handler, configure: o => { o.MaxAttempts = 3; o.MemberId = "restarting-host"; });

        // Each crash is followed by a restart of the same member (same id, so its leases are still its own).
        var crashes = 0;
        for (var round = 0; round < 10; round++)
        {
            try
            {
                await consumer.PollOnceAsync();
            }
            catch (Npgsql.NpgsqlException)
            {
                crashes++;
            }
        }

        // The first crash comes in the same round as P002's seq 0, before the poison event reached the
        // committed position, where deliveries are counted; the next three are counted; then it is dead.
        Assert.That(crashes, Is.EqualTo(4));
        var letter = (await log.Transport.DeadLetters.ListAsync("g1")).Single();
        Assert.That((letter.Event.Key, EventLogFixture.SeqOf(letter.Event)), Is.EqualTo((PoisonKey, 1)));
        Assert.That(letter.Attempts, Is.EqualTo(3));
        Assert.That(letter.Reason, Does.Contain("never finished"));
        Assert.That(await log.ScalarAsync("SELECT count(*) FROM effects"), Is.EqualTo(14), "everything else handled once");
    }

    private static RecordingHandler Poisoned(int seq) => new()
    {
        AfterEffect = (message, _) => message.Key == PoisonKey && EventLogFixture.SeqOf(message) == seq
            ? throw new FormatException("unreadable amount '1,0.0'")
            : Task.CompletedTask,
    };
}

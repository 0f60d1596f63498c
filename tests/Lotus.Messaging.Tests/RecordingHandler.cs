using Npgsql;

namespace Lotus.Messaging.Tests;

/// <summary>
/// Writes one effect row per delivery in the consumer's transaction, then lets a test hook fail
/// the delivery (simulating a crash between effect and commit).
/// </summary>
internal sealed class RecordingHandler(string member = "m") : IEventHandler
{
    /// <summary>Called after the effect row is written; throw to fail the delivery.</summary>
    public Func<ConsumedEvent, EventHandlerContext, Task>? AfterEffect { get; set; }

    /// <summary>Called before anything else (e.g. to detect concurrent processing of a partition).</summary>
    public Action<ConsumedEvent>? OnEnter { get; set; }

    /// <summary>Called when the handler returns or throws.</summary>
    public Action<ConsumedEvent>? OnExit { get; set; }

    public async Task HandleAsync(ConsumedEvent message, EventHandlerContext context, CancellationToken cancellationToken)
    {
        OnEnter?.Invoke(message);
        try
        {
            await using (var insert = new NpgsqlCommand(
                """
                INSERT INTO effects (group_name, event_id, key, seq, partition, "offset", member, replay)
                VALUES (@group, @id, @key, @seq, @partition, @offset, @member, @replay)
                """, context.Connection, context.Transaction))
            {
                insert.Parameters.AddWithValue("group", context.GroupName);
                insert.Parameters.AddWithValue("id", message.EventId);
                insert.Parameters.AddWithValue("key", message.Key);
                insert.Parameters.AddWithValue("seq", EventLogFixture.SeqOf(message));
                insert.Parameters.AddWithValue("partition", message.Partition);
                insert.Parameters.AddWithValue("offset", message.Offset);
                insert.Parameters.AddWithValue("member", member);
                insert.Parameters.AddWithValue("replay", context.IsReplay);
                await insert.ExecuteNonQueryAsync(cancellationToken);
            }

            if (AfterEffect is not null)
            {
                await AfterEffect(message, context);
            }
        }
        finally
        {
            OnExit?.Invoke(message);
        }
    }
}

using Npgsql;

namespace Lotus.Messaging.Postgres.Internal;

/// <summary>Declares topics and their partition head rows.</summary>
internal static class TopicStore
{
    public static async Task EnsureAsync(NpgsqlDataSource dataSource, IEnumerable<TopicDefinition> topics, CancellationToken cancellationToken)
    {
        var list = topics.ToList();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        foreach (var topic in list.OrderBy(t => t.Name, StringComparer.Ordinal))
        {
            await using (var upsert = new NpgsqlCommand(
                """
                INSERT INTO event_topics (topic, partitions) VALUES (@topic, @partitions)
                ON CONFLICT (topic) DO UPDATE SET partitions = greatest(event_topics.partitions, EXCLUDED.partitions)
                RETURNING partitions
                """, connection, transaction))
            {
                upsert.Parameters.AddWithValue("topic", topic.Name);
                upsert.Parameters.AddWithValue("partitions", topic.Partitions);
                var stored = (int)(await upsert.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
                if (stored > topic.Partitions)
                {
                    throw new InvalidOperationException(
                        $"Topic {topic.Name} has {stored} partitions; it cannot shrink to {topic.Partitions} (keys would move and lose their order).");
                }
            }

            await using var heads = new NpgsqlCommand(
                """
                INSERT INTO event_partition_heads (topic, partition)
                SELECT @topic, p FROM generate_series(0, @partitions - 1) AS p
                ON CONFLICT DO NOTHING
                """, connection, transaction);
            heads.Parameters.AddWithValue("topic", topic.Name);
            heads.Parameters.AddWithValue("partitions", topic.Partitions);
            await heads.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }
}

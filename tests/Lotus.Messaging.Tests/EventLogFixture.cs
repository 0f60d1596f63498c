using System.Text;
using Lotus.Messaging.Postgres;
using Lotus.TestSupport;
using Npgsql;

namespace Lotus.Messaging.Tests;

/// <summary>A migrated database with a 4-partition topic and an <c>effects</c> table that handlers write to.</summary>
internal sealed class EventLogFixture : IAsyncDisposable
{
    public const string Topic = "test.orders";
    public const int Partitions = 4;

    private EventLogFixture(TestDatabase database)
    {
        Database = database;
        Transport = new PostgresEventTransport(database.DataSource);
    }

    public TestDatabase Database { get; }

    public PostgresEventTransport Transport { get; }

    public NpgsqlDataSource DataSource => Database.DataSource;

    public static async Task<EventLogFixture> CreateAsync()
    {
        var fixture = new EventLogFixture(await TestDatabase.CreateAsync(migrate: true));
        await fixture.Transport.EnsureTopicsAsync([new TopicDefinition(Topic, Partitions)]);
        await using var command = fixture.DataSource.CreateCommand("""
            CREATE TABLE effects (
                id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                group_name text NOT NULL, event_id uuid NOT NULL, key text NOT NULL, seq integer NOT NULL,
                partition integer NOT NULL, "offset" bigint NOT NULL, member text NOT NULL, replay boolean NOT NULL)
            """);
        await command.ExecuteNonQueryAsync();
        return fixture;
    }

    public static OutgoingEvent Event(string key, int seq)
        => new(Topic, key, "test.Order", Encoding.UTF8.GetBytes($"{key}:{seq}"));

    public static int SeqOf(ConsumedEvent message) => int.Parse(Encoding.UTF8.GetString(message.Payload.Span).Split(':')[1], System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Appends <paramref name="perKey"/> events for each of <paramref name="keys"/> keys, interleaved, in one transaction.</summary>
    public async Task<IReadOnlyList<EventPosition>> ProduceAsync(int keys, int perKey)
    {
        var events = new List<OutgoingEvent>();
        for (var seq = 0; seq < perKey; seq++)
        {
            for (var k = 0; k < keys; k++)
            {
                events.Add(Event($"P{k:D3}", seq));
            }
        }

        await using var connection = await DataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var positions = await Transport.Producer.AppendAsync(transaction, events);
        await transaction.CommitAsync();
        return positions;
    }

    public IEventConsumer Consumer(IEventHandler handler, string group = "g1", Action<EventConsumerOptionsBuilder>? configure = null, NpgsqlDataSource? dataSource = null)
    {
        var builder = new EventConsumerOptionsBuilder { GroupName = group };
        configure?.Invoke(builder);
        return new PostgresEventConsumer(dataSource ?? DataSource, builder.Build(), handler);
    }

    /// <summary>Polls until a round handles nothing; returns the total handled.</summary>
    public static async Task<int> DrainAsync(IEventConsumer consumer, int maxRounds = 100)
    {
        var total = 0;
        for (var round = 0; round < maxRounds; round++)
        {
            var handled = await consumer.PollOnceAsync();
            if (handled == 0)
            {
                return total;
            }

            total += handled;
        }

        throw new InvalidOperationException($"Still handling events after {maxRounds} rounds.");
    }

    public async Task<long> ScalarAsync(string sql)
    {
        await using var command = DataSource.CreateCommand(sql);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Every effect as (key, seq, replay) in the order written.</summary>
    public async Task<List<(string Key, int Seq, bool Replay, string Member)>> EffectsAsync(string group = "g1")
    {
        await using var command = DataSource.CreateCommand("SELECT key, seq, replay, member FROM effects WHERE group_name = @g ORDER BY id");
        command.Parameters.AddWithValue("g", group);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(string, int, bool, string)>();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetString(0), reader.GetInt32(1), reader.GetBoolean(2), reader.GetString(3)));
        }

        return rows;
    }

    public ValueTask DisposeAsync() => Database.DisposeAsync();
}

/// <summary>Mutable stand-in for the init-only options, for concise tests.</summary>
internal sealed class EventConsumerOptionsBuilder
{
    public required string GroupName { get; set; }

    public string MemberId { get; set; } = Guid.NewGuid().ToString("N");

    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(30);

    public int MaxAttempts { get; set; } = 5;

    public int BatchSize { get; set; } = 100;

    public int EventsPerTransaction { get; set; } = 1;

    public TimeSpan IdleDelay { get; set; } = TimeSpan.FromMilliseconds(20);

    public EventConsumerOptions Build() => new()
    {
        GroupName = GroupName,
        Topics = [EventLogFixture.Topic],
        MemberId = MemberId,
        LeaseDuration = LeaseDuration,
        MaxAttempts = MaxAttempts,
        BatchSize = BatchSize,
        EventsPerTransaction = EventsPerTransaction,
        IdleDelay = IdleDelay,
    };
}

using Npgsql;

namespace Lotus.Messaging;

/// <summary>
/// What a handler may use besides the event: the transaction that will also commit the consumer's
/// position, so effects written through it are applied exactly once.
/// </summary>
public sealed class EventHandlerContext
{
    internal EventHandlerContext(NpgsqlConnection connection, NpgsqlTransaction transaction, string groupName, int attempt, bool isReplay)
    {
        Connection = connection;
        Transaction = transaction;
        GroupName = groupName;
        Attempt = attempt;
        IsReplay = isReplay;
    }

    /// <summary>The connection of <see cref="Transaction"/>.</summary>
    public NpgsqlConnection Connection { get; }

    /// <summary>Write effects here: they commit together with the consumer position, or not at all.</summary>
    public NpgsqlTransaction Transaction { get; }

    /// <summary>The consumer group.</summary>
    public string GroupName { get; }

    /// <summary>1 for the first delivery; counts earlier failed attempts of this event in this group.</summary>
    public int Attempt { get; }

    /// <summary>True when this is a replay of a dead-lettered event.</summary>
    public bool IsReplay { get; }
}

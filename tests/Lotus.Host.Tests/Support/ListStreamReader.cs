using Lotus.Grpc;

namespace Lotus.Host.Tests.Support;

/// <summary>A client stream replayed from a sequence (produced lazily, so large loads stay lazy too).</summary>
public sealed class ListStreamReader<T>(IEnumerable<T> messages) : IAsyncStreamReader<T>
{
    private readonly IEnumerator<T> _enumerator = messages.GetEnumerator();

    public int ReadCount { get; private set; }

    public T Current => _enumerator.Current;

    public Task<bool> MoveNext(CancellationToken cancellationToken = default)
    {
        var moved = _enumerator.MoveNext();
        if (moved)
        {
            ReadCount++;
        }

        return Task.FromResult(moved);
    }
}

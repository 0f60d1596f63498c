using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Lotus.Grpc.Tests.Infrastructure;

/// <summary>One log record captured from the server.</summary>
public sealed record CapturedLog(string Category, LogLevel Level, EventId EventId, string Message, Exception? Exception);

/// <summary>
/// Captures every server log record so a test can fail on an unexpected error (grpc-dotnet's
/// VerifyNoErrorsScope habit); a test whitelists what it provokes with <see cref="ExpectError"/>.
/// </summary>
public sealed class LogCollector : ILoggerProvider
{
    private readonly ConcurrentQueue<CapturedLog> records = new();
    private readonly List<Func<CapturedLog, bool>> expected = [];

    public IReadOnlyCollection<CapturedLog> Records => records.ToArray();

    public void Reset()
    {
        records.Clear();
        lock (expected)
        {
            expected.Clear();
        }
    }

    public void ExpectError(Func<CapturedLog, bool> filter)
    {
        lock (expected)
        {
            expected.Add(filter);
        }
    }

    /// <summary>Errors and criticals no test declared.</summary>
    public IReadOnlyList<CapturedLog> UnexpectedErrors()
    {
        lock (expected)
        {
            return records.Where(r => r.Level >= LogLevel.Error && !expected.Any(f => f(r))).ToList();
        }
    }

    public ILogger CreateLogger(string categoryName) => new CollectingLogger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class CollectingLogger(LogCollector owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Debug;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            owner.records.Enqueue(new CapturedLog(category, logLevel, eventId, formatter(state, exception), exception));
    }
}

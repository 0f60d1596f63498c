using Lotus.Messaging;
using Microsoft.Extensions.Hosting;

namespace Lotus.Calculators;

/// <summary>
/// The calculator worker: <see cref="CalculatorOptions.Consumers"/> members of one consumer group on
/// <see cref="CalculatorTopics.PortfolioChanges"/>. Partition leases keep two members (of this or another
/// server process on the same database) from processing one portfolio at once.
/// </summary>
public sealed class CalculatorWorker : BackgroundService
{
    private readonly IEventTransport _transport;
    private readonly CalculatorOptions _options;
    private readonly PortfolioChangeHandler _handler;
    private readonly SemaphoreSlim _setup = new(1, 1);
    private List<IEventConsumer>? _consumers;

    public CalculatorWorker(IEventTransport transport, CalculatorOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(transport);
        _transport = transport;
        _options = options ?? new CalculatorOptions();
        _handler = new PortfolioChangeHandler(_options);
    }

    /// <summary>Called with errors the worker survives (database unavailable, ...).</summary>
    public event Action<Exception>? Error;

    /// <summary>
    /// Processes everything available now, round after round until a round finds nothing; returns the
    /// number of events handled. Deterministic for tests: no sleeping, no background work.
    /// </summary>
    public async Task<int> ProcessAvailableAsync(CancellationToken cancellationToken = default)
    {
        var consumers = await GetConsumersAsync(cancellationToken).ConfigureAwait(false);
        var total = 0;
        while (true)
        {
            var handled = await Task.WhenAll(consumers.Select(c => c.PollOnceAsync(cancellationToken))).ConfigureAwait(false);
            var round = handled.Sum();
            if (round == 0)
            {
                return total;
            }

            total += round;
        }
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var consumers = await GetConsumersAsync(stoppingToken).ConfigureAwait(false);
        await Task.WhenAll(consumers.Select(c => c.RunAsync(stoppingToken))).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        await LeaveAsync().ConfigureAwait(false);
    }

    /// <summary>Leaves the consumer group (partitions go to the other members at once).</summary>
    public async Task LeaveAsync()
    {
        var consumers = _consumers;
        _consumers = null;
        if (consumers is null)
        {
            return;
        }

        foreach (var c in consumers)
        {
            await c.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public override void Dispose()
    {
        base.Dispose();
        _setup.Dispose();
    }

    private async Task<List<IEventConsumer>> GetConsumersAsync(CancellationToken cancellationToken)
    {
        await _setup.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_consumers is not null)
            {
                return _consumers;
            }

            var topic = new TopicDefinition(CalculatorTopics.PortfolioChanges.Name, _options.Partitions);
            await _transport.EnsureTopicsAsync([topic], cancellationToken).ConfigureAwait(false);
            var consumers = new List<IEventConsumer>();
            for (var i = 0; i < _options.Consumers; i++)
            {
                consumers.Add(_transport.CreateConsumer(
                    new EventConsumerOptions
                    {
                        GroupName = _options.GroupName,
                        Topics = [topic.Name],
                        MemberId = _options.MemberId + "#" + i.ToString(System.Globalization.CultureInfo.InvariantCulture),
                        BatchSize = _options.BatchSize,
                        EventsPerTransaction = _options.BatchSize,
                        IdleDelay = _options.PollInterval,
                        MaxAttempts = _options.MaxAttempts,
                        LeaseDuration = _options.LeaseDuration,
                        OnError = ex => Error?.Invoke(ex),
                    },
                    _handler));
            }

            _consumers = consumers;
            return consumers;
        }
        finally
        {
            _setup.Release();
        }
    }
}

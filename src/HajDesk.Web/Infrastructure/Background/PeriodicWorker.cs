namespace HajDesk.Web.Infrastructure.Background;

/// <summary>
/// The one shape of background work (the outbox and webhook dispatchers, escalation, retention, absences, the report
/// summary, cleaning, the gauges, the start-up backfills): a round in a scope of its own every <see cref="Interval"/>
/// on the app's <see cref="TimeProvider"/>, switched by the feature's options, one log line per failed round and the
/// next round carrying on, and <see cref="RunOnceAsync"/> for tests and callers that will not wait.
/// </summary>
/// <typeparam name="TRound">What one round did (a count, or a record of counts).</typeparam>
/// <remarks>
/// Stopping (SIGTERM) cancels the round in progress and the wait; a round cut short leaves its work for the next
/// round on any node — every worker's round is safe to run on several nodes at once.
/// </remarks>
public abstract class PeriodicWorker<TRound>(IServiceScopeFactory scopes, TimeProvider time, ILogger logger) : BackgroundService
{
    /// <summary>The app's clock, for the rounds.</summary>
    protected TimeProvider Time => time;

    /// <summary>For a worker's own entry points beside <see cref="RunOnceAsync"/> (tests' handles on one part of a round).</summary>
    protected IServiceScopeFactory Scopes => scopes;

    /// <summary>The worker's logger, for what a round says when it did something.</summary>
    protected ILogger Logger => logger;

    /// <summary>Whether this process runs the rounds at all (the feature's switch); read once, at start.</summary>
    protected virtual bool Enabled => true;

    /// <summary>
    /// The wait after a round, read after each one; null: a single round after start-up (a backfill), retried at the
    /// next start if it failed.
    /// </summary>
    protected abstract TimeSpan? Interval { get; }

    /// <summary>Waited before the first round, so that start-up work goes first; none by default.</summary>
    protected virtual TimeSpan FirstDelay => TimeSpan.Zero;

    /// <summary>One round, with the services of a scope of its own.</summary>
    protected abstract Task<TRound> RoundAsync(IServiceProvider services, CancellationToken cancellationToken);

    /// <summary>After a round that did not fail: its log line, if any; true starts the next round at once (a full batch).</summary>
    protected virtual bool AfterRound(TRound round) => false;

    /// <summary>The wait between rounds; a dispatcher overrides it to wake early on its signal.</summary>
    protected virtual Task WaitAsync(TimeSpan interval, CancellationToken cancellationToken) => Task.Delay(interval, time, cancellationToken);

    /// <summary>One round now, in a scope of its own: what the loop runs, and what tests call instead of waiting.</summary>
    public async Task<TRound> RunOnceAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await RoundAsync(scope.ServiceProvider, cancellationToken);
    }

    protected sealed override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var name = GetType().Name;
        if (!Enabled)
        {
            PeriodicWorkerLog.Off(logger, name);
            return;
        }

        try
        {
            // Let the host finish starting before the first database round trip.
            if (FirstDelay > TimeSpan.Zero)
            {
                await Task.Delay(FirstDelay, time, stoppingToken);
            }
            else
            {
                await Task.Yield();
            }

            while (!stoppingToken.IsCancellationRequested)
            {
                var again = false;
                try
                {
                    again = AfterRound(await RunOnceAsync(stoppingToken));
                }
                catch (Exception exception) when (!stoppingToken.IsCancellationRequested && exception is not OutOfMemoryException)
                {
                    PeriodicWorkerLog.Failed(logger, exception, name);
                }

                if (Interval is not { } interval)
                {
                    return;
                }

                if (!again)
                {
                    await WaitAsync(interval, stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: the next round, on this node or another, carries on.
        }
    }
}

/// <summary>The log lines every <see cref="PeriodicWorker{TRound}"/> shares.</summary>
internal static partial class PeriodicWorkerLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "{Worker} is off in this process (its Enabled setting)")]
    public static partial void Off(ILogger logger, string worker);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Worker}: a round failed; the next round carries on")]
    public static partial void Failed(ILogger logger, Exception exception, string worker);
}

using HajDesk.Core.Retention;
using HajDesk.Web.Infrastructure.Background;
using Microsoft.Extensions.Options;

namespace HajDesk.Web.Retention;

/// <summary>
/// Runs the retention policy every <c>Retention:PollMinutes</c> on every node that has <c>Retention:Enabled</c>: all
/// requests due, in batches of <c>Retention:BatchSize</c> (<see cref="RetentionService.RunAsync"/>). Nothing happens
/// while the administrators have not set a period. A process stopped mid-run leaves whole batches only; the next run
/// (on any node) carries on.
/// </summary>
public sealed partial class RetentionWorker(IServiceScopeFactory scopes, TimeProvider time, IOptions<RetentionOptions> options,
    ILogger<RetentionWorker> logger) : PeriodicWorker<RetentionRunResult>(scopes, time, logger)
{
    protected override bool Enabled => options.Value.Enabled;

    protected override TimeSpan? Interval => TimeSpan.FromMinutes(options.Value.PollMinutes);

    protected override Task<RetentionRunResult> RoundAsync(IServiceProvider services, CancellationToken cancellationToken) =>
        services.GetRequiredService<RetentionService>().RunAsync(RetentionActor.System, options.Value.BatchSize, cancellationToken: cancellationToken);

    protected override bool AfterRound(RetentionRunResult round)
    {
        if (round.Requests > 0)
        {
            LogRun(Logger, round.Requests, round.Files);
        }

        return false;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention: {Requests} closed requests anonymised, {Files} files deleted")]
    private static partial void LogRun(ILogger logger, int requests, int files);
}

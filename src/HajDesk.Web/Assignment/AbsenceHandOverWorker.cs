using HajDesk.Web.Infrastructure.Background;
using Microsoft.Extensions.Options;

namespace HajDesk.Web.Assignment;

/// <summary>
/// Every <c>Assignment:HandOverPollMinutes</c>: absences that have begun are handed over
/// (<see cref="AbsenceWork.HandOverDueAsync"/>). Each absence is claimed by its version, so with several nodes it is
/// handed over once.
/// </summary>
public sealed partial class AbsenceHandOverWorker(IServiceScopeFactory scopes, TimeProvider time, IOptions<AssignmentOptions> options,
    ILogger<AbsenceHandOverWorker> logger) : PeriodicWorker<int>(scopes, time, logger)
{
    protected override bool Enabled => options.Value.HandOverEnabled;

    protected override TimeSpan? Interval => TimeSpan.FromMinutes(options.Value.HandOverPollMinutes);

    protected override Task<int> RoundAsync(IServiceProvider services, CancellationToken cancellationToken) =>
        services.GetRequiredService<AbsenceWork>().HandOverDueAsync(cancellationToken);

    protected override bool AfterRound(int moved)
    {
        if (moved > 0)
        {
            LogRun(Logger, moved);
        }

        return false;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Absences: {Requests} requests handed over")]
    private static partial void LogRun(ILogger logger, int requests);
}

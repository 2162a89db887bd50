using Microsoft.Extensions.Options;

namespace HajDesk.Web.Assignment;

/// <summary>
/// Every <c>Assignment:HandOverPollMinutes</c>: absences that have begun are handed over
/// (<see cref="AbsenceWork.HandOverDueAsync"/>). Each absence is claimed by its version, so with several nodes it is
/// handed over once.
/// </summary>
public sealed partial class AbsenceHandOverWorker(IServiceScopeFactory scopes, TimeProvider time, IOptions<AssignmentOptions> options,
    ILogger<AbsenceHandOverWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.HandOverEnabled)
        {
            return;
        }

        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var moved = await scope.ServiceProvider.GetRequiredService<AbsenceWork>().HandOverDueAsync(stoppingToken);
                if (moved > 0)
                {
                    LogRun(moved);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                LogFailed(e);
            }

            try
            {
                await Task.Delay(TimeSpan.FromMinutes(options.Value.HandOverPollMinutes), time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Absences: {Requests} requests handed over")]
    private partial void LogRun(int requests);

    [LoggerMessage(Level = LogLevel.Error, Message = "Absence hand-over failed; the next round carries on")]
    private partial void LogFailed(Exception exception);
}

using HajDesk.Core.Retention;
using Microsoft.Extensions.Options;

namespace HajDesk.Web.Retention;

/// <summary>
/// Runs the retention policy every <c>Retention:PollMinutes</c> on every node that has <c>Retention:Enabled</c>: all
/// requests due, in batches of <c>Retention:BatchSize</c> (<see cref="RetentionService.RunAsync"/>). Nothing happens
/// while the administrators have not set a period. A process stopped mid-run leaves whole batches only; the next run
/// (on any node) carries on.
/// </summary>
public sealed partial class RetentionWorker(IServiceScopeFactory scopes, TimeProvider time, IOptions<RetentionOptions> options,
    ILogger<RetentionWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }

        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var result = await scope.ServiceProvider.GetRequiredService<RetentionService>()
                    .RunAsync(RetentionActor.System, options.Value.BatchSize, cancellationToken: stoppingToken);
                if (result.Requests > 0)
                {
                    LogRun(result.Requests, result.Files);
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
                await Task.Delay(TimeSpan.FromMinutes(options.Value.PollMinutes), time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention: {Requests} closed requests anonymised, {Files} files deleted")]
    private partial void LogRun(int requests, int files);

    [LoggerMessage(Level = LogLevel.Error, Message = "Retention run failed; the next run carries on")]
    private partial void LogFailed(Exception exception);
}

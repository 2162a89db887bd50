using HajDesk.Core.Data;
using HajDesk.Core.Reports;

namespace HajDesk.Web.Reports;

/// <summary>
/// Runs <see cref="FirstAnswerBackfill"/> once after start-up, in the background: requests answered before the
/// report columns existed get their working-day count. Idempotent, so every node may run it; a failure is logged and
/// retried at the next start (the figures then leave those requests out of the percentiles).
/// </summary>
public sealed partial class FirstAnswerBackfillService(IServiceScopeFactory scopes, ILogger<FirstAnswerBackfillService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<HajDeskDbContext>();
            var filled = await FirstAnswerBackfill.RunAsync(db, cancellationToken: stoppingToken);
            if (filled > 0)
            {
                LogFilled(filled);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: the next start carries on.
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            LogFailed(exception);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Counted the working days to the first answer of {Count} earlier requests.")]
    private partial void LogFilled(int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Counting the working days to earlier first answers failed; retried at the next start.")]
    private partial void LogFailed(Exception exception);
}

using HajDesk.Core.Data;
using HajDesk.Core.Requests;

namespace HajDesk.Web.Staff;

/// <summary>
/// Runs <see cref="SearchKeyBackfill"/> once after start-up, in the background: requests, answers and internal
/// notes written before the search-key columns existed get their keys (until then a search by words misses them).
/// Idempotent, so every node may run it; a failure is logged and retried at the next start.
/// </summary>
public sealed partial class SearchKeyBackfillService(IServiceScopeFactory scopes, ILogger<SearchKeyBackfillService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<HajDeskDbContext>();
            var filled = await SearchKeyBackfill.RunAsync(db, cancellationToken: stoppingToken);
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Wrote the search keys of {Count} earlier requests and timeline entries.")]
    private partial void LogFilled(int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Writing the search keys of earlier requests failed; retried at the next start.")]
    private partial void LogFailed(Exception exception);
}

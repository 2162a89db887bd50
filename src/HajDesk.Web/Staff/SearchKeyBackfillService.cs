using HajDesk.Core.Data;
using HajDesk.Core.Requests;
using HajDesk.Web.Infrastructure.Background;

namespace HajDesk.Web.Staff;

/// <summary>
/// Runs <see cref="SearchKeyBackfill"/> once after start-up, in the background: requests, answers and internal
/// notes written before the search-key columns existed get their keys (until then a search by words misses them).
/// Idempotent, so every node may run it; a failure is logged and retried at the next start.
/// </summary>
public sealed partial class SearchKeyBackfillService(IServiceScopeFactory scopes, TimeProvider time, ILogger<SearchKeyBackfillService> logger)
    : PeriodicWorker<int>(scopes, time, logger)
{
    protected override TimeSpan? Interval => null;

    protected override Task<int> RoundAsync(IServiceProvider services, CancellationToken cancellationToken) =>
        SearchKeyBackfill.RunAsync(services.GetRequiredService<HajDeskDbContext>(), cancellationToken: cancellationToken);

    protected override bool AfterRound(int filled)
    {
        if (filled > 0)
        {
            LogFilled(Logger, filled);
        }

        return false;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Wrote the search keys of {Count} earlier requests and timeline entries.")]
    private static partial void LogFilled(ILogger logger, int count);
}

using HajDesk.Core.Data;
using HajDesk.Core.Reports;
using HajDesk.Web.Infrastructure.Background;

namespace HajDesk.Web.Reports;

/// <summary>
/// Runs <see cref="FirstAnswerBackfill"/> once after start-up, in the background: requests answered before the
/// report columns existed get their working-day count. Idempotent, so every node may run it; a failure is logged and
/// retried at the next start (the figures then leave those requests out of the percentiles).
/// </summary>
public sealed partial class FirstAnswerBackfillService(IServiceScopeFactory scopes, TimeProvider time, ILogger<FirstAnswerBackfillService> logger)
    : PeriodicWorker<int>(scopes, time, logger)
{
    protected override TimeSpan? Interval => null;

    protected override Task<int> RoundAsync(IServiceProvider services, CancellationToken cancellationToken) =>
        FirstAnswerBackfill.RunAsync(services.GetRequiredService<HajDeskDbContext>(), cancellationToken: cancellationToken);

    protected override bool AfterRound(int filled)
    {
        if (filled > 0)
        {
            LogFilled(Logger, filled);
        }

        return false;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Counted the working days to the first answer of {Count} earlier requests.")]
    private static partial void LogFilled(ILogger logger, int count);
}

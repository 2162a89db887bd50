using HajDesk.Core.Data;
using HajDesk.Core.Reports;
using HajDesk.Web.Infrastructure.Background;

namespace HajDesk.Web.Reports;

/// <summary>
/// Keeps the report summary (decision 0006) current: a round every <c>Reports:SummaryInterval</c> (default one
/// minute; <c>00:00:00</c> turns it off) summarises the finished months that are new or changed since. Every node
/// runs it; the months are locked one at a time, so two nodes never summarise the same month at once. Reports never
/// wait for it: until a changed month is summarised again (a failed round included) they count it live.
/// </summary>
public sealed partial class ReportSummaryService(
    IServiceScopeFactory scopes, IConfiguration configuration, TimeProvider time, ILogger<ReportSummaryService> logger)
    : PeriodicWorker<int>(scopes, time, logger)
{
    private TimeSpan Every => configuration.GetValue<TimeSpan?>("Reports:SummaryInterval") ?? TimeSpan.FromMinutes(1);

    protected override bool Enabled => Every > TimeSpan.Zero;

    protected override TimeSpan? Interval => Every;

    /// <summary>Start-up first: migrations and the other start-up work go before.</summary>
    protected override TimeSpan FirstDelay => TimeSpan.FromSeconds(5);

    protected override Task<int> RoundAsync(IServiceProvider services, CancellationToken cancellationToken) =>
        ReportSummary.RefreshAsync(services.GetRequiredService<HajDeskDbContext>(), Time.GetUtcNow().UtcDateTime, cancellationToken);

    protected override bool AfterRound(int months)
    {
        if (months > 0)
        {
            LogSummarised(Logger, months);
        }

        return false;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Report summary: summarised {Count} months.")]
    private static partial void LogSummarised(ILogger logger, int count);
}

using HajDesk.Core.Data;
using HajDesk.Core.Reports;

namespace HajDesk.Web.Reports;

/// <summary>
/// Keeps the report summary (decision 0006) current: a round every <c>Reports:SummaryInterval</c> (default one
/// minute; <c>00:00:00</c> turns it off) summarises the finished months that are new or changed since. Every node
/// runs it; the months are locked one at a time, so two nodes never summarise the same month at once. Reports never
/// wait for it: until a changed month is summarised again they count it live.
/// </summary>
public sealed partial class ReportSummaryService(
    IServiceScopeFactory scopes, IConfiguration configuration, TimeProvider time, ILogger<ReportSummaryService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = configuration.GetValue<TimeSpan?>("Reports:SummaryInterval") ?? TimeSpan.FromMinutes(1);
        if (interval <= TimeSpan.Zero)
        {
            return;
        }

        try
        {
            // Start-up first: migrations and the other start-up work go before.
            await Task.Delay(TimeSpan.FromSeconds(5), time, stoppingToken);
            while (!stoppingToken.IsCancellationRequested)
            {
                await RoundAsync(stoppingToken);
                await Task.Delay(interval, time, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: the next start carries on.
        }
    }

    private async Task RoundAsync(CancellationToken stoppingToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<HajDeskDbContext>();
            var months = await ReportSummary.RefreshAsync(db, time.GetUtcNow().UtcDateTime, stoppingToken);
            if (months > 0)
            {
                LogSummarised(months);
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException and not OutOfMemoryException)
        {
            LogFailed(exception);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Report summary: summarised {Count} months.")]
    private partial void LogSummarised(int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Report summary round failed; the changed months are counted live until the next round.")]
    private partial void LogFailed(Exception exception);
}

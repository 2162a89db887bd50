using HajDesk.Core.Data;
using HajDesk.Core.Notifications;
using HajDesk.Core.Requests;
using Microsoft.EntityFrameworkCore;

namespace HajDesk.Web.Operations;

/// <summary>
/// Refreshes <see cref="DeskGauges"/> in the background, so that a scrape never waits for the database: the outbox
/// every 15 seconds (two indexed aggregates), the overdue count at most once a minute.
/// </summary>
public sealed class DeskGaugeSampler(IServiceScopeFactory scopes, DeskGauges gauges, TimeProvider time, ILogger<DeskGaugeSampler> logger)
    : BackgroundService
{
    public static readonly TimeSpan OutboxInterval = TimeSpan.FromSeconds(15);
    public static readonly TimeSpan OverdueInterval = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var overdueSampledAt = DateTimeOffset.MinValue;
        using var timer = new PeriodicTimer(OutboxInterval, time);
        do
        {
            try
            {
                var now = time.GetUtcNow();
                var withOverdue = now - overdueSampledAt >= OverdueInterval;
                await SampleAsync(now.UtcDateTime, withOverdue, stoppingToken);
                if (withOverdue)
                {
                    overdueSampledAt = now;
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The database is away: the gauges keep their last values and the next round tries again.
                logger.LogWarning(e, "The metrics gauges could not be refreshed");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>Reads the gauges' values now; public so tests need not wait for the timer.</summary>
    public async Task SampleAsync(DateTime now, bool withOverdue, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HajDeskDbContext>();
        var pending = db.OutboxMessages.Where(m => m.Status == OutboxStatus.Pending);
        var count = await pending.LongCountAsync(cancellationToken);
        var oldest = count == 0 ? (DateTime?)null : await pending.MinAsync(m => (DateTime?)m.CreatedAt, cancellationToken);
        gauges.SetOutbox(count, oldest is { } created ? Math.Max(0, (now - created).TotalSeconds) : 0);
        if (withOverdue)
        {
            gauges.SetOverdue(await db.Requests.LongCountAsync(RequestRules.OverdueAt(now), cancellationToken));
        }
    }
}

using HajDesk.Core.Data;
using HajDesk.Core.Notifications;
using HajDesk.Core.Requests;
using HajDesk.Web.Infrastructure.Background;
using Microsoft.EntityFrameworkCore;

namespace HajDesk.Web.Operations;

/// <summary>
/// Refreshes <see cref="DeskGauges"/> in the background, so that a scrape never waits for the database: the outbox
/// every 15 seconds (two indexed aggregates), the overdue count at most once a minute. When the database is away the
/// gauges keep their last values and the next round tries again.
/// </summary>
public sealed class DeskGaugeSampler(IServiceScopeFactory scopes, DeskGauges gauges, TimeProvider time, ILogger<DeskGaugeSampler> logger)
    : PeriodicWorker<bool>(scopes, time, logger)
{
    public static readonly TimeSpan OutboxInterval = TimeSpan.FromSeconds(15);
    public static readonly TimeSpan OverdueInterval = TimeSpan.FromMinutes(1);

    private DateTimeOffset overdueSampledAt = DateTimeOffset.MinValue;

    protected override TimeSpan? Interval => OutboxInterval;

    /// <summary>Reads the gauges' values now; public so tests need not wait for the timer.</summary>
    public async Task SampleAsync(DateTime now, bool withOverdue, CancellationToken cancellationToken)
    {
        await using var scope = Scopes.CreateAsyncScope();
        await SampleAsync(scope.ServiceProvider.GetRequiredService<HajDeskDbContext>(), now, withOverdue, cancellationToken);
    }

    /// <summary>A round: the outbox, and the overdue count when a minute has passed since it was last read.</summary>
    protected override async Task<bool> RoundAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var now = Time.GetUtcNow();
        var withOverdue = now - overdueSampledAt >= OverdueInterval;
        await SampleAsync(services.GetRequiredService<HajDeskDbContext>(), now.UtcDateTime, withOverdue, cancellationToken);
        if (withOverdue)
        {
            overdueSampledAt = now;
        }

        return withOverdue;
    }

    private async Task SampleAsync(HajDeskDbContext db, DateTime now, bool withOverdue, CancellationToken cancellationToken)
    {
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

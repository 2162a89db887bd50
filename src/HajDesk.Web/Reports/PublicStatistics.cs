using HajDesk.Core.Calendar;
using HajDesk.Core.Persian;
using HajDesk.Core.Reports;

namespace HajDesk.Web.Reports;

/// <summary>
/// The figures of the public page «آمار میز خدمت», computed once a day per node and kept in memory until the next
/// Tehran midnight (no table, no background job: a few grouped queries a day). Only counts, rates and averages of
/// every province — no request, name or code — so nothing personal can leak from it.
/// </summary>
public sealed class PublicStatistics(IServiceScopeFactory scopes, TimeProvider time) : IDisposable
{
    /// <summary>How many Jalali months the monthly table shows, the current one included.</summary>
    public const int Months = 12;

    private readonly SemaphoreSlim computing = new(1, 1);
    private volatile PublicStatisticsSnapshot? current;

    /// <summary>Today's figures; the first reader of the day computes them, the others wait for that one.</summary>
    public async Task<PublicStatisticsSnapshot> GetAsync(CancellationToken cancellationToken = default)
    {
        var today = JalaliDate.TodayInTehran(time);
        if (current is { } fresh && fresh.Day == today)
        {
            return fresh;
        }

        await computing.WaitAsync(cancellationToken);
        try
        {
            if (current is { } again && again.Day == today)
            {
                return again;
            }

            current = await ComputeAsync(today, cancellationToken);
            return current;
        }
        finally
        {
            computing.Release();
        }
    }

    public void Dispose() => computing.Dispose();

    private async Task<PublicStatisticsSnapshot> ComputeAsync(DateOnly today, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var reports = scope.ServiceProvider.GetRequiredService<ReportQueries>();
        var thisMonth = JalaliMonth.Of(today);
        var first = thisMonth;
        for (var i = 1; i < Months; i++)
        {
            first = first.Previous();
        }

        // The last twelve months up to the end of yesterday: today's figures would change all day long.
        var range = new JalaliDateRange(first.StartUtc, WorkingCalendar.EndOfDayUtc(today.AddDays(-1)).AddSeconds(1));
        var filter = new ReportFilter(range, null, null, null, ReportFilter.Everything);
        var byMonth = await reports.ComputeAsync(filter, ReportGrouping.Month, cancellationToken);
        var byProvince = await reports.ComputeAsync(filter, ReportGrouping.Province, cancellationToken);
        return new PublicStatisticsSnapshot(today, first, thisMonth, byMonth, byProvince);
    }
}

/// <summary>One day's public figures.</summary>
/// <param name="Day">The Tehran day they were computed on (they cover up to the day before).</param>
/// <param name="FirstMonth">The first month counted.</param>
/// <param name="LastMonth">The last month counted (the current one, up to yesterday).</param>
/// <param name="ByMonth">Received and answered per Jalali month, and the total.</param>
/// <param name="ByProvince">Median working days and on-time percentage per province.</param>
public sealed record PublicStatisticsSnapshot(DateOnly Day, JalaliMonth FirstMonth, JalaliMonth LastMonth, Report ByMonth, Report ByProvince);

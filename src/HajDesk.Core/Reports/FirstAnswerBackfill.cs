using HajDesk.Core.Calendar;
using HajDesk.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace HajDesk.Core.Reports;

/// <summary>
/// Counts <see cref="Requests.ServiceRequest.FirstAnswerWorkingDays"/> for requests first answered before the column
/// existed (the migration <c>ReportFigures</c> filled the first answer's instant from the timeline but cannot count
/// working days in SQL). Runs at start-up; once every row is counted it costs one indexed query.
/// </summary>
public static class FirstAnswerBackfill
{
    /// <summary>Counts the missing rows, <paramref name="batchSize"/> at a time; returns how many were filled.</summary>
    public static async Task<int> RunAsync(HajDeskDbContext db, int batchSize = 1000, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        WorkingCalendar? calendar = null;
        var filled = 0;
        while (true)
        {
            var batch = await db.Requests.AsNoTracking()
                .Where(r => r.FirstAnsweredAt != null && r.FirstAnswerWorkingDays == null)
                .OrderBy(r => r.Id).Take(batchSize)
                .Select(r => new { r.Id, r.CreatedAt, r.FirstAnsweredAt, r.WaitedWorkingDays })
                .ToListAsync(cancellationToken);
            if (batch.Count == 0)
            {
                return filled;
            }

            // The whole calendar, not the year the deadline clock keeps: old answers are counted with old holidays.
            calendar ??= new WorkingCalendar(
                await db.CalendarSettings.AsNoTracking().Select(s => s.ThursdayIsWorkingDay).FirstOrDefaultAsync(cancellationToken),
                await db.Holidays.AsNoTracking().Select(h => h.Date).ToListAsync(cancellationToken));
            var byDays = batch.GroupBy(
                r => Requests.ServiceRequest.WorkingDaysToAnswer(calendar, r.CreatedAt, r.FirstAnsweredAt!.Value, r.WaitedWorkingDays),
                r => r.Id);

            // Outside the request's version, like the deadline recalculation: no open form turns stale.
            foreach (var group in byDays)
            {
                var ids = group.ToList();
                filled += await db.Requests.Where(r => ids.Contains(r.Id) && r.FirstAnswerWorkingDays == null)
                    .ExecuteUpdateAsync(s => s.SetProperty(r => r.FirstAnswerWorkingDays, group.Key), cancellationToken);
            }

            // The histograms of those months changed: the report summary counts them live until summarised again.
            await ReportSummary.MarkMonthsAsync(db, batch.Select(r => r.CreatedAt), cancellationToken);
        }
    }
}

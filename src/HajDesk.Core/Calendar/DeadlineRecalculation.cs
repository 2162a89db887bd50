using HajDesk.Core.Data;
using HajDesk.Core.Requests;
using Microsoft.EntityFrameworkCore;

namespace HajDesk.Core.Calendar;

/// <summary>
/// After a calendar change, moves the due date of every open request that the new calendar gives more time — and
/// never one to an earlier date: a promise the citizen was given is kept even when a holiday is deleted or Thursday
/// becomes a working day (those shorten only the deadlines of requests sent afterwards).
/// </summary>
/// <remarks>
/// Each request is updated with its own <c>UPDATE … WHERE Id = @id AND DueAt &lt; @due</c>, outside the request's
/// version: no staff member's open form turns stale because of the calendar, and a concurrent push (a citizen's
/// reply) is never undone, because the condition only ever moves the date later.
/// </remarks>
public static class DeadlineRecalculation
{
    private const int BatchSize = 500;

    /// <summary>Moves open requests' due dates later where <paramref name="calendar"/> says so; returns how many moved.</summary>
    public static async Task<int> ApplyAsync(HajDeskDbContext db, WorkingCalendar calendar, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(calendar);
        var moved = 0;
        long after = 0;
        while (true)
        {
            var batch = await db.Requests.AsNoTracking()
                .Where(RequestRules.IsOpen)
                .Where(r => r.Id > after)
                .OrderBy(r => r.Id)
                .Select(r => new { r.Id, r.CreatedAt, r.ResponseDays, r.WaitedWorkingDays, r.DueAt })
                .Take(BatchSize)
                .ToListAsync(cancellationToken);
            if (batch.Count == 0)
            {
                return moved;
            }

            after = batch[^1].Id;
            var movedAt = new List<DateTime>();
            foreach (var r in batch)
            {
                var due = Later(r.DueAt, calendar.AddWorkingDays(r.CreatedAt, r.ResponseDays + r.WaitedWorkingDays));
                if (due != r.DueAt)
                {
                    var id = r.Id;
                    var count = await db.Requests.Where(x => x.Id == id && x.DueAt < due)
                        .ExecuteUpdateAsync(s => s.SetProperty(x => x.DueAt, due), cancellationToken);
                    moved += count;
                    if (count > 0)
                    {
                        movedAt.Add(r.CreatedAt);
                    }
                }
            }

            // The overdue counts of those months changed: the report summary counts them live until summarised again.
            await Reports.ReportSummary.MarkMonthsAsync(db, movedAt, cancellationToken);
        }
    }

    /// <summary>The rule in one place: the recomputed date when it is later, else the date already promised.</summary>
    public static DateTime Later(DateTime promised, DateTime recomputed) => recomputed > promised ? recomputed : promised;
}

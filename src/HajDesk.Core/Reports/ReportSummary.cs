using HajDesk.Core.Data;
using HajDesk.Core.Requests;
using Microsoft.EntityFrameworkCore;

namespace HajDesk.Core.Reports;

/// <summary>
/// The report summary (decision 0006): per Jalali month of receipt, province, main subject, channel and first-answering
/// staff member, the figures of <see cref="ReportFigures"/> (<see cref="ReportSummaryRow"/>). Every change of a
/// request writes a <see cref="ReportSummaryChange"/> of its month in the same transaction (<see cref="MarkChanges"/>);
/// <see cref="RefreshAsync"/> (a background round on every node) summarises the finished months that are new or
/// changed; <see cref="ReportQueries"/> reads the summarised months that have no change since and counts the rest
/// live (the current month, changed months, the partial months at the ends of a date range), so a report always
/// equals a direct count of the rows.
/// </summary>
public static class ReportSummary
{
    /// <summary>How long before the refresh instant the overdue count is fixed (a margin for nodes' clocks).</summary>
    public static readonly TimeSpan OverdueMargin = TimeSpan.FromDays(1);

    /// <summary>
    /// Adds a <see cref="ReportSummaryChange"/> for the month of every request added, changed or deleted in
    /// <paramref name="db"/>'s change tracker: called by <c>SaveChanges</c>, so it is saved in the same transaction.
    /// </summary>
    public static void MarkChanges(HajDeskDbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        HashSet<int>? months = null;
        foreach (var entry in db.ChangeTracker.Entries<ServiceRequest>())
        {
            if (entry.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
            {
                months ??= [];
                AddMonth(months, entry.Entity.CreatedAt);
                if (entry.State is EntityState.Modified)
                {
                    AddMonth(months, entry.Property(r => r.CreatedAt).OriginalValue);
                }
            }
        }

        // A survey answered changes the figures of its request's month (the request itself is not saved then).
        var surveyed = db.ChangeTracker.Entries<Surveys.SurveyInvitation>()
            .Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
            .Select(e => e.Entity.RequestId).Distinct().ToList();
        if (surveyed.Count > 0)
        {
            months ??= [];
            var tracked = db.ChangeTracker.Entries<ServiceRequest>().Where(e => surveyed.Contains(e.Entity.Id)).ToList();
            foreach (var entry in tracked)
            {
                AddMonth(months, entry.Entity.CreatedAt);
            }

            var others = surveyed.Except(tracked.Select(e => e.Entity.Id)).ToList();
            if (others.Count > 0)
            {
                foreach (var createdAt in db.Requests.AsNoTracking().Where(r => others.Contains(r.Id)).Select(r => r.CreatedAt).ToList())
                {
                    AddMonth(months, createdAt);
                }
            }
        }

        foreach (var month in months ?? [])
        {
            db.ReportSummaryChanges.Add(new ReportSummaryChange { Month = month });
        }
    }

    /// <summary>
    /// Marks the months of requests received at <paramref name="createdAt"/> as changed, for the writers that bypass
    /// the change tracker (<c>ExecuteUpdate</c>); to be called after their update.
    /// </summary>
    public static async Task MarkMonthsAsync(HajDeskDbContext db, IEnumerable<DateTime> createdAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(createdAt);
        var months = new HashSet<int>();
        foreach (var instant in createdAt)
        {
            AddMonth(months, instant);
        }

        if (months.Count == 0)
        {
            return;
        }

        var added = months.Select(m => new ReportSummaryChange { Month = m }).ToList();
        db.ReportSummaryChanges.AddRange(added);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        finally
        {
            foreach (var change in added)
            {
                db.Entry(change).State = EntityState.Detached;
            }
        }
    }

    /// <summary>
    /// Summarises every finished month (before the month of <paramref name="now"/>) that was never summarised or has
    /// changed since; returns how many months it summarised. Safe on several nodes at once.
    /// </summary>
    public static async Task<int> RefreshAsync(HajDeskDbContext db, DateTime now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var current = JalaliMonth.OfInstant(now).Number;
        var first = await db.Requests.AsNoTracking().MinAsync(r => (DateTime?)r.CreatedAt, cancellationToken);
        if (first is null)
        {
            return 0;
        }

        var summarised = (await db.ReportSummaryMonths.AsNoTracking().Select(m => m.Month).ToListAsync(cancellationToken)).ToHashSet();
        var changed = await db.ReportSummaryChanges.AsNoTracking().Where(c => c.Month < current)
            .Select(c => c.Month).Distinct().ToListAsync(cancellationToken);
        var due = JalaliMonth.Range(JalaliMonth.OfInstant(first.Value), JalaliMonth.FromNumber(current).Previous())
            .Where(m => !summarised.Contains(m.Number))
            .Select(m => m.Number)
            .Concat(changed)
            .Distinct()
            .Order()
            .ToList();
        var done = 0;
        foreach (var month in due)
        {
            if (await SummariseAsync(db, JalaliMonth.FromNumber(month), now, cancellationToken))
            {
                done++;
            }
        }

        return done;
    }

    /// <summary>
    /// Summarises <paramref name="month"/> again from the live rows, in one transaction: its rows replaced, the changes
    /// seen at the start removed (a change committed meanwhile stays, and the month stays live for reports until the
    /// next round). On PostgreSQL an advisory lock per month keeps two nodes from summarising it at once.
    /// </summary>
    public static async Task<bool> SummariseAsync(HajDeskDbContext db, JalaliMonth month, DateTime now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var number = month.Number;
        var (start, end) = (month.StartUtc, month.Next().StartUtc);
        var cutoff = now - OverdueMargin;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (db.Database.ProviderName != "Microsoft.EntityFrameworkCore.Sqlite")
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(6006, {number})", cancellationToken);
        }

        // Under the lock: another node may have summarised the month meanwhile.
        var changes = await db.ReportSummaryChanges.AsNoTracking().Where(c => c.Month == number).Select(c => c.Id).ToListAsync(cancellationToken);
        if (changes.Count == 0 && await db.ReportSummaryMonths.AnyAsync(m => m.Month == number, cancellationToken))
        {
            return false;
        }

        // A duplicate merged into another request is counted once, as the survivor (RequestRules.Counted), as live reads do.
        var requests = db.Requests.AsNoTracking().Where(RequestRules.Counted).Where(r => r.CreatedAt >= start && r.CreatedAt < end);
        var counts = await requests
            .GroupBy(r => new SummaryGroup
            {
                ProvinceId = r.ProvinceId,
                SubjectId = r.SubjectId,
                Channel = r.Channel,
                ExpertId = r.FirstAnsweredById,
                Days = r.FirstAnswerWorkingDays,
            })
            .Select(ReportQueries.Counting<SummaryGroup, SummaryKey>(
                cutoff,
                k => new SummaryKey { ProvinceId = k.ProvinceId, SubjectId = k.SubjectId, Channel = k.Channel, ExpertId = k.ExpertId },
                k => k.Days))
            .ToListAsync(cancellationToken);
        var pending = await requests
            .Where(r => r.FirstAnsweredAt == null && r.DueAt >= cutoff)
            .Where(RequestRules.ClockRuns)
            .Select(r => new { r.ProvinceId, r.SubjectId, r.Channel, r.FirstAnsweredById, r.DueAt })
            .ToListAsync(cancellationToken);
        var pendingByKey = pending.ToLookup(
            p => new SummaryKey { ProvinceId = p.ProvinceId, SubjectId = p.SubjectId, Channel = p.Channel, ExpertId = p.FirstAnsweredById },
            p => p.DueAt);

        var surveys = await ReportQueries.SurveysAsync(
            db,
            requests,
            r => new SummaryKey { ProvinceId = r.ProvinceId, SubjectId = r.SubjectId, Channel = r.Channel, ExpertId = r.FirstAnsweredById },
            cancellationToken);

        var rows = counts.GroupBy(c => c.Key).Select(g =>
        {
            var figures = ReportQueries.Sum(g);
            var survey = surveys.GetValueOrDefault(g.Key) ?? ReportFigures.Empty;
            return new ReportSummaryRow
            {
                Month = number,
                ProvinceId = g.Key.ProvinceId,
                SubjectId = g.Key.SubjectId,
                Channel = g.Key.Channel,
                FirstAnsweredById = g.Key.ExpertId,
                Received = figures.Received,
                Answered = figures.Answered,
                Closed = figures.Closed,
                AnsweredOnTime = figures.AnsweredOnTime,
                Overdue = figures.OverdueUnanswered,
                Reopened = figures.Reopened,
                Objected = figures.Objected,
                Rated1 = figures.RatingCounts[0],
                Rated2 = figures.RatingCounts[1],
                Rated3 = figures.RatingCounts[2],
                Rated4 = figures.RatingCounts[3],
                Rated5 = figures.RatingCounts[4],
                WorkingDays = ReportSummaryRow.FormatHistogram(figures.WorkingDaysHistogram),
                PendingDue = ReportSummaryRow.FormatInstants(pendingByKey[g.Key].Order()),
                SurveysSent = survey.SurveysSent,
                SurveysAnswered = survey.SurveysAnswered,
                SurveyScores = ReportSummaryRow.FormatScores(survey.SurveyScores),
            };
        }).ToList();

        await db.ReportSummaryRows.Where(r => r.Month == number).ExecuteDeleteAsync(cancellationToken);
        await db.ReportSummaryMonths.Where(m => m.Month == number).ExecuteDeleteAsync(cancellationToken);
        db.ReportSummaryRows.AddRange(rows);
        db.ReportSummaryMonths.Add(new ReportSummaryMonth { Month = number, SummarisedAt = now, OverdueCutoff = cutoff });
        await db.SaveChangesAsync(cancellationToken);
        foreach (var batch in changes.Chunk(5000))
        {
            await db.ReportSummaryChanges.Where(c => batch.Contains(c.Id)).ExecuteDeleteAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return true;
    }

    private static void AddMonth(HashSet<int> months, DateTime createdAt)
    {
        // A request is always saved with its instant of receipt; a default value belongs to no month.
        if (createdAt.Year > 1900)
        {
            months.Add(JalaliMonth.OfInstant(createdAt).Number);
        }
    }

    /// <summary>The columns the summary groups on (EF Core translates a member initialization).</summary>
    private sealed class SummaryGroup
    {
        public int ProvinceId { get; init; }

        public int SubjectId { get; init; }

        public RequestChannel Channel { get; init; }

        public string? ExpertId { get; init; }

        public int? Days { get; init; }
    }

    /// <summary>A summary row's key.</summary>
    private sealed record SummaryKey
    {
        public int ProvinceId { get; init; }

        public int SubjectId { get; init; }

        public RequestChannel Channel { get; init; }

        public string? ExpertId { get; init; }
    }
}

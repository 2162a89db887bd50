using System.Globalization;
using System.Linq.Expressions;
using HajDesk.Core.Data;
using HajDesk.Core.Requests;
using Microsoft.EntityFrameworkCore;

namespace HajDesk.Core.Reports;

/// <summary>
/// Computes the reports: the figures of <see cref="ReportFigures"/> for the requests a <see cref="ReportFilter"/>
/// counts, in total and grouped. Everything is aggregated in the database (<c>GROUP BY</c>), three queries per report
/// whatever the number of requests: the counts, the unanswered overdue requests (<see cref="RequestRules.OverdueAt"/>),
/// and the histogram of working days to the first answer from which the percentiles are read. The total is the sum
/// of the groups. The same queries run on SQLite and PostgreSQL.
/// </summary>
public sealed class ReportQueries(HajDeskDbContext db, TimeProvider time)
{
    /// <summary>The report of <paramref name="filter"/> grouped by <paramref name="grouping"/>.</summary>
    public async Task<Report> ComputeAsync(ReportFilter filter, ReportGrouping grouping, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var now = time.GetUtcNow().UtcDateTime;
        var requests = filter.Apply(db.Requests.AsNoTracking());
        IReadOnlyList<ReportRow> rows;
        ReportFigures? total = null;
        switch (grouping)
        {
            case ReportGrouping.Province:
                var byProvince = await GroupAsync(requests, r => r.ProvinceId, now, cancellationToken);
                var provinces = await db.Provinces.AsNoTracking().OrderBy(p => p.DisplayOrder).ThenBy(p => p.Id)
                    .Select(p => new { p.Id, p.Name }).ToListAsync(cancellationToken);
                rows = provinces.Where(p => byProvince.ContainsKey(p.Id))
                    .Select(p => new ReportRow(Invariant(p.Id), p.Name, byProvince[p.Id])).ToList();
                break;
            case ReportGrouping.Subject:
                var bySubject = await GroupAsync(requests, r => r.SubjectId, now, cancellationToken);
                var subjects = await db.Subjects.AsNoTracking().Where(s => s.ParentId == null).OrderBy(s => s.DisplayOrder).ThenBy(s => s.Id)
                    .Select(s => new { s.Id, s.Name }).ToListAsync(cancellationToken);
                rows = subjects.Where(s => bySubject.ContainsKey(s.Id))
                    .Select(s => new ReportRow(Invariant(s.Id), s.Name, bySubject[s.Id])).ToList();
                break;
            case ReportGrouping.Expert:
                var byExpert = await GroupAsync(requests.Where(r => r.FirstAnsweredById != null), r => r.FirstAnsweredById!, now, cancellationToken);
                var ids = byExpert.Keys.ToList();
                var names = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id))
                    .Select(u => new { u.Id, u.DisplayName }).ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
                rows = byExpert
                    .Select(e => new ReportRow(e.Key, names.GetValueOrDefault(e.Key) ?? "حساب حذف‌شده", e.Value))
                    .OrderByDescending(r => r.Figures.Received).ThenBy(r => r.Label, StringComparer.Ordinal).ToList();
                break;
            case ReportGrouping.Month:
                var months = await MonthsAsync(filter, requests, cancellationToken);
                var byMonth = months.Count == 0
                    ? []
                    : await GroupAsync(requests, MonthIndex(months), now, cancellationToken);
                rows = months.Select((m, i) => new ReportRow(m.Key, m.PersianName, byMonth.GetValueOrDefault(i) ?? ReportFigures.Empty)).ToList();
                break;
            default:
                var all = await GroupAsync(requests, r => 0, now, cancellationToken);
                rows = [];
                total = all.GetValueOrDefault(0) ?? ReportFigures.Empty;
                break;
        }

        total ??= rows.Aggregate(ReportFigures.Empty, (sum, row) => sum.Add(row.Figures));
        return new Report(grouping, total, rows, now);
    }

    /// <summary>The three grouped queries, merged per key.</summary>
    private static async Task<Dictionary<TKey, ReportFigures>> GroupAsync<TKey>(
        IQueryable<ServiceRequest> requests, Expression<Func<ServiceRequest, TKey>> key, DateTime now, CancellationToken cancellationToken)
        where TKey : notnull
    {
        var counts = await requests.GroupBy(key).Select(g => new
        {
            g.Key,
            Received = g.Count(),
            Answered = g.Count(r => r.FirstAnsweredAt != null),
            Closed = g.Count(r => r.Status == RequestStatus.Closed),
            OnTime = g.Count(r => r.FirstAnsweredOnTime == true),
            Reopened = g.Count(r => r.FirstAnsweredAt != null && r.ReopenCount > 0),
            Objected = g.Count(r => r.FirstAnsweredAt != null && r.ObjectedAt != null),
            Rated1 = g.Count(r => r.Rating == 1),
            Rated2 = g.Count(r => r.Rating == 2),
            Rated3 = g.Count(r => r.Rating == 3),
            Rated4 = g.Count(r => r.Rating == 4),
            Rated5 = g.Count(r => r.Rating == 5),
        }).ToListAsync(cancellationToken);

        var overdue = await requests.Where(r => r.FirstAnsweredAt == null).Where(RequestRules.OverdueAt(now))
            .GroupBy(key).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);

        var histogram = (await requests.Where(r => r.FirstAnswerWorkingDays != null)
            .GroupBy(Compose(key, (ServiceRequest r, TKey k) => new DaysKey<TKey> { Key = k, Days = r.FirstAnswerWorkingDays!.Value }))
            .Select(g => new { g.Key.Key, g.Key.Days, Count = g.Count() })
            .ToListAsync(cancellationToken))
            .GroupBy(h => h.Key)
            .ToDictionary(g => g.Key, g => (IReadOnlyDictionary<int, int>)g.ToDictionary(h => h.Days, h => h.Count));

        return counts.ToDictionary(c => c.Key, c => new ReportFigures
        {
            Received = c.Received,
            Answered = c.Answered,
            Closed = c.Closed,
            AnsweredOnTime = c.OnTime,
            OverdueUnanswered = overdue.GetValueOrDefault(c.Key),
            Reopened = c.Reopened,
            Objected = c.Objected,
            RatingCounts = [c.Rated1, c.Rated2, c.Rated3, c.Rated4, c.Rated5],
            WorkingDaysHistogram = histogram.GetValueOrDefault(c.Key) ?? new Dictionary<int, int>(),
        });
    }

    /// <summary>
    /// The months a report by month covers: those of the filter's dates, or (an end left open) from the first to
    /// the last request the filter counts.
    /// </summary>
    private static async Task<IReadOnlyList<JalaliMonth>> MonthsAsync(ReportFilter filter, IQueryable<ServiceRequest> requests, CancellationToken cancellationToken)
    {
        var start = filter.Dates.StartUtc ?? await requests.MinAsync(r => (DateTime?)r.CreatedAt, cancellationToken);
        var end = filter.Dates.EndUtc?.AddTicks(-1) ?? await requests.MaxAsync(r => (DateTime?)r.CreatedAt, cancellationToken);
        return start is { } first && end is { } last && first <= last
            ? JalaliMonth.Range(JalaliMonth.OfInstant(first), JalaliMonth.OfInstant(last))
            : [];
    }

    /// <summary>
    /// The index in <paramref name="months"/> of the month a request was received in, as one SQL <c>CASE</c> over
    /// the months' starting instants (the filter already keeps requests outside the range away).
    /// </summary>
    private static Expression<Func<ServiceRequest, int>> MonthIndex(IReadOnlyList<JalaliMonth> months)
    {
        var request = Expression.Parameter(typeof(ServiceRequest), "r");
        var createdAt = Expression.Property(request, nameof(ServiceRequest.CreatedAt));
        Expression body = Expression.Constant(months.Count - 1);
        for (var i = months.Count - 2; i >= 0; i--)
        {
            body = Expression.Condition(
                Expression.LessThan(createdAt, Expression.Constant(months[i + 1].StartUtc)),
                Expression.Constant(i),
                body);
        }

        return Expression.Lambda<Func<ServiceRequest, int>>(body, request);
    }

    /// <summary><paramref name="shape"/> with its key parameter replaced by the body of <paramref name="key"/>.</summary>
    private static Expression<Func<ServiceRequest, TResult>> Compose<TKey, TResult>(
        Expression<Func<ServiceRequest, TKey>> key, Expression<Func<ServiceRequest, TKey, TResult>> shape)
    {
        var request = shape.Parameters[0];
        var keyBody = new Substitution(key.Parameters[0], request).Visit(key.Body);
        var body = new Substitution(shape.Parameters[1], keyBody).Visit(shape.Body);
        return Expression.Lambda<Func<ServiceRequest, TResult>>(body, request);
    }

    private static string Invariant(int id) => id.ToString(CultureInfo.InvariantCulture);

    private sealed class Substitution(ParameterExpression from, Expression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : node;
    }

    /// <summary>A group key and a day count, grouped on together (EF Core translates a member initialization).</summary>
    private sealed class DaysKey<TKey>
    {
        public required TKey Key { get; init; }

        public int Days { get; init; }
    }
}

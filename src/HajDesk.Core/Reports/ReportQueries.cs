using System.Diagnostics;
using System.Globalization;
using System.Linq.Expressions;
using System.Reflection;
using HajDesk.Core.Data;
using HajDesk.Core.Requests;
using Microsoft.EntityFrameworkCore;

namespace HajDesk.Core.Reports;

/// <summary>
/// Computes the reports: the figures of <see cref="ReportFigures"/> for the requests a <see cref="ReportFilter"/>
/// counts, in total and grouped. Everything is aggregated in the database, one <c>GROUP BY</c> pass per report whatever
/// the number of requests: conditional counts grouped by the key and the working days to the first answer, so the
/// histogram the percentiles are read from comes out of the same pass. The total is the sum of the groups. The same
/// query runs on SQLite and PostgreSQL.
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

    /// <summary>
    /// One grouped query: every count of <see cref="ReportFigures"/> as a conditional <c>COUNT</c>, grouped by the key
    /// and the working days to the first answer, so the histogram comes out of the same pass (a few dozen rows per
    /// key); the rows are then summed per key in memory.
    /// </summary>
    private static async Task<Dictionary<TKey, ReportFigures>> GroupAsync<TKey>(
        IQueryable<ServiceRequest> requests, Expression<Func<ServiceRequest, TKey>> key, DateTime now, CancellationToken cancellationToken)
        where TKey : notnull
    {
        var rows = await requests
            .GroupBy(Compose(key, (ServiceRequest r, TKey k) => new DaysKey<TKey> { Key = k, Days = r.FirstAnswerWorkingDays }))
            .Select(Counting<TKey>(now))
            .ToListAsync(cancellationToken);

        return rows.GroupBy(row => row.Key).ToDictionary(g => g.Key, g => new ReportFigures
        {
            Received = g.Sum(row => row.Received),
            Answered = g.Sum(row => row.Answered),
            Closed = g.Sum(row => row.Closed),
            AnsweredOnTime = g.Sum(row => row.OnTime),
            OverdueUnanswered = g.Sum(row => row.OverdueUnanswered),
            Reopened = g.Sum(row => row.Reopened),
            Objected = g.Sum(row => row.Objected),
            RatingCounts = [g.Sum(row => row.Rated1), g.Sum(row => row.Rated2), g.Sum(row => row.Rated3), g.Sum(row => row.Rated4), g.Sum(row => row.Rated5)],
            WorkingDaysHistogram = g.Where(row => row.Days != null).ToDictionary(row => row.Days!.Value, row => row.Received),
        });
    }

    /// <summary>
    /// The counting projection of one group. The overdue count's condition is <see cref="RequestRules.OverdueAt"/>
    /// (the inbox's own), put in place of <see cref="UnansweredOverdue"/> so that it is written once.
    /// </summary>
    private static Expression<Func<IGrouping<DaysKey<TKey>, ServiceRequest>, GroupCounts<TKey>>> Counting<TKey>(DateTime now)
    {
        Expression<Func<IGrouping<DaysKey<TKey>, ServiceRequest>, GroupCounts<TKey>>> shape = g => new GroupCounts<TKey>
        {
            Key = g.Key.Key,
            Days = g.Key.Days,
            Received = g.Count(),
            Answered = g.Count(r => r.FirstAnsweredAt != null),
            Closed = g.Count(r => r.Status == RequestStatus.Closed),
            OnTime = g.Count(r => r.FirstAnsweredOnTime == true),
            OverdueUnanswered = g.Count(UnansweredOverdue),
            Reopened = g.Count(r => r.FirstAnsweredAt != null && r.ReopenCount > 0),
            Objected = g.Count(r => r.FirstAnsweredAt != null && r.ObjectedAt != null),
            Rated1 = g.Count(r => r.Rating == 1),
            Rated2 = g.Count(r => r.Rating == 2),
            Rated3 = g.Count(r => r.Rating == 3),
            Rated4 = g.Count(r => r.Rating == 4),
            Rated5 = g.Count(r => r.Rating == 5),
        };

        var overdue = RequestRules.OverdueAt(now);
        var request = overdue.Parameters[0];
        var unanswered = Expression.Equal(
            Expression.Property(request, nameof(ServiceRequest.FirstAnsweredAt)), Expression.Constant(null, typeof(DateTime?)));
        var condition = Expression.Lambda<Func<ServiceRequest, bool>>(Expression.AndAlso(unanswered, overdue.Body), request);
        var placeholder = Expression.Field(null, typeof(ReportQueries).GetField(nameof(UnansweredOverdue), BindingFlags.NonPublic | BindingFlags.Static)!);
        return (Expression<Func<IGrouping<DaysKey<TKey>, ServiceRequest>, GroupCounts<TKey>>>)new Substitution(placeholder, condition).Visit(shape);
    }

    /// <summary>Stands for the overdue condition in <see cref="Counting{TKey}"/>; never called.</summary>
    private static readonly Func<ServiceRequest, bool> UnansweredOverdue = _ => throw new UnreachableException();

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
    /// the months' starting instants (the filter already keeps requests outside the range away). The <c>CASE</c> is
    /// a balanced tree (about five comparisons a row for three years of months, not up to thirty-six): evaluated on
    /// every row of the range, it was most of the cost of a long view by month.
    /// </summary>
    private static Expression<Func<ServiceRequest, int>> MonthIndex(IReadOnlyList<JalaliMonth> months)
    {
        var request = Expression.Parameter(typeof(ServiceRequest), "r");
        var createdAt = Expression.Property(request, nameof(ServiceRequest.CreatedAt));

        // Months lo..hi: before the first instant of month mid, one of lo..mid-1; otherwise one of mid..hi.
        Expression Between(int lo, int hi)
        {
            if (lo == hi)
            {
                return Expression.Constant(lo);
            }

            var mid = (lo + hi + 1) / 2;
            return Expression.Condition(
                Expression.LessThan(createdAt, Expression.Constant(months[mid].StartUtc)), Between(lo, mid - 1), Between(mid, hi));
        }

        return Expression.Lambda<Func<ServiceRequest, int>>(Between(0, months.Count - 1), request);
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

    /// <summary>Replaces a parameter, or a static field read, with another expression.</summary>
    private sealed class Substitution(Expression from, Expression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : node;

        protected override Expression VisitMember(MemberExpression node) =>
            from is MemberExpression field && node.Member == field.Member && node.Expression is null ? to : base.VisitMember(node);
    }

    /// <summary>A group key and a day count, grouped on together (EF Core translates a member initialization).</summary>
    private sealed class DaysKey<TKey>
    {
        public required TKey Key { get; init; }

        /// <summary>Working days to the first answer; null while unanswered.</summary>
        public int? Days { get; init; }
    }

    /// <summary>The counts of one key and day count, as the database returns them.</summary>
    private sealed class GroupCounts<TKey>
    {
        public required TKey Key { get; init; }

        public int? Days { get; init; }

        public int Received { get; init; }

        public int Answered { get; init; }

        public int Closed { get; init; }

        public int OnTime { get; init; }

        public int OverdueUnanswered { get; init; }

        public int Reopened { get; init; }

        public int Objected { get; init; }

        public int Rated1 { get; init; }

        public int Rated2 { get; init; }

        public int Rated3 { get; init; }

        public int Rated4 { get; init; }

        public int Rated5 { get; init; }
    }
}

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
        var sources = await SourcesAsync(filter, requests, now, cancellationToken);
        IReadOnlyList<ReportRow> rows;
        ReportFigures? total = null;
        switch (grouping)
        {
            case ReportGrouping.Province:
                var byProvince = await FiguresAsync(sources, r => r.ProvinceId, s => s.ProvinceId, now, cancellationToken);
                var provinces = await db.Provinces.AsNoTracking().OrderBy(p => p.DisplayOrder).ThenBy(p => p.Id)
                    .Select(p => new { p.Id, p.Name }).ToListAsync(cancellationToken);
                rows = provinces.Where(p => byProvince.ContainsKey(p.Id))
                    .Select(p => new ReportRow(Invariant(p.Id), p.Name, byProvince[p.Id])).ToList();
                break;
            case ReportGrouping.Subject:
                var bySubject = await FiguresAsync(sources, r => r.SubjectId, s => s.SubjectId, now, cancellationToken);
                var subjects = await db.Subjects.AsNoTracking().Where(s => s.ParentId == null).OrderBy(s => s.DisplayOrder).ThenBy(s => s.Id)
                    .Select(s => new { s.Id, s.Name }).ToListAsync(cancellationToken);
                rows = subjects.Where(s => bySubject.ContainsKey(s.Id))
                    .Select(s => new ReportRow(Invariant(s.Id), s.Name, bySubject[s.Id])).ToList();
                break;
            case ReportGrouping.Expert:
                var answered = new Sources(
                    sources.Live?.Where(r => r.FirstAnsweredById != null), sources.Summary?.Where(s => s.FirstAnsweredById != null));
                var byExpert = await FiguresAsync(answered, r => r.FirstAnsweredById!, s => s.FirstAnsweredById!, now, cancellationToken);
                var ids = byExpert.Keys.ToList();
                var names = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id))
                    .Select(u => new { u.Id, u.DisplayName }).ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
                rows = byExpert
                    .Select(e => new ReportRow(e.Key, names.GetValueOrDefault(e.Key) ?? "حساب حذف‌شده", e.Value))
                    .OrderByDescending(r => r.Figures.Received).ThenBy(r => r.Label, StringComparer.Ordinal).ToList();
                break;
            case ReportGrouping.Month:
                var months = await MonthsAsync(filter, requests, cancellationToken);
                var index = months.Select((m, i) => (m.Number, i)).ToDictionary(p => p.Number, p => p.i);
                var byMonth = months.Count == 0
                    ? []
                    : await FiguresAsync(sources, MonthIndex(months), s => index.GetValueOrDefault(s.Month, -1), now, cancellationToken);
                rows = months.Select((m, i) => new ReportRow(m.Key, m.PersianName, byMonth.GetValueOrDefault(i) ?? ReportFigures.Empty)).ToList();
                break;
            default:
                var all = await FiguresAsync(sources, r => 0, s => 0, now, cancellationToken);
                rows = [];
                total = all.GetValueOrDefault(0) ?? ReportFigures.Empty;
                break;
        }

        total ??= rows.Aggregate(ReportFigures.Empty, (sum, row) => sum.Add(row.Figures));
        return new Report(grouping, total, rows, now);
    }

    /// <summary>The key of the «بدون پاسخ» row of a report by field.</summary>
    public const string NoAnswerKey = "";

    /// <summary>The label of the «بدون پاسخ» row.</summary>
    public const string NoAnswerLabel = "بدون پاسخ";

    /// <summary>
    /// The report of <paramref name="filter"/> grouped by the answer to the choice field <paramref name="field"/>: the
    /// counted requests of the field's subject (as main subject or sub-subject), one row per option in the field's
    /// order (an option nobody chose has empty figures), then any answer stored under an option since renamed or
    /// removed, then «بدون پاسخ» (requests that did not answer it, e.g. received before the field existed).
    /// </summary>
    /// <remarks>
    /// The monthly summary has no field dimension, so the answers are counted live, one <c>GROUP BY</c> pass over the
    /// requests that answered. For a main subject's field «بدون پاسخ» is the subject's total (from the summary, like
    /// the report by subject) less the answered rows: over a million requests the answered ones are a season's worth,
    /// the subject's others its whole history. A sub-subject's field (the summary has no sub-subjects) is counted live.
    /// </remarks>
    public async Task<Report> ComputeByFieldAsync(ReportFilter filter, Fields.SubjectField field, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(field);
        var now = time.GetUtcNow().UtcDateTime;
        var subjectId = field.SubjectId;
        var fieldId = (int?)field.Id;
        var values = db.RequestFieldValues;
        Expression<Func<ServiceRequest, string>> answer =
            r => values.Where(v => v.RequestId == r.Id && v.FieldId == fieldId).Select(v => v.Value).FirstOrDefault() ?? NoAnswerKey;
        var onMainSubject = await db.Subjects.AnyAsync(s => s.Id == subjectId && s.ParentId == null, cancellationToken);
        Dictionary<string, ReportFigures> figures;
        if (onMainSubject && (filter.SubjectId is null || filter.SubjectId == subjectId))
        {
            var ofSubject = filter with { SubjectId = subjectId };
            var requests = ofSubject.Apply(db.Requests.AsNoTracking());
            var answered = requests.Where(r => values.Any(v => v.RequestId == r.Id && v.FieldId == fieldId));
            figures = await FiguresAsync(new Sources(answered, null), answer, _ => NoAnswerKey, now, cancellationToken);
            var ofWholeSubject = (await FiguresAsync(await SourcesAsync(ofSubject, requests, now, cancellationToken), r => 0, _ => 0, now, cancellationToken))
                .GetValueOrDefault(0) ?? ReportFigures.Empty;
            figures[NoAnswerKey] = figures.Values.Aggregate(ofWholeSubject, (rest, row) => rest.Subtract(row));
        }
        else
        {
            var requests = filter.Apply(db.Requests.AsNoTracking()).Where(r => r.SubjectId == subjectId || r.SubSubjectId == subjectId);
            figures = await FiguresAsync(new Sources(requests, null), answer, _ => NoAnswerKey, now, cancellationToken);
        }

        var options = field.OptionList;
        var rows = options.Select(o => new ReportRow(o, o, figures.GetValueOrDefault(o) ?? ReportFigures.Empty))
            .Concat(figures.Where(f => f.Key != NoAnswerKey && !options.Contains(f.Key)).OrderBy(f => f.Key, StringComparer.Ordinal)
                .Select(f => new ReportRow(f.Key, f.Key, f.Value)))
            .Append(new ReportRow(NoAnswerKey, NoAnswerLabel, figures.GetValueOrDefault(NoAnswerKey) ?? ReportFigures.Empty))
            .ToList();
        var total = rows.Aggregate(ReportFigures.Empty, (sum, row) => sum.Add(row.Figures));
        return new Report(ReportGrouping.Field, total, rows, now);
    }

    /// <summary>
    /// Where a report's figures come from (decision 0006): the summary rows of the finished months that lie wholly
    /// within the filter's dates and have not changed since they were summarised, and the live requests of every
    /// other instant (the current month, changed or never summarised months, partial months at the range's ends).
    /// </summary>
    private async Task<Sources> SourcesAsync(ReportFilter filter, IQueryable<ServiceRequest> requests, DateTime now, CancellationToken cancellationToken)
    {
        var scope = SummaryScope.Rebind(filter.Scope);
        if (scope is null)
        {
            return new Sources(requests, null);
        }

        var current = JalaliMonth.OfInstant(now).Number;
        var summarised = await db.ReportSummaryMonths.AsNoTracking()
            .Where(m => m.Month < current && m.OverdueCutoff <= now).Select(m => m.Month).ToListAsync(cancellationToken);
        if (summarised.Count == 0)
        {
            return new Sources(requests, null);
        }

        var changed = (await db.ReportSummaryChanges.AsNoTracking().Where(c => c.Month < current)
            .Select(c => c.Month).Distinct().ToListAsync(cancellationToken)).ToHashSet();
        var (from, to) = (filter.Dates.StartUtc, filter.Dates.EndUtc);
        var usable = summarised.Where(m => !changed.Contains(m)).Select(JalaliMonth.FromNumber)
            .Where(m => (from is null || m.StartUtc >= from) && (to is null || m.Next().StartUtc <= to))
            .Order().ToList();
        if (usable.Count == 0)
        {
            return new Sources(requests, null);
        }

        // The live instants: the gaps between runs of consecutive usable months, within the filter's dates.
        var gaps = new List<(DateTime? Start, DateTime? End)>();
        DateTime? gapStart = from;
        for (var i = 0; i < usable.Count; i++)
        {
            var runStart = usable[i].StartUtc;
            while (i + 1 < usable.Count && usable[i + 1] == usable[i].Next())
            {
                i++;
            }

            if (gapStart is null || gapStart < runStart)
            {
                gaps.Add((gapStart, runStart));
            }

            gapStart = usable[i].Next().StartUtc;
        }

        if (to is null || gapStart < to)
        {
            gaps.Add((gapStart, to));
        }

        var numbers = usable.Select(m => m.Number).ToList();
        var summary = db.ReportSummaryRows.AsNoTracking().Where(r => numbers.Contains(r.Month)).Where(scope);
        if (filter.ProvinceId is int province)
        {
            summary = summary.Where(r => r.ProvinceId == province);
        }

        if (filter.SubjectId is int subject)
        {
            summary = summary.Where(r => r.SubjectId == subject);
        }

        if (filter.Channel is RequestChannel channel)
        {
            summary = summary.Where(r => r.Channel == channel);
        }

        return new Sources(gaps.Count == 0 ? null : requests.Where(Within(gaps)), summary);
    }

    /// <summary>The figures per key: the live requests counted in the database, the summary rows added in memory.</summary>
    private async Task<Dictionary<TKey, ReportFigures>> FiguresAsync<TKey>(
        Sources sources, Expression<Func<ServiceRequest, TKey>> liveKey, Func<ReportSummaryRow, TKey> summaryKey, DateTime now,
        CancellationToken cancellationToken)
        where TKey : notnull
    {
        var figures = sources.Live is null ? [] : await GroupAsync(sources.Live, liveKey, now, cancellationToken);
        if (sources.Live is not null)
        {
            foreach (var (key, surveys) in await SurveysAsync(db, sources.Live, liveKey, cancellationToken))
            {
                figures[key] = (figures.GetValueOrDefault(key) ?? ReportFigures.Empty) with
                {
                    SurveysSent = surveys.SurveysSent,
                    SurveysAnswered = surveys.SurveysAnswered,
                    SurveyScores = surveys.SurveyScores,
                };
            }
        }

        if (sources.Summary is not null)
        {
            var sums = new Dictionary<TKey, ReportFiguresSum>();
            await foreach (var row in sources.Summary.AsAsyncEnumerable().WithCancellation(cancellationToken))
            {
                var key = summaryKey(row);
                if (!sums.TryGetValue(key, out var sum))
                {
                    sums[key] = sum = new ReportFiguresSum();
                }

                row.AddTo(sum, now);
            }

            foreach (var (key, sum) in sums)
            {
                figures[key] = figures.TryGetValue(key, out var live) ? live.Add(sum.ToFigures()) : sum.ToFigures();
            }
        }

        return figures;
    }

    /// <summary>
    /// The satisfaction surveys of <paramref name="requests"/> per key: how many were sent and answered, and the
    /// scores of each item (the scores are stored as text, <c>5,4,4,5,5</c>, so they are added in memory; one row per
    /// survey of the requests counted live).
    /// </summary>
    internal static async Task<Dictionary<TKey, ReportFigures>> SurveysAsync<TKey>(
        HajDeskDbContext db, IQueryable<ServiceRequest> requests, Expression<Func<ServiceRequest, TKey>> key, CancellationToken cancellationToken)
        where TKey : notnull
    {
        Expression<Func<ServiceRequest, Surveys.SurveyInvitation, SurveyRow<TKey>>> shape =
            (r, i) => new SurveyRow<TKey> { Key = KeyOf<TKey>(), Answered = i.SubmittedAt != null, Scores = i.Scores };
        Expression<Func<TKey>> placeholder = () => KeyOf<TKey>();
        var keyBody = new Substitution(key.Parameters[0], shape.Parameters[0]).Visit(key.Body);
        var selector = Expression.Lambda<Func<ServiceRequest, Surveys.SurveyInvitation, SurveyRow<TKey>>>(
            new Substitution(placeholder.Body, keyBody).Visit(shape.Body), shape.Parameters);
        var rows = await requests.Join(db.SurveyInvitations, r => r.Id, i => i.RequestId, selector).ToListAsync(cancellationToken);

        var result = new Dictionary<TKey, ReportFigures>();
        foreach (var group in rows.GroupBy(r => r.Key))
        {
            var scores = ReportFigures.EmptyScores.Select(item => item.ToArray()).ToArray();
            var answered = 0;
            foreach (var row in group.Where(r => r.Answered))
            {
                answered++;
                var values = (row.Scores ?? string.Empty).Split(',');
                for (var item = 0; item < Math.Min(values.Length, scores.Length); item++)
                {
                    if (int.TryParse(values[item], NumberStyles.None, CultureInfo.InvariantCulture, out var score) && score is >= 1 and <= 5)
                    {
                        scores[item][score - 1]++;
                    }
                }
            }

            result[group.Key] = ReportFigures.Empty with { SurveysSent = group.Count(), SurveysAnswered = answered, SurveyScores = scores };
        }

        return result;
    }

    /// <summary><c>CreatedAt</c> within one of <paramref name="ranges"/> (an open end is unbounded).</summary>
    private static Expression<Func<ServiceRequest, bool>> Within(IReadOnlyList<(DateTime? Start, DateTime? End)> ranges)
    {
        var request = Expression.Parameter(typeof(ServiceRequest), "r");
        var createdAt = Expression.Property(request, nameof(ServiceRequest.CreatedAt));
        Expression? any = null;
        foreach (var (start, end) in ranges)
        {
            Expression range = Expression.Constant(true);
            if (start is DateTime s)
            {
                range = Expression.GreaterThanOrEqual(createdAt, Expression.Constant(s));
            }

            if (end is DateTime e)
            {
                var before = Expression.LessThan(createdAt, Expression.Constant(e));
                range = start is null ? before : Expression.AndAlso(range, before);
            }

            any = any is null ? range : Expression.OrElse(any, range);
        }

        return Expression.Lambda<Func<ServiceRequest, bool>>(any ?? Expression.Constant(false), request);
    }

    /// <summary>The live requests (null: none) and the summary rows (null: none) a report reads.</summary>
    private sealed record Sources(IQueryable<ServiceRequest>? Live, IQueryable<ReportSummaryRow>? Summary);

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

        return rows.GroupBy(row => row.Key).ToDictionary(g => g.Key, Sum);
    }

    /// <summary>The figures of rows of one key (one row per day count), summed.</summary>
    internal static ReportFigures Sum<TKey>(IEnumerable<GroupCounts<TKey>> rows)
    {
        var g = rows.ToList();
        return new ReportFigures
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
        };
    }

    /// <summary>
    /// The counting projection of one group whose key is a <see cref="DaysKey{TKey}"/>.
    /// </summary>
    private static Expression<Func<IGrouping<DaysKey<TKey>, ServiceRequest>, GroupCounts<TKey>>> Counting<TKey>(DateTime now) =>
        Counting<DaysKey<TKey>, TKey>(now, k => k.Key, k => k.Days);

    /// <summary>
    /// The counting projection of one group, its key and day count read from the group key by <paramref name="keyOf"/>
    /// and <paramref name="daysOf"/> (the report summary groups on more columns). The overdue count's condition is
    /// <see cref="RequestRules.OverdueAt"/> (the inbox's own), put in place of <see cref="UnansweredOverdue"/> so
    /// that it is written once.
    /// </summary>
    internal static Expression<Func<IGrouping<TGroup, ServiceRequest>, GroupCounts<TKey>>> Counting<TGroup, TKey>(
        DateTime now, Expression<Func<TGroup, TKey>> keyOf, Expression<Func<TGroup, int?>> daysOf)
    {
        Expression<Func<IGrouping<TGroup, ServiceRequest>, GroupCounts<TKey>>> shape = g => new GroupCounts<TKey>
        {
            Key = KeyOf<TKey>(),
            Days = DaysOf(),
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
        var groupKey = Expression.Property(shape.Parameters[0], nameof(IGrouping<TGroup, ServiceRequest>.Key));
        Expression<Func<TKey>> keyPlaceholder = () => KeyOf<TKey>();
        Expression<Func<int?>> daysPlaceholder = () => DaysOf();
        Expression body = new Substitution(placeholder, condition).Visit(shape.Body);
        body = new Substitution(keyPlaceholder.Body, new Substitution(keyOf.Parameters[0], groupKey).Visit(keyOf.Body)).Visit(body);
        body = new Substitution(daysPlaceholder.Body, new Substitution(daysOf.Parameters[0], groupKey).Visit(daysOf.Body)).Visit(body);
        return Expression.Lambda<Func<IGrouping<TGroup, ServiceRequest>, GroupCounts<TKey>>>(body, shape.Parameters);
    }

    /// <summary>Stands for the group's key in <see cref="Counting{TGroup, TKey}"/>; never called.</summary>
    private static TKey KeyOf<TKey>() => throw new UnreachableException();

    /// <summary>Stands for the group's day count in <see cref="Counting{TGroup, TKey}"/>; never called.</summary>
    private static int? DaysOf() => throw new UnreachableException();

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

    /// <summary>Replaces a parameter, a static field read or a call of a static placeholder method with another expression.</summary>
    internal sealed class Substitution(Expression from, Expression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : node;

        protected override Expression VisitMember(MemberExpression node) =>
            from is MemberExpression field && node.Member == field.Member && node.Expression is null ? to : base.VisitMember(node);

        protected override Expression VisitMethodCall(MethodCallExpression node) =>
            from is MethodCallExpression call && node.Method == call.Method && node.Object is null ? to : base.VisitMethodCall(node);
    }

    /// <summary>A group key and a day count, grouped on together (EF Core translates a member initialization).</summary>
    private sealed class DaysKey<TKey>
    {
        public required TKey Key { get; init; }

        /// <summary>Working days to the first answer; null while unanswered.</summary>
        public int? Days { get; init; }
    }

    /// <summary>One survey of a counted request, as the database returns it.</summary>
    internal sealed class SurveyRow<TKey>
    {
        public required TKey Key { get; init; }

        public bool Answered { get; init; }

        public string? Scores { get; init; }
    }

    /// <summary>The counts of one key and day count, as the database returns them.</summary>
    internal sealed class GroupCounts<TKey>
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

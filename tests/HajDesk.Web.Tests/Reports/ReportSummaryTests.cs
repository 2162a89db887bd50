using System.Globalization;
using HajDesk.Core.Calendar;
using HajDesk.Core.Persian;
using HajDesk.Core.Reports;
using HajDesk.Core.Requests;
using HajDesk.Core.Staff;
using HajDesk.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static HajDesk.Web.Tests.Reports.ReportQueriesTests;

namespace HajDesk.Web.Tests.Reports;

/// <summary>
/// The report summary (decision 0006) against counts written by hand in SQL over the live rows, on both providers:
/// after summarising, after an old request changes (answered, closed) and after summarising again, a report equals
/// a direct count; and reports do read the summary (a change that bypasses the change tracker is not seen until its
/// month is marked).
/// </summary>
public class ReportSummaryTests
{
    public static TheoryData<DatabaseProvider> Providers => [DatabaseProvider.Sqlite, DatabaseProvider.Postgres];

    /// <summary>No background round: the tests summarise when they mean to.</summary>
    private static readonly Dictionary<string, string?> NoRound = new() { ["Reports:SummaryInterval"] = "00:00:00" };

    private static readonly (DateTime Start, DateTime End) AllTime = (DateTime.UnixEpoch, new DateTime(2100, 1, 1, 0, 0, 0, DateTimeKind.Utc));

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Summary_EqualsTheDirectCount_ForSeveralFiltersAndGroupings(DatabaseProvider provider)
    {
        await using var app = await HajDeskFactory.CreateAsync(provider, NoRound);
        await ReportSeed.SeedAsync(app, 300);

        var summarised = await app.WithDbAsync(db => ReportSummary.RefreshAsync(db, Now));

        // Azar 1403 (the seed's first month) to Bahman 1404: every finished month; Esfand 1404 (now) stays live.
        Assert.Equal(15, summarised);
        Assert.Equal(0, await app.WithDbAsync(db => db.ReportSummaryChanges.CountAsync(c => c.Month < 140412)));
        Assert.True(await app.WithDbAsync(db => db.ReportSummaryRows.CountAsync()) > 20);
        Assert.Equal(0, await app.WithDbAsync(db => ReportSummary.RefreshAsync(db, Now)));
        await AssertAgreesAsync(app, Now);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Summary_OldRequestsChangedAfterTheirMonthWasSummarised_AreCountedAsTheyAreNow(DatabaseProvider provider)
    {
        await using var app = await HajDeskFactory.CreateAsync(provider, NoRound);
        await ReportSeed.SeedAsync(app, 300);
        await app.WithDbAsync(db => ReportSummary.RefreshAsync(db, Now));
        var staff = new StaffActor(ReportSeed.FirstExpertId, "کارشناس یکم", StaffRole.Administrator, null, []);

        // Answer an unanswered request and close another, both received in months summarised above.
        var months = await app.WithDbAsync(async db =>
        {
            var end = new JalaliMonth(1404, 11).StartUtc;
            var unanswered = await db.Requests.Include(r => r.Events)
                .Where(r => r.FirstAnsweredAt == null && r.Status == RequestStatus.Submitted && r.CreatedAt < end)
                .OrderBy(r => r.Id).FirstAsync();
            Assert.True(unanswered.Answer(staff, "پاسخ دیرهنگام به درخواست", [], Now, new WorkingCalendar(false, [])).Succeeded);
            var open = await db.Requests.Include(r => r.Events)
                .Where(r => r.Status == RequestStatus.InProgress && r.CreatedAt < end && r.Id != unanswered.Id)
                .OrderByDescending(r => r.Id).FirstAsync();
            Assert.True(open.Close(staff, "بسته شد", Now).Succeeded);
            await db.SaveChangesAsync();
            return new[] { JalaliMonth.OfInstant(unanswered.CreatedAt).Number, JalaliMonth.OfInstant(open.CreatedAt).Number };
        });

        // Marked in the same save; read before the next round: those months are counted live.
        // (The seed's own changes of the current month and later stay: those months are never summarised yet.)
        var marked = await app.WithDbAsync(db => db.ReportSummaryChanges.Where(c => c.Month < 140412).Select(c => c.Month).Distinct().ToListAsync());
        Assert.Equal(months.Distinct().Order(), marked.Order());
        await AssertAgreesAsync(app, Now);

        // Summarised again: the same figures, now from the summary.
        Assert.Equal(months.Distinct().Count(), await app.WithDbAsync(db => ReportSummary.RefreshAsync(db, Now)));
        Assert.Equal(0, await app.WithDbAsync(db => db.ReportSummaryChanges.CountAsync(c => c.Month < 140412)));
        await AssertAgreesAsync(app, Now);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Reports_ReadTheSummary_AndAMarkedMonthLive(DatabaseProvider provider)
    {
        await using var app = await HajDeskFactory.CreateAsync(provider, NoRound);
        await ReportSeed.SeedAsync(app, 200);
        await app.WithDbAsync(db => ReportSummary.RefreshAsync(db, Now));
        var filter = new ReportFilter(JalaliDateRange.Parse(null, null), null, null, null, ReportFilter.ForStaff(Admin));

        // Behind the change tracker's back (as a hand-made SQL fix would be): the summary does not know.
        var before = new JalaliMonth(1404, 6).StartUtc;
        var request = await app.WithDbAsync(db => db.Requests.Where(r => r.Status != RequestStatus.Closed && r.CreatedAt < before)
            .OrderBy(r => r.Id).Select(r => new { r.Id, r.CreatedAt }).FirstAsync());
        await app.WithDbAsync(db => db.Database.ExecuteSqlAsync($"UPDATE \"Requests\" SET \"Status\" = 'Closed' WHERE \"Id\" = {request.Id}"));
        var direct = (await app.WithDbAsync(db => CountBySqlAsync(db, "1", AllTime.Start, AllTime.End, ""))).Values.Single();

        var stale = await app.WithDbAsync(db => Queries(db).ComputeAsync(filter, ReportGrouping.None));
        Assert.Equal(direct.Closed - 1, stale.Total.Closed);

        await app.WithDbAsync(db => ReportSummary.MarkMonthsAsync(db, [request.CreatedAt]));
        var current = await app.WithDbAsync(db => Queries(db).ComputeAsync(filter, ReportGrouping.None));
        AssertSame(direct, current.Total);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Summary_RequestsNotYetDueWhenSummarised_TurnOverdueOnTime(DatabaseProvider provider)
    {
        await using var app = await HajDeskFactory.CreateAsync(provider, NoRound);
        await ReportSeed.SeedAsync(app, 300);

        // Two days after Bahman 1404 ended: its last requests are not due yet.
        var summarisedAt = new JalaliMonth(1404, 12).StartUtc.AddDays(2);
        await app.WithDbAsync(db => ReportSummary.RefreshAsync(db, summarisedAt));
        Assert.True(await app.WithDbAsync(db => db.ReportSummaryRows.AnyAsync(r => r.PendingDue != "")));

        foreach (var at in new[] { summarisedAt.AddDays(1), summarisedAt.AddDays(4).AddHours(7), Now })
        {
            await AssertAgreesAsync(app, at);
        }
    }

    /// <summary>Several filters and groupings, each against the hand-written count at <paramref name="now"/>.</summary>
    private static async Task AssertAgreesAsync(HajDeskFactory app, DateTime now)
    {
        var queries = (Core.Data.HajDeskDbContext db) => new ReportQueries(db, new FixedTime(now));

        // An administrator: whole months, by province, with the percentiles.
        var range = JalaliDateRange.Parse("1404/02/01", "1404/10/30");
        var byProvince = await app.WithDbAsync(db => queries(db).ComputeAsync(
            new ReportFilter(range, null, null, null, ReportFilter.ForStaff(Admin)), ReportGrouping.Province));
        var expected = await app.WithDbAsync(db => CountBySqlAsync(db, "\"ProvinceId\"", range.StartUtc!.Value, range.EndUtc!.Value, "", now));
        Assert.Equal(expected.Keys.Order(), byProvince.Rows.Select(r => r.Key).Order());
        Assert.All(byProvince.Rows, row => AssertSame(expected[row.Key], row.Figures));
        var days = await app.WithDbAsync(db => WorkingDaysBySqlAsync(db, range.StartUtc!.Value, range.EndUtc!.Value, ""));
        Assert.Equal(NearestRank(days, 50), byProvince.Total.MedianWorkingDays);
        Assert.Equal(NearestRank(days, 90), byProvince.Total.Percentile90WorkingDays);

        // Partial months at both ends, by subject, one province.
        var tehran = await app.WithDbAsync(db => db.Provinces.Where(p => p.Code == "Tehran").Select(p => p.Id).SingleAsync());
        var partial = JalaliDateRange.Parse("1403/11/15", "1404/06/10");
        var bySubject = await app.WithDbAsync(db => queries(db).ComputeAsync(
            new ReportFilter(partial, tehran, null, null, ReportFilter.ForStaff(Admin)), ReportGrouping.Subject));
        var subjects = await app.WithDbAsync(db => CountBySqlAsync(
            db, "\"SubjectId\"", partial.StartUtc!.Value, partial.EndUtc!.Value, $" AND \"ProvinceId\" = {tehran}", now));
        Assert.Equal(subjects.Keys.Order(), bySubject.Rows.Select(r => r.Key).Order());
        Assert.All(bySubject.Rows, row => AssertSame(subjects[row.Key], row.Figures));

        // A supervisor (their province by scope), all time, by month.
        var supervisor = new StaffActor("s", "سرپرست", StaffRole.Supervisor, tehran, []);
        var byMonth = await app.WithDbAsync(db => queries(db).ComputeAsync(
            ReportFilter.Parse(supervisor, null, null, null, null, null), ReportGrouping.Month));
        Assert.True(byMonth.Rows.Count >= 15);
        foreach (var row in byMonth.Rows)
        {
            var month = new JalaliMonth(int.Parse(row.Key[..4], CultureInfo.InvariantCulture), int.Parse(row.Key[5..], CultureInfo.InvariantCulture));
            var counted = await app.WithDbAsync(db => CountBySqlAsync(
                db, "\"ProvinceId\"", month.StartUtc, month.Next().StartUtc, $" AND \"ProvinceId\" = {tehran}", now));
            AssertSame(counted.Values.SingleOrDefault() ?? new Counts(), row.Figures);
        }

        // An administrator, all time, one channel, by expert; and everything in total.
        var web = new ReportFilter(JalaliDateRange.Parse(null, null), null, null, RequestChannel.Web, ReportFilter.ForStaff(Admin));
        var byExpert = await app.WithDbAsync(db => queries(db).ComputeAsync(web, ReportGrouping.Expert));
        var experts = await app.WithDbAsync(db => CountBySqlAsync(
            db, "\"FirstAnsweredById\"", AllTime.Start, AllTime.End, " AND \"Channel\" = 'Web' AND \"FirstAnsweredById\" IS NOT NULL", now));
        Assert.Equal(experts.Keys.Order(), byExpert.Rows.Select(r => r.Key).Order());
        Assert.All(byExpert.Rows, row => AssertSame(experts[row.Key], row.Figures));

        var total = await app.WithDbAsync(db => queries(db).ComputeAsync(
            new ReportFilter(JalaliDateRange.Parse(null, null), null, null, null, ReportFilter.ForStaff(Admin)), ReportGrouping.None));
        var all = await app.WithDbAsync(db => CountBySqlAsync(db, "1", AllTime.Start, AllTime.End, "", now));
        AssertSame(all.Values.Single(), total.Total);
        Assert.True(total.Total.OverdueUnanswered > 0);
    }
}

using System.Data.Common;
using System.Globalization;
using HajDesk.Core.Data;
using HajDesk.Core.Persian;
using HajDesk.Core.Reports;
using HajDesk.Core.Requests;
using HajDesk.Core.Staff;
using HajDesk.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace HajDesk.Web.Tests.Reports;

/// <summary>
/// The report figures against counts written by hand in SQL over the same seeded rows, on both providers: what the
/// query service groups and derives must be what a reader counting the table would find.
/// </summary>
public class ReportQueriesTests
{
    /// <summary>"Now" for overdue requests: the end of 1404.</summary>
    public static readonly DateTime Now = new(2026, 3, 10, 12, 0, 0, DateTimeKind.Utc);

    public static TheoryData<DatabaseProvider> Providers => [DatabaseProvider.Sqlite, DatabaseProvider.Postgres];

    private static readonly string[] Provinces = ["Tehran", "Isfahan", "Fars"];

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task ComputeAsync_ByProvince_AgreesWithHandWrittenSql(DatabaseProvider provider)
    {
        await using var app = await HajDeskFactory.CreateAsync(provider);
        await ReportSeed.SeedAsync(app, 240);
        var (from, to) = ("1404/02/01", "1404/10/30");
        var range = JalaliDateRange.Parse(from, to);

        var report = await app.WithDbAsync(db => Queries(db).ComputeAsync(
            new ReportFilter(range, null, null, null, ReportFilter.ForStaff(Admin)), ReportGrouping.Province));

        var expected = await app.WithDbAsync(db => CountBySqlAsync(db, "\"ProvinceId\"", range.StartUtc!.Value, range.EndUtc!.Value, ""));
        Assert.Equal(expected.Keys.Order(), report.Rows.Select(r => r.Key).Order());
        foreach (var row in report.Rows)
        {
            AssertSame(expected[row.Key], row.Figures);
        }

        AssertSame(expected.Values.Aggregate(Add), report.Total);
        Assert.True(report.Total.Received > 100 && report.Total.OverdueUnanswered > 0 && report.Total.Reopened > 0);
        var days = await app.WithDbAsync(db => WorkingDaysBySqlAsync(db, range.StartUtc!.Value, range.EndUtc!.Value, ""));
        Assert.Equal(NearestRank(days, 50), report.Total.MedianWorkingDays);
        Assert.Equal(NearestRank(days, 90), report.Total.Percentile90WorkingDays);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task ComputeAsync_SupervisorByMonth_CountsTheirProvinceEachJalaliMonth(DatabaseProvider provider)
    {
        await using var app = await HajDeskFactory.CreateAsync(provider);
        await ReportSeed.SeedAsync(app, 240);
        var tehran = await app.WithDbAsync(db => db.Provinces.Where(p => p.Code == "Tehran").Select(p => p.Id).SingleAsync());
        var supervisor = new StaffActor("s", "سرپرست", StaffRole.Supervisor, tehran, []);
        var range = JalaliDateRange.Parse("۱۴۰۴/۰۱/۰۱", "۱۴۰۴/۱۲/۲۹");

        var report = await app.WithDbAsync(db => Queries(db).ComputeAsync(
            new ReportFilter(range, null, null, null, ReportFilter.ForStaff(supervisor)), ReportGrouping.Month));

        Assert.Equal(12, report.Rows.Count);
        Assert.Equal("فروردین ۱۴۰۴", report.Rows[0].Label);
        for (var month = 1; month <= 12; month++)
        {
            var start = new JalaliMonth(1404, month).StartUtc;
            var end = new JalaliMonth(1404, month).Next().StartUtc;
            var expected = await app.WithDbAsync(db => CountBySqlAsync(db, "\"ProvinceId\"", start, end, $" AND \"ProvinceId\" = {tehran}"));
            AssertSame(expected.Values.SingleOrDefault() ?? new Counts(), report.Rows[month - 1].Figures);
        }

        var all = await app.WithDbAsync(db => CountBySqlAsync(db, "\"ProvinceId\"", range.StartUtc!.Value, range.EndUtc!.Value, ""));
        Assert.Equal(all[tehran.ToString(CultureInfo.InvariantCulture)].Received, report.Total.Received);
        Assert.True(all.Count > 1);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task ComputeAsync_BySubjectAndExpertWithChannel_AgreesWithHandWrittenSql(DatabaseProvider provider)
    {
        await using var app = await HajDeskFactory.CreateAsync(provider);
        await ReportSeed.SeedAsync(app, 160);
        var range = JalaliDateRange.Parse(null, null);
        var filter = new ReportFilter(range, null, null, RequestChannel.Web, ReportFilter.ForStaff(Admin));
        var open = (Start: DateTime.UnixEpoch, End: new DateTime(2100, 1, 1, 0, 0, 0, DateTimeKind.Utc));

        var bySubject = await app.WithDbAsync(db => Queries(db).ComputeAsync(filter, ReportGrouping.Subject));
        var byExpert = await app.WithDbAsync(db => Queries(db).ComputeAsync(filter, ReportGrouping.Expert));
        var total = await app.WithDbAsync(db => Queries(db).ComputeAsync(filter, ReportGrouping.None));

        var subjects = await app.WithDbAsync(db => CountBySqlAsync(db, "\"SubjectId\"", open.Start, open.End, " AND \"Channel\" = 'Web'"));
        Assert.Equal(subjects.Count, bySubject.Rows.Count);
        Assert.All(bySubject.Rows, row => AssertSame(subjects[row.Key], row.Figures));
        var experts = await app.WithDbAsync(db => CountBySqlAsync(db, "\"FirstAnsweredById\"", open.Start, open.End, " AND \"Channel\" = 'Web' AND \"FirstAnsweredById\" IS NOT NULL"));
        Assert.Equal(experts.Keys.Order(), byExpert.Rows.Select(r => r.Key).Order());
        Assert.All(byExpert.Rows, row => AssertSame(experts[row.Key], row.Figures));
        Assert.Contains(byExpert.Rows, r => r.Label == "کارشناس یکم");
        AssertSame(subjects.Values.Aggregate(Add), total.Total);
        Assert.Empty(total.Rows);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task ComputeAsync_Expert_CountsNothing(DatabaseProvider provider)
    {
        await using var app = await HajDeskFactory.CreateAsync(provider);
        await ReportSeed.SeedAsync(app, 20);
        var expert = new StaffActor("e", "کارشناس", StaffRole.Expert, 1, []);

        var report = await app.WithDbAsync(db => Queries(db).ComputeAsync(
            ReportFilter.Parse(expert, null, null, null, null, null), ReportGrouping.Province));

        Assert.Empty(report.Rows);
        Assert.Equal(0, report.Total.Received);
    }

    internal static StaffActor Admin { get; } = new("a", "مدیر", StaffRole.Administrator, null, []);

    internal static ReportQueries Queries(HajDeskDbContext db) => new(db, new FixedTime(Now));

    internal sealed class FixedTime(DateTime now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => new(now, TimeSpan.Zero);
    }

    /// <summary>The counts a reader would make, one row per group.</summary>
    internal sealed record Counts(
        int Received = 0, int Answered = 0, int Closed = 0, int OnTime = 0, int Overdue = 0, int Reopened = 0, int Objected = 0,
        int R1 = 0, int R2 = 0, int R3 = 0, int R4 = 0, int R5 = 0);

    internal static Counts Add(Counts a, Counts b) => new(
        a.Received + b.Received, a.Answered + b.Answered, a.Closed + b.Closed, a.OnTime + b.OnTime, a.Overdue + b.Overdue,
        a.Reopened + b.Reopened, a.Objected + b.Objected, a.R1 + b.R1, a.R2 + b.R2, a.R3 + b.R3, a.R4 + b.R4, a.R5 + b.R5);

    internal static void AssertSame(Counts expected, ReportFigures actual) => Assert.Equal(
        expected,
        new Counts(actual.Received, actual.Answered, actual.Closed, actual.AnsweredOnTime, actual.OverdueUnanswered, actual.Reopened,
            actual.Objected, actual.RatingCounts[0], actual.RatingCounts[1], actual.RatingCounts[2], actual.RatingCounts[3], actual.RatingCounts[4]));

    internal static async Task<Dictionary<string, Counts>> CountBySqlAsync(HajDeskDbContext db, string key, DateTime start, DateTime end, string where, DateTime? now = null)
    {
        var sql = $"""
            SELECT {key},
                COUNT(*),
                SUM(CASE WHEN "FirstAnsweredAt" IS NOT NULL THEN 1 ELSE 0 END),
                SUM(CASE WHEN "Status" = 'Closed' THEN 1 ELSE 0 END),
                SUM(CASE WHEN "FirstAnsweredOnTime" THEN 1 ELSE 0 END),
                SUM(CASE WHEN "FirstAnsweredAt" IS NULL AND "DueAt" < @now
                    AND "Status" IN ('Submitted', 'InProgress', 'Referred', 'Reopened') THEN 1 ELSE 0 END),
                SUM(CASE WHEN "FirstAnsweredAt" IS NOT NULL AND "ReopenCount" > 0 THEN 1 ELSE 0 END),
                SUM(CASE WHEN "FirstAnsweredAt" IS NOT NULL AND "ObjectedAt" IS NOT NULL THEN 1 ELSE 0 END),
                SUM(CASE WHEN "Rating" = 1 THEN 1 ELSE 0 END), SUM(CASE WHEN "Rating" = 2 THEN 1 ELSE 0 END),
                SUM(CASE WHEN "Rating" = 3 THEN 1 ELSE 0 END), SUM(CASE WHEN "Rating" = 4 THEN 1 ELSE 0 END),
                SUM(CASE WHEN "Rating" = 5 THEN 1 ELSE 0 END)
            FROM "Requests"
            WHERE "CreatedAt" >= @start AND "CreatedAt" < @end{where}
            GROUP BY {key}
            """;
        var result = new Dictionary<string, Counts>();
        await using var reader = await ExecuteAsync(db, sql, start, end, now ?? Now);
        while (await reader.ReadAsync())
        {
            var n = Enumerable.Range(1, 12).Select(i => Convert.ToInt32(reader.GetValue(i), CultureInfo.InvariantCulture)).ToArray();
            result[Convert.ToString(reader.GetValue(0), CultureInfo.InvariantCulture)!] =
                new Counts(n[0], n[1], n[2], n[3], n[4], n[5], n[6], n[7], n[8], n[9], n[10], n[11]);
        }

        return result;
    }

    internal static async Task<List<int>> WorkingDaysBySqlAsync(HajDeskDbContext db, DateTime start, DateTime end, string where)
    {
        var days = new List<int>();
        await using var reader = await ExecuteAsync(db,
            $"""SELECT "FirstAnswerWorkingDays" FROM "Requests" WHERE "FirstAnswerWorkingDays" IS NOT NULL AND "CreatedAt" >= @start AND "CreatedAt" < @end{where} ORDER BY 1""",
            start, end, Now);
        while (await reader.ReadAsync())
        {
            days.Add(Convert.ToInt32(reader.GetValue(0), CultureInfo.InvariantCulture));
        }

        return days;
    }

    private static async Task<DbDataReader> ExecuteAsync(HajDeskDbContext db, string sql, DateTime start, DateTime end, DateTime now)
    {
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in new[] { ("start", start), ("end", end), ("now", now) })
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = "@" + name;
            // SQLite keeps instants as text in EF Core's format; PostgreSQL as timestamptz.
            parameter.Value = db.Database.IsSqlite() ? value.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture) : value;
            command.Parameters.Add(parameter);
        }

        return await command.ExecuteReaderAsync();
    }

    internal static int? NearestRank(List<int> sorted, int percent) =>
        sorted.Count == 0 ? null : sorted[(int)Math.Ceiling(percent * sorted.Count / 100.0) - 1];
}

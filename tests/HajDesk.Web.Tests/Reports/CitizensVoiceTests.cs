using System.Data.Common;
using System.Globalization;
using HajDesk.Core.Catalogue;
using HajDesk.Core.Data;
using HajDesk.Core.Persian;
using HajDesk.Core.Reports;
using HajDesk.Core.Requests;
using HajDesk.Core.Staff;
using HajDesk.Core.Surveys;
using HajDesk.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static HajDesk.Web.Tests.Reports.ReportQueriesTests;

namespace HajDesk.Web.Tests.Reports;

/// <summary>
/// The citizens' voice in the reports (issue 26) against counts written by hand in SQL, on both providers: the
/// survey figures per group, live and from the summary (also after a survey is answered once its month was
/// summarised), a supervisor's comments, and the catalogue's deflection per subject.
/// </summary>
public class CitizensVoiceTests
{
    public static TheoryData<DatabaseProvider> Providers => [DatabaseProvider.Sqlite, DatabaseProvider.Postgres];

    private static readonly Dictionary<string, string?> NoRound = new() { ["Reports:SummaryInterval"] = "00:00:00" };

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task SurveyFigures_ByProvinceAndExpert_AgreeWithHandWrittenSql_LiveAndSummarised(DatabaseProvider provider)
    {
        await using var app = await HajDeskFactory.CreateAsync(provider, NoRound);
        await ReportSeed.SeedAsync(app, 240);
        await SeedSurveysAsync(app);
        await AssertSurveysAgreeAsync(app);

        await app.WithDbAsync(db => ReportSummary.RefreshAsync(db, Now));
        await AssertSurveysAgreeAsync(app);

        // A survey of a summarised month answered now: its month is marked in the same save and counted live.
        await app.WithDbAsync(async db =>
        {
            var before = new JalaliMonth(1404, 6).StartUtc;
            var open = await db.SurveyInvitations
                .Where(i => i.SubmittedAt == null && db.Requests.Any(r => r.Id == i.RequestId && r.CreatedAt < before))
                .OrderBy(i => i.Id).FirstAsync();
            Assert.Equal(SurveyOutcome.Recorded, open.Submit(["1", "۲", "3", "4", "5"], "دیر ولی درست", open.CreatedAt.AddDays(1), out _));
            await db.SaveChangesAsync();
        });
        Assert.True(await app.WithDbAsync(db => db.ReportSummaryChanges.AnyAsync(c => c.Month < 140412)));
        await AssertSurveysAgreeAsync(app);
        await app.WithDbAsync(db => ReportSummary.RefreshAsync(db, Now));
        Assert.False(await app.WithDbAsync(db => db.ReportSummaryChanges.AnyAsync(c => c.Month < 140412)));
        await AssertSurveysAgreeAsync(app);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Comments_ASupervisorReadsThoseOfTheirProvince_LatestRequestsFirst(DatabaseProvider provider)
    {
        await using var app = await HajDeskFactory.CreateAsync(provider, NoRound);
        await ReportSeed.SeedAsync(app, 240);
        await SeedSurveysAsync(app, everyAnswerComments: true);
        var tehran = await app.WithDbAsync(db => db.Provinces.Where(p => p.Code == "Tehran").Select(p => new { p.Id, p.Name }).SingleAsync());
        var supervisor = new StaffActor("s", "سرپرست", StaffRole.Supervisor, tehran.Id, []);
        var filter = ReportFilter.Parse(supervisor, null, null, null, null, null);

        var first = await app.WithDbAsync(db => new ReportComments(db).ListAsync(filter, null, 1));
        var second = await app.WithDbAsync(db => new ReportComments(db).ListAsync(filter, null, 2));

        var expected = await app.WithDbAsync(db => ScalarAsync(db, $"""
            SELECT COUNT(*) FROM "SurveyInvitations" i JOIN "Requests" r ON r."Id" = i."RequestId"
            WHERE i."Comment" IS NOT NULL AND i."SubmittedAt" IS NOT NULL AND r."ProvinceId" = {tehran.Id}
            """));
        // Every answered survey of this seed carries a comment: more than one page of Tehran's, fewer than two.
        Assert.InRange(expected, ReportComments.PageSize + 1, 2 * ReportComments.PageSize);
        Assert.True(first.More);
        Assert.False(second.More);
        Assert.Equal(expected, first.Page.Count + second.Page.Count);
        var all = first.Page.Concat(second.Page).ToList();
        Assert.All(all, c => Assert.Equal(tehran.Name, c.Province));
        Assert.Equal(all.OrderByDescending(c => c.ReceivedAt).Select(c => c.ReceivedAt), all.Select(c => c.ReceivedAt));
        Assert.Contains(all, c => c.Expert == "کارشناس یکم");
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Deflection_PerSubject_CountsFormsWithAnswersReadAndThoseNeverSent(DatabaseProvider provider)
    {
        await using var app = await HajDeskFactory.CreateAsync(provider, NoRound);
        await ReportSeed.SeedAsync(app, 30);
        var (mainId, subId) = await app.WithDbAsync(async db =>
        {
            var sub = await db.Subjects.Where(s => s.ParentId != null).OrderBy(s => s.Id).FirstAsync();
            var main = await db.Subjects.Where(s => s.ParentId == null && s.Id != sub.ParentId).OrderBy(s => s.Id).FirstAsync();
            db.SubjectQuestions.Add(new SubjectQuestion { SubjectId = main.Id, Question = "پرسش یکم؟", Answer = "پاسخ یکم." });
            db.SubjectQuestions.Add(new SubjectQuestion { SubjectId = sub.Id, Question = "پرسش دوم؟", Answer = "پاسخ دوم." });
            await db.SaveChangesAsync();
            return (main.Id, sub.ParentId!.Value);
        });
        await app.WithDbAsync(async db =>
        {
            var questions = await db.SubjectQuestions.OrderBy(q => q.Id).Select(q => q.Id).ToListAsync();
            var sent = await db.Requests.OrderBy(r => r.Id).Select(r => r.SubmissionKey).Take(3).ToListAsync();
            var at = new DateTime(2025, 6, 1, 8, 0, 0, DateTimeKind.Utc);
            // Main subject: three forms, one sent (two answers read on it); sub-subject (counted under its main): two, both left.
            var formsMain = new[] { sent[0], Guid.NewGuid(), Guid.NewGuid() };
            foreach (var key in formsMain)
            {
                db.AnswerViews.Add(new AnswerView { QuestionId = questions[0], SubmissionKey = key, At = at });
            }

            db.AnswerViews.Add(new AnswerView { QuestionId = questions[1], SubmissionKey = sent[0], At = at });
            db.AnswerViews.Add(new AnswerView { QuestionId = questions[1], SubmissionKey = Guid.NewGuid(), At = at });
            db.AnswerViews.Add(new AnswerView { QuestionId = questions[1], SubmissionKey = Guid.NewGuid(), At = at.AddYears(2) });
            await db.SaveChangesAsync();
        });

        var rows = await app.WithDbAsync(db => CatalogueDeflection.BySubjectAsync(db, JalaliDateRange.Parse("1404/01/01", "1404/12/29"), null));

        Assert.Equal(2, rows.Count);
        var main = rows.Single(r => r.SubjectId == mainId);
        Assert.Equal((3, 2), (main.FormsWithAnswersRead, main.LeftWithoutSending));
        var parent = rows.Single(r => r.SubjectId == subId);
        Assert.Equal((2, 1), (parent.FormsWithAnswersRead, parent.LeftWithoutSending));
        Assert.Equal(50, parent.LeftPercent);
    }

    /// <summary>A survey for five in six answered requests; two thirds of those answered, a third of those with a comment.</summary>
    private static Task SeedSurveysAsync(HajDeskFactory app, bool everyAnswerComments = false) => app.WithDbAsync(async db =>
    {
        var random = new Random(26);
        var answered = await db.Requests.Where(r => r.FirstAnsweredAt != null).OrderBy(r => r.Id).Select(r => new { r.Id, r.FirstAnsweredAt }).ToListAsync();
        foreach (var request in answered.Where(_ => random.Next(6) != 0))
        {
            var (invitation, _) = SurveyInvitation.Create(request.Id, request.FirstAnsweredAt!.Value);
            if (random.Next(3) != 0)
            {
                var scores = Enumerable.Range(0, 5).Select(_ => random.Next(1, 6).ToString(CultureInfo.InvariantCulture)).ToArray();
                var comment = everyAnswerComments || random.Next(3) == 0 ? "پاسخ خوب بود " + request.Id.ToString(CultureInfo.InvariantCulture) : null;
                Assert.Equal(SurveyOutcome.Recorded, invitation.Submit(scores, comment, request.FirstAnsweredAt.Value.AddDays(random.Next(1, 20)), out _));
            }

            db.SurveyInvitations.Add(invitation);
        }

        await db.SaveChangesAsync();
    });

    private static async Task AssertSurveysAgreeAsync(HajDeskFactory app)
    {
        var all = JalaliDateRange.Parse(null, null);
        foreach (var (grouping, key) in new[] { (ReportGrouping.Province, "r.\"ProvinceId\""), (ReportGrouping.Expert, "r.\"FirstAnsweredById\"") })
        {
            var report = await app.WithDbAsync(db => Queries(db).ComputeAsync(
                new ReportFilter(all, null, null, null, ReportFilter.ForStaff(Admin)), grouping));
            var expected = await app.WithDbAsync(db => SurveysBySqlAsync(db, key));
            foreach (var row in report.Rows)
            {
                var (sent, answered, scores) = expected[row.Key];
                Assert.Equal((sent, answered), (row.Figures.SurveysSent, row.Figures.SurveysAnswered));
                Assert.Equal(scores, row.Figures.SurveyScores.Select(item => item.ToArray()).ToArray());
            }

            Assert.Equal(expected.Keys.Where(k => k.Length > 0).Order(), report.Rows.Select(r => r.Key).Order());
            Assert.Equal(expected.Values.Sum(e => e.Answered), report.Total.SurveysAnswered);
            Assert.True(report.Total.SurveysAnswered > 20 && report.Total.SurveyMean(4) is > 1 and < 5);
        }
    }

    /// <summary>Per key: surveys sent, answered, and each item's score counts (the scores are one digit each: <c>5,4,4,5,5</c>).</summary>
    private static async Task<Dictionary<string, (int Sent, int Answered, int[][] Scores)>> SurveysBySqlAsync(HajDeskDbContext db, string key)
    {
        var counts = string.Join(",\n", Enumerable.Range(0, 5).SelectMany(item => Enumerable.Range(1, 5).Select(score =>
            $"SUM(CASE WHEN substr(i.\"Scores\", {(2 * item) + 1}, 1) = '{score}' THEN 1 ELSE 0 END)")));
        var sql = $"""
            SELECT COALESCE(CAST({key} AS TEXT), ''), COUNT(*), SUM(CASE WHEN i."SubmittedAt" IS NOT NULL THEN 1 ELSE 0 END),
                {counts}
            FROM "SurveyInvitations" i JOIN "Requests" r ON r."Id" = i."RequestId"
            GROUP BY {key}
            """;
        var result = new Dictionary<string, (int, int, int[][])>();
        await using var reader = await ReaderAsync(db, sql);
        while (await reader.ReadAsync())
        {
            var n = Enumerable.Range(1, 27).Select(i => Convert.ToInt32(reader.GetValue(i), CultureInfo.InvariantCulture)).ToArray();
            result[Convert.ToString(reader.GetValue(0), CultureInfo.InvariantCulture)!] =
                (n[0], n[1], Enumerable.Range(0, 5).Select(item => n.Skip(2 + (5 * item)).Take(5).ToArray()).ToArray());
        }

        return result;
    }

    private static async Task<int> ScalarAsync(HajDeskDbContext db, string sql)
    {
        await using var reader = await ReaderAsync(db, sql);
        await reader.ReadAsync();
        return Convert.ToInt32(reader.GetValue(0), CultureInfo.InvariantCulture);
    }

    private static async Task<DbDataReader> ReaderAsync(HajDeskDbContext db, string sql)
    {
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteReaderAsync();
    }
}

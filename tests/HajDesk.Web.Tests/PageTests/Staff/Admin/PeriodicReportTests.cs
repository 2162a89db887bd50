using System.Net;
using HajDesk.Web.Exports;
using HajDesk.Web.Staff;
using HajDesk.Web.Tests.Exports;
using HajDesk.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using PeriodicReportPage = HajDesk.Web.Pages.Staff.Admin.PeriodicReport.IndexModel;

namespace HajDesk.Web.Tests.PageTests.Staff.Admin;

public class PeriodicReportTests
{
    public static TheoryData<DatabaseProvider> Providers => [DatabaseProvider.Sqlite, DatabaseProvider.Postgres];

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Download_PastMonth_GivesSubjectAndProvinceSheetsAndIsAudited(DatabaseProvider provider)
    {
        await using var app = await HajDeskFactory.CreateAsync(provider);
        var world = await StaffWorld.CreateAsync(app);
        // Mehr 1403 is 2024-09-22 to 2024-10-21; the last request is in Aban and not counted.
        var mehr = new DateTime(2024, 10, 1, 8, 0, 0, DateTimeKind.Utc);
        await world.Data.CreateRequestAsync("Tehran", world.SubjectX, configure: r => r.CreatedAt = mehr);
        await world.Data.CreateRequestAsync("Tehran", world.SubjectY, configure: r => r.CreatedAt = mehr.AddDays(3));
        await world.Data.CreateRequestAsync("Isfahan", world.SubjectX, configure: r => r.CreatedAt = mehr.AddDays(5));
        await world.Data.CreateRequestAsync("Isfahan", world.SubjectX, configure: r => r.CreatedAt = mehr.AddDays(30));
        var client = await app.SignInAsync("admin.test");
        var form = await client.GetPageAsync("/staff/admin/periodic-report");
        Assert.NotNull(form.QuerySelector("[data-testid=periodic-report-form]"));

        var response = await client.GetAsync("/staff/admin/periodic-report?handler=download&year=" + Uri.EscapeDataString("۱۴۰۳") + "&part=7");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Matches(@"^periodic-report-1403-07-1[0-9]{3}-[01][0-9]-[0-3][0-9]\.xlsx$", response.Content.Headers.ContentDisposition!.FileName!.Trim('"'));
        var sheets = ExportFiles.ReadXlsx(await response.Content.ReadAsByteArrayAsync());
        var provinces = sheets[PeriodicReportPage.ProvinceSheet];
        var subjects = sheets[PeriodicReportPage.SubjectSheet];
        Assert.Equal(ReportTableExport.Columns("استان").Select(c => c.Header), provinces[0]);
        var received = provinces.Skip(1).ToDictionary(r => r[0], r => r[1]);
        Assert.Equal("2", received["تهران"]);
        Assert.Equal("1", received["اصفهان"]);
        Assert.Equal("3", received[ReportTableExport.TotalLabel]);
        Assert.Equal("3", subjects[^1][1]);
        Assert.Equal(3, subjects.Count - 1);
        var audit = await app.WithDbAsync(db => db.AuditEntries.SingleAsync(a => a.Action == AuditActions.PeriodicReport));
        Assert.Contains("مهر ۱۴۰۳", audit.Details, StringComparison.Ordinal);
        Assert.Contains("۶ ردیف", audit.Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Download_PeriodNotOverOrWrong_Is400WithTheReason()
    {
        await using var app = await HajDeskFactory.CreateAsync();
        await StaffWorld.CreateAsync(app);
        var client = await app.SignInAsync("admin.test");

        var future = await client.GetAsync("/staff/admin/periodic-report?handler=download&year=1500&part=h2");
        var wrong = await client.GetAsync("/staff/admin/periodic-report?handler=download&year=abc&part=7");

        Assert.Equal(HttpStatusCode.BadRequest, future.StatusCode);
        Assert.Contains(ReportPeriod.FutureMessage, await future.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Contains(ReportPeriod.YearMessage, await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("tehran.supervisor")]
    [InlineData("tehran.expert")]
    public async Task Page_NonAdministrator_Gets404(string user)
    {
        await using var app = await HajDeskFactory.CreateAsync();
        await StaffWorld.CreateAsync(app);
        var client = await app.SignInAsync(user);

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/staff/admin/periodic-report")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/staff/admin/periodic-report?handler=download&year=1403&part=7")).StatusCode);
    }
}

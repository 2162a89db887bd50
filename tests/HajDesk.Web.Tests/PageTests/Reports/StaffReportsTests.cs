using System.Net;
using HajDesk.Web.Pages.Staff.Reports;
using HajDesk.Web.Staff;
using HajDesk.Web.Tests.Infrastructure;
using HajDesk.Web.Tests.PageTests.Staff;
using Microsoft.EntityFrameworkCore;

namespace HajDesk.Web.Tests.PageTests.Reports;

public class StaffReportsTests
{
    [Fact]
    public async Task Reports_Expert_IsNotFoundAndHasNoLink()
    {
        await using var app = await HajDeskFactory.CreateAsync();
        await StaffWorld.CreateAsync(app);
        var client = await app.SignInAsync("tehran.expert");

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/staff/reports")).StatusCode);
        Assert.Null((await client.GetPageAsync("/staff/inbox")).QuerySelector("[data-testid=reports-link]"));
        Assert.Equal(0, await app.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == IndexModel.AuditAction)));
    }

    [Fact]
    public async Task Reports_Supervisor_SeesOnlyTheirProvinceAndTheViewIsAudited()
    {
        await using var app = await HajDeskFactory.CreateAsync();
        var world = await StaffWorld.CreateAsync(app);
        await world.Data.CreateRequestAsync("Tehran", world.SubjectX);
        await world.Data.CreateRequestAsync("Tehran", world.SubjectY);
        await world.Data.CreateRequestAsync("Isfahan", world.SubjectX);
        var client = await app.SignInAsync("tehran.supervisor");

        var page = await client.GetPageAsync("/staff/reports?View=province");

        Assert.NotNull(page.QuerySelector("[data-testid=reports-link]"));
        var rows = page.QuerySelectorAll("[data-testid=report-rows] tbody tr");
        var row = Assert.Single(rows);
        Assert.Equal("تهران", row.QuerySelector("th")!.TextContent.Trim());
        Assert.Equal("۲", row.QuerySelectorAll("td")[0].TextContent.Trim());
        Assert.Equal("۲", page.QuerySelector("[data-testid=report-total] tbody td")!.TextContent.Trim());
        Assert.Single(page.QuerySelectorAll("#Province option"));
        Assert.NotNull(page.QuerySelector("[data-testid=report-rows] caption"));
        Assert.NotNull(page.QuerySelector("svg.report-chart[role=img]"));
        var audit = await app.WithDbAsync(db => db.AuditEntries.Where(a => a.Action == IndexModel.AuditAction).ToListAsync());
        Assert.Equal(world.TehranSupervisor.Id, Assert.Single(audit).UserId);
        Assert.Contains("استان", audit[0].Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReportsExport_SupervisorsTable_IsTheirProvinceAndTotalAsCsvAndAudited()
    {
        await using var app = await HajDeskFactory.CreateAsync();
        var world = await StaffWorld.CreateAsync(app);
        await world.Data.CreateRequestAsync("Tehran", world.SubjectX);
        await world.Data.CreateRequestAsync("Tehran", world.SubjectY);
        await world.Data.CreateRequestAsync("Isfahan", world.SubjectX);
        var supervisor = await app.SignInAsync("tehran.supervisor");
        var page = await supervisor.GetPageAsync("/staff/reports?View=province");
        var link = page.QuerySelectorAll("[data-testid=report-export-links] a").Select(a => a.GetAttribute("href")!)
            .Single(href => href.EndsWith("format=csv", StringComparison.Ordinal));

        var response = await supervisor.GetAsync(link);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition!.DispositionType);
        var rows = Exports.ExportFiles.ReadCsv(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(new[] { "استان", "دریافتی" }, rows[0].Take(2));
        Assert.Equal(new[] { "تهران", "2" }, rows[1].Take(2));
        Assert.Equal(new[] { HajDesk.Web.Exports.ReportTableExport.TotalLabel, "2" }, rows[2].Take(2));
        Assert.Equal(3, rows.Count);
        var audit = await app.WithDbAsync(db => db.AuditEntries.Where(a => a.Action == AuditActions.ReportExport).ToListAsync());
        Assert.Equal(world.TehranSupervisor.Id, Assert.Single(audit).UserId);
        // An expert has no reports, so no table to download; a format that is not one is no address either.
        var expert = await app.SignInAsync("tehran.expert");
        Assert.Equal(HttpStatusCode.NotFound, (await expert.GetAsync(link)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await supervisor.GetAsync(link.Replace("format=csv", "format=pdf", StringComparison.Ordinal))).StatusCode);
    }

    [Fact]
    public async Task Reports_AdministratorEachView_CountsEveryProvince()
    {
        await using var app = await HajDeskFactory.CreateAsync();
        var world = await StaffWorld.CreateAsync(app);
        await world.Data.CreateRequestAsync("Tehran", world.SubjectX);
        await world.Data.CreateRequestAsync("Isfahan", world.SubjectY);
        var client = await app.SignInAsync("admin.test");

        foreach (var view in new[] { "month", "province", "subject", "expert" })
        {
            var page = await client.GetPageAsync("/staff/reports?View=" + view);
            var expected = view == "expert" ? "۰" : "۲";
            Assert.Equal(expected, page.QuerySelector("[data-testid=report-total] tbody td")!.TextContent.Trim());
        }

        var byProvince = await client.GetPageAsync("/staff/reports?View=province");
        Assert.Equal(2, byProvince.QuerySelectorAll("[data-testid=report-rows] tbody tr").Length);
        Assert.Equal(5, await app.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == IndexModel.AuditAction)));
    }

    [Fact]
    public async Task Reports_RatingsByProvince_ShowEachGroupsDistributionInPageAndExport()
    {
        await using var app = await HajDeskFactory.CreateAsync();
        var world = await StaffWorld.CreateAsync(app);
        var rated = new[]
        {
            (await world.Data.CreateRequestAsync("Tehran", world.SubjectX)).Id,
            (await world.Data.CreateRequestAsync("Tehran", world.SubjectY)).Id,
            (await world.Data.CreateRequestAsync("Isfahan", world.SubjectX)).Id,
        };
        await world.Data.CreateRequestAsync("Isfahan", world.SubjectY);
        var ratings = new[] { 5, 3, 1 };
        await app.WithDbAsync(async db =>
        {
            for (var i = 0; i < rated.Length; i++)
            {
                await db.Requests.Where(r => r.Id == rated[i]).ExecuteUpdateAsync(u => u.SetProperty(r => r.Rating, ratings[i]));
            }
        });
        var client = await app.SignInAsync("admin.test");

        var page = await client.GetPageAsync("/staff/reports?View=province");

        var table = page.QuerySelector("[data-testid=report-ratings]")!;
        Assert.Contains("به تفکیک استان", table.QuerySelector("caption")!.TextContent, StringComparison.Ordinal);
        var cells = table.QuerySelectorAll("tbody tr")
            .ToDictionary(tr => tr.QuerySelector("th")!.TextContent.Trim(), tr => tr.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToArray());
        Assert.Equal(new[] { "۰", "۰", "۱", "۰", "۱", "۴" }, cells["تهران"]);
        Assert.Equal(new[] { "۱", "۰", "۰", "۰", "۰", "۱" }, cells["اصفهان"]);
        Assert.Equal(new[] { "۱", "۰", "۱", "۰", "۱", "۳" }, cells["جمع"]);

        var link = page.QuerySelectorAll("[data-testid=report-export-links] a").Select(a => a.GetAttribute("href")!)
            .Single(href => href.EndsWith("format=csv", StringComparison.Ordinal));
        var csv = Exports.ExportFiles.ReadCsv(await client.GetByteArrayAsync(link));
        var stars = Enumerable.Range(1, 5).Select(n => Array.IndexOf(csv[0], "امتیاز " + (char)('۰' + n))).ToArray();
        Assert.DoesNotContain(-1, stars);
        var tehran = csv.Single(row => row[0] == "تهران");
        Assert.Equal(new[] { "0", "0", "1", "0", "1" }, stars.Select(i => tehran[i]));
    }

    [Fact]
    public async Task Reports_PersianDigitDates_FilterByTehranDays()
    {
        await using var app = await HajDeskFactory.CreateAsync();
        var world = await StaffWorld.CreateAsync(app);
        var old = await world.Data.CreateRequestAsync("Tehran", world.SubjectX);
        await world.Data.CreateRequestAsync("Tehran", world.SubjectX);
        await app.WithDbAsync(db => db.Requests.Where(r => r.Id == old.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.CreatedAt, new DateTime(2025, 4, 1, 8, 0, 0, DateTimeKind.Utc))));
        var client = await app.SignInAsync("admin.test");

        var page = await client.GetPageAsync("/staff/reports?From=" + Uri.EscapeDataString("۱۴۰۴/۰۱/۰۱") + "&To=" + Uri.EscapeDataString("۱۴۰۴/۰۱/۳۱"));

        Assert.Null(page.QuerySelector("[data-testid=errors]"));
        Assert.Equal("۱", page.QuerySelector("[data-testid=report-total] tbody td")!.TextContent.Trim());
        Assert.Equal("فروردین ۱۴۰۴", page.QuerySelector("[data-testid=report-rows] tbody th")!.TextContent.Trim());
        Assert.Equal("1404/01/01", page.QuerySelector("[data-testid=view-province]")!.GetAttribute("href")!.Split("From=")[1].Split('&')[0].Replace("%2F", "/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Reports_WrongDate_ShowsPersianErrorAndKeepsWhatWasTyped()
    {
        await using var app = await HajDeskFactory.CreateAsync();
        await StaffWorld.CreateAsync(app);
        var client = await app.SignInAsync("admin.test");

        var response = await client.GetAsync("/staff/reports?From=" + Uri.EscapeDataString("۱۴۰۴/۱۳/۴۰") + "&To=<script>");
        var page = await client.GetPageAsync("/staff/reports?From=" + Uri.EscapeDataString("۱۴۰۴/۱۳/۴۰") + "&To=" + Uri.EscapeDataString("<script>"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var errors = page.QuerySelector("[data-testid=errors]")!.TextContent;
        Assert.Contains("«از تاریخ» تاریخ درستی نیست", errors, StringComparison.Ordinal);
        Assert.Contains("«تا تاریخ» تاریخ درستی نیست", errors, StringComparison.Ordinal);
        Assert.Equal("۱۴۰۴/۱۳/۴۰", page.QuerySelector("#From")!.GetAttribute("value"));
        Assert.Equal("<script>", page.QuerySelector("#To")!.GetAttribute("value"));
        Assert.Equal("true", page.QuerySelector("#From")!.GetAttribute("aria-invalid"));
    }
}

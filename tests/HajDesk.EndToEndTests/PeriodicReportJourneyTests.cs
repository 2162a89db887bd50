using System.Globalization;
using HajDesk.Core.Persian;
using HajDesk.Core.Staff;
using HajDesk.EndToEndTests.Infrastructure;
using HajDesk.Web.Exports;
using HajDesk.Web.Tests.Exports;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;
using PeriodicReportPage = HajDesk.Web.Pages.Staff.Admin.PeriodicReport.IndexModel;

namespace HajDesk.EndToEndTests;

/// <summary>
/// An administrator opens «گزارش دوره‌ای عملکرد» from the administration page, asks for a period that has not ended
/// (a Persian error, the choice kept), then downloads a past month and a past half-year as XLSX and the files count
/// the requests of those periods under Persian headers. With JavaScript and without.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PeriodicReportJourneyTests(BrowserFixture fixture, ITestOutputHelper output)
{
    [Theory]
    [MemberData(nameof(Viewports.WithAndWithoutScript), 1401, 1402, MemberType = typeof(Viewports))]
    public async Task Administrator_DownloadsPastMonthAndHalfYear_FilesCountThePeriod(string viewport, bool javaScript, int year)
    {
        await using var journey = await Journey.StartAsync(fixture, output, javaScript ? "periodic-report" : "periodic-report-noscript", viewport, javaScript);
        var page = journey.Page;
        // In the run's own year: Mehr (month 7) two Tehran requests, one answered; Ordibehesht (first half) one in Isfahan.
        await SeededRequests.AddAsync(journey.App, "Tehran", SeededRequests.At(year, 7, 3), Core.Requests.RequestStatus.Answered);
        await SeededRequests.AddAsync(journey.App, "Tehran", SeededRequests.At(year, 7, 20));
        await SeededRequests.AddAsync(journey.App, "Isfahan", SeededRequests.At(year, 2, 11));
        var userName = $"periodic.admin.{viewport}";
        await StaffJourney.CreateStaffAsync(journey.App, userName, "مدیر گزارش " + viewport, StaffRole.Administrator);
        await StaffJourney.SignInAsync(journey, userName);

        await page.GetByRole(AriaRole.Link, new() { Name = "مدیریت سامانه" }).ClickAsync();
        await page.GetByTestId("admin-periodic-report").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "گزارش دوره‌ای عملکرد", Level = 1 })).ToBeVisibleAsync();
        await journey.StepAsync("form");

        // This year's second half has not ended, whatever today is: refused in Persian, the choice kept.
        var yearField = page.GetByLabel("سال", new() { Exact = true });
        var part = page.GetByLabel("دوره", new() { Exact = true });
        var download = page.GetByRole(AriaRole.Button, new() { Name = "دریافت گزارش (XLSX)" });
        var thisYear = PersianText.ToPersianDigits(JalaliDate.ToJalali(JalaliDate.TodayInTehran(TimeProvider.System)).Year.ToString(CultureInfo.InvariantCulture));
        await yearField.FillAsync(thisYear);
        await part.SelectOptionAsync(ReportPeriod.SecondHalf);
        await download.ClickAsync();
        await Expect(page.GetByTestId("errors")).ToContainTextAsync(ReportPeriod.FutureMessage);
        await Expect(yearField).ToHaveValueAsync(thisYear);
        await Expect(part).ToHaveValueAsync(ReportPeriod.SecondHalf);
        await journey.StepAsync("period-not-over");

        var typedYear = PersianText.ToPersianDigits(year.ToString(CultureInfo.InvariantCulture));
        await yearField.FillAsync(typedYear);
        await part.SelectOptionAsync(new SelectOptionValue { Label = "مهر" });
        var month = await DownloadedFile.ByClickingAsync(page, download);
        Assert.Matches($@"^periodic-report-{year}-07-1[0-9]{{3}}-[01][0-9]-[0-3][0-9]\.xlsx$", month.Name);
        var byProvince = ReadSheet(month, PeriodicReportPage.ProvinceSheet);
        Assert.Equal("2", byProvince["تهران"][1]);
        Assert.Equal("1", byProvince["تهران"][2]);
        Assert.Equal("2", byProvince[ReportTableExport.TotalLabel][1]);
        Assert.DoesNotContain("اصفهان", byProvince.Keys);
        Assert.Equal("2", ReadSheet(month, PeriodicReportPage.SubjectSheet)["سایر"][1]);

        await part.SelectOptionAsync(new SelectOptionValue { Label = "شش ماه نخست (فروردین تا شهریور)" });
        var half = await DownloadedFile.ByClickingAsync(page, download);
        Assert.Matches($@"^periodic-report-{year}-h1-", half.Name);
        byProvince = ReadSheet(half, PeriodicReportPage.ProvinceSheet);
        Assert.Equal("1", byProvince["اصفهان"][1]);
        Assert.Equal("1", byProvince[ReportTableExport.TotalLabel][1]);
        Assert.DoesNotContain("تهران", byProvince.Keys);

        // A download leaves the page as it was, with what was chosen.
        await Expect(yearField).ToHaveValueAsync(typedYear);
        await journey.StepAsync("downloaded");
        await journey.FinishAsync();
    }

    /// <summary>One sheet's rows by their first cell, after checking its Persian headers.</summary>
    private static Dictionary<string, string[]> ReadSheet(DownloadedFile file, string sheet)
    {
        var rows = ExportFiles.ReadXlsx(file.Bytes)[sheet];
        var group = sheet == PeriodicReportPage.ProvinceSheet ? "استان" : "موضوع";
        Assert.Equal(ReportTableExport.Columns(group).Select(c => c.Header), rows[0]);
        Assert.Equal(["دریافتی", "پاسخ‌داده"], rows[0][1..3]);
        return rows.Skip(1).ToDictionary(r => r[0]);
    }
}

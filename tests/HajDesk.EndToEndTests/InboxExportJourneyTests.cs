using HajDesk.Core.Persian;
using HajDesk.Core.Requests;
using HajDesk.Core.Staff;
using HajDesk.EndToEndTests.Infrastructure;
using HajDesk.Web.Exports;
using HajDesk.Web.Tests.Exports;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace HajDesk.EndToEndTests;

/// <summary>
/// A Tehran supervisor filters the inbox by status and Jalali dates and downloads the list as XLSX and as CSV: both
/// hold exactly the rows on screen, national codes and mobiles partly hidden. An administrator's download of the
/// same filter holds every province, in clear. With JavaScript and without.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class InboxExportJourneyTests(BrowserFixture fixture, ITestOutputHelper output)
{
    [Theory]
    [MemberData(nameof(Viewports.WithAndWithoutScript), 5, 8, MemberType = typeof(Viewports))]
    public async Task Supervisor_DownloadsFilteredInbox_FilesHoldTheRowsMasked(string viewport, bool javaScript, int month)
    {
        await using var journey = await Journey.StartAsync(fixture, output, javaScript ? "inbox-export" : "inbox-export-noscript", viewport, javaScript);
        var page = journey.Page;
        // In the run's own month of 1400: two answered Tehran requests, one still open, one answered in Isfahan.
        var older = await SeededRequests.AddAsync(journey.App, "Tehran", SeededRequests.At(1400, month, 3), RequestStatus.Answered, "0012345678");
        var newer = await SeededRequests.AddAsync(journey.App, "Tehran", SeededRequests.At(1400, month, 9), RequestStatus.Answered);
        await SeededRequests.AddAsync(journey.App, "Tehran", SeededRequests.At(1400, month, 6));
        var isfahan = await SeededRequests.AddAsync(journey.App, "Isfahan", SeededRequests.At(1400, month, 7), RequestStatus.Answered);
        var supervisor = $"export.chief.{viewport}";
        var administrator = $"export.admin.{viewport}";
        await StaffJourney.CreateStaffAsync(journey.App, supervisor, "سرپرست خروجی " + viewport, StaffRole.Supervisor, "Tehran");
        await StaffJourney.CreateStaffAsync(journey.App, administrator, "مدیر خروجی " + viewport, StaffRole.Administrator);
        await StaffJourney.SignInAsync(journey, supervisor);

        await page.GetByLabel("وضعیت", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = RequestStatus.Answered.ToPersian() });
        await page.GetByLabel("از تاریخ").FillAsync(PersianText.ToPersianDigits($"1400/{month:D2}/01"));
        await page.GetByLabel("تا تاریخ").FillAsync(PersianText.ToPersianDigits($"1400/{month:D2}/29"));
        await page.GetByRole(AriaRole.Button, new() { Name = "نمایش", Exact = true }).ClickAsync();
        var rows = page.GetByTestId("inbox-row");
        await Expect(rows).ToHaveCountAsync(2);
        var links = page.GetByTestId("export-links");
        await Expect(links).ToContainTextAsync("کد ملی و تلفن همراه بخشی پوشیده");
        await journey.StepAsync("filtered");
        var onScreen = (await rows.Locator(".inbox-row__code").AllInnerTextsAsync()).Select(Digits.Only).ToList();
        Assert.Equal([newer, older], onScreen);

        var xlsx = await DownloadedFile.ByClickingAsync(page, links.GetByRole(AriaRole.Link, new() { Name = "اکسل (XLSX)" }));
        var csv = await DownloadedFile.ByClickingAsync(page, links.GetByRole(AriaRole.Link, new() { Name = "CSV", Exact = true }));
        Assert.EndsWith(".xlsx", xlsx.Name, StringComparison.Ordinal);
        Assert.EndsWith(".csv", csv.Name, StringComparison.Ordinal);
        foreach (var file in new[] { ExportFiles.ReadXlsx(xlsx.Bytes)[InboxExport.SheetName], ExportFiles.ReadCsv(csv.Bytes) })
        {
            var table = Table.Of(file, inClear: false);
            Assert.Equal(onScreen, table.Column("کد پیگیری").Select(Digits.Only));
            Assert.Equal(["۰۴۹۹****۹۹", "۰۰۱۲****۷۸"], table.Column("کد ملی"));
            Assert.All(table.Column("تلفن همراه"), mobile => Assert.Equal("۰۹۱۲*****۶۷", mobile));
            Assert.All(table.Column("وضعیت"), status => Assert.Equal(RequestStatus.Answered.ToPersian(), status));
        }

        // The administrator's list of the same filter: every province, personal data in clear.
        var filtered = page.Url;
        await StaffJourney.SignOutAsync(page);
        await StaffJourney.SignInAsync(journey, administrator);
        await journey.GotoAsync(filtered);
        await Expect(rows).ToHaveCountAsync(3);
        await Expect(links).Not.ToContainTextAsync("پوشیده");
        await journey.StepAsync("administrator-filtered");
        var full = Table.Of(ExportFiles.ReadCsv((await DownloadedFile.ByClickingAsync(page, links.GetByRole(AriaRole.Link, new() { Name = "CSV", Exact = true }))).Bytes), inClear: true);
        Assert.Equal([newer, isfahan, older], full.Column("کد پیگیری").Select(Digits.Only));
        Assert.Equal(["تهران", "اصفهان", "تهران"], full.Column("استان"));
        Assert.Equal(["۰۴۹۹۳۷۰۸۹۹", "۰۴۹۹۳۷۰۸۹۹", "۰۰۱۲۳۴۵۶۷۸"], full.Column("کد ملی"));
        Assert.All(full.Column("تلفن همراه"), mobile => Assert.Equal("۰۹۱۲۱۲۳۴۵۶۷", mobile));

        await journey.FinishAsync();
    }

    /// <summary>A downloaded list: its header checked against the export's Persian columns, its cells read by header.</summary>
    private sealed record Table(string[] Header, List<string[]> Rows)
    {
        public static Table Of(List<string[]> rows, bool inClear)
        {
            Assert.Equal(RequestExport.Columns(inClear).Select(c => c.Header), rows[0]);
            return new Table(rows[0], rows.Skip(1).ToList());
        }

        public List<string> Column(string header)
        {
            var index = Array.IndexOf(Header, header);
            Assert.True(index >= 0, $"no column «{header}»");
            return Rows.Select(r => r[index]).ToList();
        }
    }
}

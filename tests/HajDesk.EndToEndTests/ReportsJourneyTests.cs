using HajDesk.Core.Requests;
using HajDesk.Core.Staff;
using HajDesk.EndToEndTests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace HajDesk.EndToEndTests;

/// <summary>
/// Reports: a Tehran supervisor opens «گزارش‌ها» from the staff navigation, filters by Jalali dates typed in Persian
/// digits and looks at the figures by province and by month; then anyone opens «آمار میز خدمت» from the home page.
/// Every step passes axe and the HTML checker, and every chart's labels, values and scale lie inside the chart and
/// clear of its bars (<see cref="Charts"/>) at both widths.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ReportsJourneyTests(BrowserFixture fixture, ITestOutputHelper output)
{
    [Theory]
    [MemberData(nameof(Viewports.Both), MemberType = typeof(Viewports))]
    public async Task Supervisor_ReadsTheDashboard_CitizenReadsThePublicStatistics(string viewport)
    {
        await using var journey = await Journey.StartAsync(fixture, output, "reports", viewport);
        var page = journey.Page;
        var userName = $"tehran.chief.{viewport}";
        await StaffJourney.CreateStaffAsync(journey.App, userName, "سرپرست آزمون " + viewport, StaffRole.Supervisor, "Tehran");
        // Months whose names are the longest labels (اردیبهشت) and the one whose label the right-to-left drawing cut to «۱» (آذر).
        foreach (var (month, status) in new[] { (2, RequestStatus.Answered), (9, RequestStatus.Answered), (9, RequestStatus.Submitted), (9, RequestStatus.Closed) })
        {
            await SeededRequests.AddAsync(journey.App, "Tehran", SeededRequests.At(1404, month, 4), status);
        }

        await StaffJourney.SignInAsync(journey, userName);
        await page.GetByTestId("reports-link").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "گزارش‌ها", Level = 1 })).ToBeVisibleAsync();
        await journey.StepAsync("dashboard");
        await Charts.AssertReadableAsync(page);

        await page.GetByLabel("از تاریخ").FillAsync("۱۴۰۴/۰۱/۰۱");
        await page.GetByLabel("تا تاریخ").FillAsync("۱۴۰۴/۱۳/۰۱");
        await page.GetByRole(AriaRole.Button, new() { Name = "نمایش" }).ClickAsync();
        await Expect(page.GetByTestId("errors")).ToContainTextAsync("«تا تاریخ» تاریخ درستی نیست");
        await journey.StepAsync("dashboard-wrong-date");

        await page.GetByLabel("تا تاریخ").FillAsync("۱۴۰۵/۱۲/۲۹");
        await page.GetByRole(AriaRole.Button, new() { Name = "نمایش" }).ClickAsync();
        await page.GetByTestId("view-province").ClickAsync();
        await Expect(page.GetByTestId("report-total")).ToBeVisibleAsync();
        await journey.StepAsync("dashboard-by-province");
        await Charts.AssertReadableAsync(page, atLeast: 3);

        await page.GetByTestId("view-month").ClickAsync();
        await Expect(page.GetByTestId("report-rows")).ToContainTextAsync("آذر ۱۴۰۴");
        await journey.StepAsync("dashboard-by-month");
        await Charts.AssertReadableAsync(page, atLeast: 3);
        await page.GetByRole(AriaRole.Button, new() { Name = "خروج" }).ClickAsync();

        await journey.GotoAsync("/");
        await page.GetByRole(AriaRole.Link, new() { Name = "آمار میز خدمت" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "آمار میز خدمت", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByTestId("stat-months")).ToBeVisibleAsync();
        await journey.StepAsync("public-statistics");
        await Charts.AssertReadableAsync(page);
        await journey.FinishAsync();
    }
}

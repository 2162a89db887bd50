using HajDesk.Core.Staff;
using HajDesk.EndToEndTests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace HajDesk.EndToEndTests;

/// <summary>
/// Reports: a Tehran supervisor opens «گزارش‌ها» from the staff navigation, filters by Jalali dates typed in Persian
/// digits and looks at the figures by province; then anyone opens «آمار میز خدمت» from the home page. Every step
/// passes axe and the HTML checker.
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
        await StaffJourney.SignInAsync(journey, userName);
        await page.GetByTestId("reports-link").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "گزارش‌ها", Level = 1 })).ToBeVisibleAsync();
        await journey.StepAsync("dashboard");

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
        await page.GetByRole(AriaRole.Button, new() { Name = "خروج" }).ClickAsync();

        await journey.GotoAsync("/");
        await page.GetByRole(AriaRole.Link, new() { Name = "آمار میز خدمت" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "آمار میز خدمت", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByTestId("stat-months")).ToBeVisibleAsync();
        await journey.StepAsync("public-statistics");
        await journey.FinishAsync();
    }
}

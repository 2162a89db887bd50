using System.Text.RegularExpressions;
using HajDesk.Core.Data;
using HajDesk.Core.Staff;
using HajDesk.EndToEndTests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
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
        await CreateTehranSupervisorAsync(journey.App, userName);

        await journey.GotoAsync("/staff/sign-in");
        await page.GetByLabel("نام کاربری").FillAsync(userName);
        await page.GetByLabel("رمز عبور").FillAsync(StaffAnswerJourneyTests.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "ورود", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/staff/inbox"));
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

    private static async Task CreateTehranSupervisorAsync(KestrelApp app, string userName)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var db = scope.ServiceProvider.GetRequiredService<HajDeskDbContext>();
        if (await users.FindByNameAsync(userName) is not null)
        {
            return;
        }

        var result = await users.CreateAsync(new StaffUser
        {
            UserName = userName,
            DisplayName = "سرپرست آزمون " + userName.Split('.')[^1],
            Role = StaffRole.Supervisor,
            ProvinceId = await db.Provinces.Where(p => p.Code == "Tehran").Select(p => p.Id).SingleAsync(),
            CreatedAt = DateTime.UtcNow,
        }, StaffAnswerJourneyTests.Password);
        Assert.True(result.Succeeded, string.Join(", ", result.Errors.Select(e => e.Description)));
    }
}

using System.Text.RegularExpressions;
using HajDesk.Core.Data;
using HajDesk.Core.Persian;
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
/// An administrator adds an official holiday on the calendar page — chosen from the date picker with JavaScript,
/// typed in Persian digits without it — and sees the next working days change; then deletes it again.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class CalendarJourneyTests(BrowserFixture fixture, ITestOutputHelper output)
{
    public static TheoryData<string, bool> Cases => new() { { Viewports.Desktop, true }, { Viewports.Phone, false } };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Administrator_AddsHoliday_NextWorkingDaysChange(string viewport, bool javaScript)
    {
        await using var journey = await Journey.StartAsync(fixture, output, javaScript ? "calendar" : "calendar-noscript", viewport, javaScript);
        var page = journey.Page;
        var userName = $"calendar.admin.{viewport}";
        await StaffJourney.CreateStaffAsync(journey.App, userName, "مدیر آزمون " + viewport, StaffRole.Administrator);
        await StaffJourney.SignInAsync(journey, userName);

        await journey.GotoAsync("/staff/admin/calendar");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "تقویم کاری", Level = 1 })).ToBeVisibleAsync();
        var nextDays = page.GetByTestId("next-working-days").Locator("li");
        await Expect(nextDays).ToHaveCountAsync(10);
        var before = await nextDays.EvaluateAllAsync<string[]>("items => items.map(i => i.getAttribute('data-date'))");
        var day = DateOnly.ParseExact(before[1], "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var typed = JalaliDate.FormatNumeric(day);
        await journey.StepAsync("calendar");

        // A mistake first: a day no calendar has and no title; both named in Persian, the date kept as typed.
        var date = page.GetByLabel("تاریخ", new() { Exact = true });
        await date.FillAsync("۱۴۰۵/۱۳/۴۰");
        await page.GetByRole(AriaRole.Button, new() { Name = "افزودن", Exact = true }).ClickAsync();
        var errors = page.GetByTestId("errors");
        await Expect(errors).ToContainTextAsync("تاریخ باید به شکل");
        await Expect(errors).ToContainTextAsync("عنوان تعطیلی را بنویسید.");
        await Expect(date).ToHaveValueAsync("۱۴۰۵/۱۳/۴۰");
        await journey.StepAsync("mistakes");

        var pick = page.GetByRole(AriaRole.Button, new() { Name = "انتخاب از تقویم" });
        if (javaScript)
        {
            // The send form's picker, on the one «تاریخ» field: it opens at a valid typed month or this month.
            await date.FillAsync(string.Empty);
            await pick.ClickAsync();
            var calendar = page.GetByRole(AriaRole.Group, new() { Name = "تقویم انتخاب تاریخ تعطیلی" });
            await Expect(calendar).ToBeVisibleAsync();
            var (year, month, dayOfMonth) = JalaliDate.ToJalali(day);
            await page.GetByLabel("سال در تقویم").SelectOptionAsync(year.ToString(System.Globalization.CultureInfo.InvariantCulture));
            await page.GetByLabel("ماه در تقویم").SelectOptionAsync(month.ToString(System.Globalization.CultureInfo.InvariantCulture));
            await journey.StepAsync("date-picker");
            var label = PersianText.ToPersianDigits($"{dayOfMonth} {JalaliDate.MonthNames[month - 1]} {year}");
            await calendar.GetByRole(AriaRole.Button, new() { Name = label, Exact = true }).ClickAsync();
            await Expect(calendar).ToBeHiddenAsync();
            await Expect(date).ToHaveValueAsync(typed);
        }
        else
        {
            await Expect(pick).ToHaveCountAsync(0);
            await date.FillAsync(typed);
        }

        await page.GetByLabel("عنوان", new() { Exact = true }).FillAsync("تعطیلی آزمون مرورگر");
        await page.GetByRole(AriaRole.Button, new() { Name = "افزودن", Exact = true }).ClickAsync();

        await Expect(page.GetByTestId("done")).ToContainTextAsync("تعطیلی افزوده شد.");
        await Expect(nextDays).ToHaveCountAsync(10);
        var after = await nextDays.EvaluateAllAsync<string[]>("items => items.map(i => i.getAttribute('data-date'))");
        Assert.DoesNotContain(before[1], after);
        Assert.Equal(before[0], after[0]);
        Assert.Equal(before[2], after[1]);
        var row = page.Locator($"[data-testid=holiday-row][data-date='{typed}']");
        await Expect(row).ToContainTextAsync("تعطیلی آزمون مرورگر");
        await journey.StepAsync("holiday-added");

        // Deleted again, so the other journeys' deadlines keep the ordinary calendar.
        await row.GetByRole(AriaRole.Button).ClickAsync();
        await Expect(page.GetByTestId("done")).ToContainTextAsync("تعطیلی حذف شد.");
        await Expect(page.Locator($"[data-testid=holiday-row][data-date='{typed}']")).ToHaveCountAsync(0);
        Assert.Equal(before, await nextDays.EvaluateAllAsync<string[]>("items => items.map(i => i.getAttribute('data-date'))"));
        await journey.StepAsync("holiday-deleted");

        await journey.FinishAsync();
    }
}

/// <summary>Back-office steps several journeys share.</summary>
internal static class StaffJourney
{
    /// <summary>Creates a staff account (the administration has its own tests) with the journeys' password.</summary>
    public static async Task CreateStaffAsync(KestrelApp app, string userName, string displayName, StaffRole role, string? province = null)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        if (await users.FindByNameAsync(userName) is not null)
        {
            return;
        }

        var provinceId = province is null
            ? (int?)null
            : await scope.ServiceProvider.GetRequiredService<HajDeskDbContext>().Provinces.Where(p => p.Code == province).Select(p => p.Id).SingleAsync();
        var result = await users.CreateAsync(new StaffUser
        {
            UserName = userName,
            DisplayName = displayName,
            Role = role,
            ProvinceId = provinceId,
            CreatedAt = DateTime.UtcNow,
        }, StaffAnswerJourneyTests.Password);
        Assert.True(result.Succeeded, string.Join(", ", result.Errors.Select(e => e.Description)));
    }

    public static async Task SignInAsync(Journey journey, string userName)
    {
        var page = journey.Page;
        await journey.GotoAsync("/staff/sign-in");
        await page.GetByLabel("نام کاربری").FillAsync(userName);
        await page.GetByLabel("رمز عبور").FillAsync(StaffAnswerJourneyTests.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "ورود", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/staff/inbox"));
    }

    public static async Task SignOutAsync(IPage page)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "خروج" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/staff/sign-in"));
    }

    /// <summary>Finds a request in the inbox by its tracking code (as the receipt shows it) and opens it.</summary>
    public static async Task OpenRequestAsync(IPage page, string shownCode)
    {
        await page.GetByLabel("جستجو با کد پیگیری، کد ملی یا نام").FillAsync(shownCode);
        await page.GetByRole(AriaRole.Button, new() { Name = "جستجو", Exact = true }).ClickAsync();
        var row = page.GetByTestId("inbox-row");
        await Expect(row).ToHaveCountAsync(1);
        await row.GetByRole(AriaRole.Link).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync(HajDesk.Core.Requests.TrackingCode.Format(Digits.Only(shownCode)));
    }
}

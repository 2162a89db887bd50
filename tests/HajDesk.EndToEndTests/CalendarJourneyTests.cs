using HajDesk.Core.Persian;
using HajDesk.Core.Staff;
using HajDesk.EndToEndTests.Infrastructure;
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

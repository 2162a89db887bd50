using HajDesk.EndToEndTests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace HajDesk.EndToEndTests;

/// <summary>
/// The send form's birth-date calendar with the keyboard only (issue 23, item 6): changing the month or the year keeps
/// the focus on that select, the arrow keys move between the days (right to left: ← is the next day), Home and End
/// go to the month's ends, and Enter chooses. Without script there is no calendar and the three fields are typed.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class DatePickerKeyboardJourneyTests(BrowserFixture fixture, ITestOutputHelper output)
{
    public static TheoryData<string, bool> Cases => new()
    {
        { Viewports.Phone, true },
        { Viewports.Desktop, false },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Citizen_ChoosesBirthDateWithKeyboard(string viewport, bool javaScript)
    {
        await using var journey = await Journey.StartAsync(fixture, output, "date-keyboard", viewport, javaScript);
        var page = journey.Page;
        var form = new SendForm(page);
        await journey.GotoAsync("/requests/send");
        if (!javaScript)
        {
            await Expect(form.CalendarButton).ToHaveCountAsync(0);
            await form.TypeBirthDateAsync();
            await Expect(form.Day).ToHaveValueAsync("۱۲");
            await journey.StepAsync("typed");
            await journey.FinishAsync();
            return;
        }

        await form.CalendarButton.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(form.Calendar).ToBeVisibleAsync();
        await Expect(form.CalendarMonth).ToBeFocusedAsync();

        // The year, then the month, by keyboard: the panel is drawn anew and the focus stays on the select.
        await form.CalendarYear.FocusAsync();
        await form.CalendarYear.SelectOptionAsync("1365");
        await Expect(form.CalendarYear).ToBeFocusedAsync();
        await form.CalendarMonth.FocusAsync();
        await form.CalendarMonth.SelectOptionAsync("4");
        await Expect(form.CalendarMonth).ToBeFocusedAsync();
        await Expect(form.Calendar.GetByRole(AriaRole.Table)).ToContainTextAsync("۳۱");
        var caption = form.Calendar.Locator("caption");
        await Expect(caption).ToHaveTextAsync("تیر ۱۳۶۵");

        // Past the year, Tab reaches one day (the first, nothing being chosen yet); the arrows move between days.
        await page.Keyboard.PressAsync("Tab");
        await Expect(form.CalendarYear).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Tab");
        await Expect(Day("۱ تیر ۱۳۶۵")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("ArrowLeft");
        await Expect(Day("۲ تیر ۱۳۶۵")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("ArrowDown");
        await Expect(Day("۹ تیر ۱۳۶۵")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("ArrowRight");
        await Expect(Day("۸ تیر ۱۳۶۵")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("End");
        await Expect(Day("۳۱ تیر ۱۳۶۵")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("ArrowLeft");
        // Past the month's end: the next month is drawn, with its first day focused.
        await Expect(caption).ToHaveTextAsync("مرداد ۱۳۶۵");
        await Expect(Day("۱ مرداد ۱۳۶۵")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("ArrowUp");
        await Expect(caption).ToHaveTextAsync("تیر ۱۳۶۵");
        await Expect(Day("۲۵ تیر ۱۳۶۵")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Home");
        await Expect(Day("۱ تیر ۱۳۶۵")).ToBeFocusedAsync();
        for (var i = 0; i < 11; i++)
        {
            await page.Keyboard.PressAsync("ArrowLeft");
        }

        await Expect(Day("۱۲ تیر ۱۳۶۵")).ToBeFocusedAsync();
        await journey.StepAsync("calendar-keyboard");
        await page.Keyboard.PressAsync("Enter");

        await Expect(form.Calendar).ToBeHiddenAsync();
        await Expect(form.Day).ToBeFocusedAsync();
        await Expect(form.Day).ToHaveValueAsync("۱۲");
        await Expect(form.Month).ToHaveValueAsync("4");
        await Expect(form.Year).ToHaveValueAsync("۱۳۶۵");
        await journey.FinishAsync();

        ILocator Day(string name) => form.Calendar.GetByRole(AriaRole.Button, new() { Name = name, Exact = true });
    }
}

using HajDesk.EndToEndTests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace HajDesk.EndToEndTests;

/// <summary>
/// Journey 5: a Tehran expert registers a request for a caller of the 111 line («ثبت درخواست برای متقاضی»); the
/// citizen follows it up on the web with the tracking code the expert read out (and the SMS carried).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class StaffRegisterJourneyTests(BrowserFixture fixture, ITestOutputHelper output)
{
    [Theory]
    [MemberData(nameof(Viewports.Both), MemberType = typeof(Viewports))]
    public async Task Expert_RegistersRequestForCaller_CitizenFollowsItUp(string viewport)
    {
        await using var journey = await Journey.StartAsync(fixture, output, "staff-register", viewport);
        var page = journey.Page;
        var userName = $"tehran.registrar.{viewport}";
        await StaffAnswerJourneyTests.CreateTehranExpertAsync(journey.App, userName);

        await StaffJourney.SignInAsync(journey, userName);
        await page.GetByTestId("register-link").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "ثبت درخواست برای متقاضی", Level = 1 })).ToBeVisibleAsync();
        await journey.StepAsync("register-form");

        // A mistake first: no channel and no text; the summary names both and keeps what was typed.
        await page.GetByLabel("روز").FillAsync("۱۲");
        await page.GetByLabel("ماه").SelectOptionAsync("4");
        await page.GetByLabel("سال").FillAsync("۱۳۶۵");
        await page.GetByLabel("کد ملی").FillAsync(SendForm.NationalCode);
        await page.GetByLabel("استان").SelectOptionAsync(new SelectOptionValue { Label = "تهران" });
        await page.GetByLabel("تلفن همراه").FillAsync("۰۹۱۲۱۲۳۴۵۶۷");
        await page.GetByLabel("موضوع اصلی").SelectOptionAsync(new SelectOptionValue { Label = "سایر" });
        await page.GetByTestId("register-button").ClickAsync();
        await Expect(page.GetByTestId("errors")).ToContainTextAsync("راه رسیدن درخواست");
        await Expect(page.GetByTestId("errors")).ToContainTextAsync("متن درخواست را بنویسید.");
        await Expect(page.GetByTestId("person-name")).ToHaveTextAsync("محمد رضایی");
        await journey.StepAsync("register-mistakes");

        await page.GetByRole(AriaRole.Combobox, new() { Name = "راه رسیدن" }).SelectOptionAsync("Phone111");
        await page.GetByLabel("متن درخواست").FillAsync(SendForm.RequestText);
        await page.GetByTestId("register-button").ClickAsync();
        var code = page.GetByTestId("registered-code");
        await Expect(code).ToBeVisibleAsync();
        var shownCode = (await code.InnerTextAsync()).Trim();
        await journey.StepAsync("registered");

        await page.GetByRole(AriaRole.Link, new() { Name = "دیدن درخواست" }).ClickAsync();
        await Expect(page.GetByTestId("channel")).ToContainTextAsync("تلفن ۱۱۱");
        await page.GetByRole(AriaRole.Button, new() { Name = "خروج" }).ClickAsync();

        await journey.GotoAsync("/requests/track");
        await Citizen.FollowUpAsync(page, shownCode);
        await Expect(page.GetByTestId("status")).ToHaveTextAsync("ثبت شده");
        await journey.StepAsync("citizen-follows-up");
        await journey.FinishAsync();
    }
}

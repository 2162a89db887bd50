using HajDesk.Core.Staff;
using HajDesk.EndToEndTests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace HajDesk.EndToEndTests;

/// <summary>
/// The accessibility statement and the privacy notice: a citizen opens both from the footer; an administrator opens
/// one from the administration, makes a mistake, saves a text with a script in it (shown as text on the public page)
/// and puts the default back. Desktop with JavaScript edits the privacy notice, the phone without it the statement,
/// so the two runs on the one app never edit the same row.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class InformationPagesJourneyTests(BrowserFixture fixture, ITestOutputHelper output)
{
    public static TheoryData<string, bool, string> Cases => new()
    {
        { Viewports.Desktop, true, "privacy" },
        { Viewports.Phone, false, "accessibility" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Citizen_ReadsBothFromTheFooter_Administrator_EditsOne(string viewport, bool javaScript, string key)
    {
        var edited = key == "privacy" ? "حریم خصوصی" : "بیانیه دسترس‌پذیری";
        await using var journey = await Journey.StartAsync(fixture, output, javaScript ? "information" : "information-noscript", viewport, javaScript);
        var page = journey.Page;
        var footer = page.GetByRole(AriaRole.Navigation, new() { Name = "پیوندهای پایین صفحه" });

        await journey.GotoAsync("/");
        await footer.GetByRole(AriaRole.Link, new() { Name = "بیانیه دسترس‌پذیری" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "بیانیه دسترس‌پذیری", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByTestId("information-text")).ToContainTextAsync("اگر نمی‌توانید از فرم استفاده کنید");
        await Expect(page.GetByTestId("help-phone")).ToHaveAttributeAsync("href", "tel:111");
        await journey.StepAsync("accessibility");

        await footer.GetByRole(AriaRole.Link, new() { Name = "حریم خصوصی" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "حریم خصوصی", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByTestId("information-text")).ToContainTextAsync("کد ملی و تاریخ تولد");
        await Expect(page.GetByTestId("information-text")).ToContainTextAsync("مدیران سامانه");
        await journey.StepAsync("privacy");

        var userName = $"information.admin.{viewport}";
        await StaffJourney.CreateStaffAsync(journey.App, userName, "مدیر آزمون " + viewport, StaffRole.Administrator);
        await StaffJourney.SignInAsync(journey, userName);
        await Expect(footer.GetByRole(AriaRole.Link, new() { Name = "حریم خصوصی" })).ToHaveAttributeAsync("href", "/privacy");
        await journey.GotoAsync("/staff/admin");
        await page.GetByTestId("admin-information").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "بیانیه دسترس‌پذیری و حریم خصوصی", Level = 1 })).ToBeVisibleAsync();
        await journey.StepAsync("admin-list");

        await page.GetByTestId("information-pages").GetByRole(AriaRole.Link, new() { Name = edited, Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "ویرایش " + edited, Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByTestId("placeholders")).ToContainTextAsync("۱۱۱");
        await journey.StepAsync("admin-edit");

        var text = page.GetByLabel("متن صفحه");
        await text.FillAsync("{Secret}");
        await page.GetByRole(AriaRole.Button, new() { Name = "ذخیره" }).ClickAsync();
        await Expect(page.GetByTestId("errors")).ToContainTextAsync("{Secret} شناخته نیست");
        await Expect(text).ToHaveValueAsync("{Secret}");
        await journey.StepAsync("admin-mistake");

        await text.FillAsync("متن آزمون مرورگر.\n\n<script>document.title='x'</script>\n- تلفن {HelpPhone}");
        await page.GetByRole(AriaRole.Button, new() { Name = "ذخیره" }).ClickAsync();
        await Expect(page.GetByTestId("done")).ToHaveTextAsync("متن ذخیره شد.");
        await journey.StepAsync("admin-saved");

        await page.GetByRole(AriaRole.Link, new() { Name = "دیدن صفحه", Exact = true }).ClickAsync();
        var shown = page.GetByTestId("information-text");
        await Expect(shown).ToContainTextAsync("<script>document.title='x'</script>");
        await Expect(shown.Locator("li")).ToHaveTextAsync("تلفن ۱۱۱");
        await Expect(shown.Locator("script")).ToHaveCountAsync(0);
        await journey.StepAsync("public-edited");

        await journey.GotoAsync("/staff/admin/information/" + key);
        await page.GetByRole(AriaRole.Button, new() { Name = "بازگرداندن متن پیش‌فرض" }).ClickAsync();
        await Expect(page.GetByTestId("done")).ToHaveTextAsync("متن پیش‌فرض بازگردانده شد.");
        await Expect(page.GetByTestId("state")).ToContainTextAsync("متن پیش‌فرض");
        await journey.StepAsync("admin-reset");
        await journey.FinishAsync();
    }
}

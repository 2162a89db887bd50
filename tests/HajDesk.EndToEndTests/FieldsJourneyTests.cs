using System.Text.RegularExpressions;
using HajDesk.Core.Staff;
using HajDesk.EndToEndTests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace HajDesk.EndToEndTests;

/// <summary>
/// Fields per subject (issue 26 item 1): an administrator adds «کد کاروان» to a sub-subject from the subjects'
/// administration, a citizen is asked it on the send form (with JavaScript as soon as the sub-subject is chosen;
/// without, by the guide's button), and the expert sees the answer on the request's page. Each run uses its own
/// sub-subject so that the two never see each other's field.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class FieldsJourneyTests(BrowserFixture fixture, ITestOutputHelper output)
{
    public static TheoryData<string, bool, string, string> Runs => new()
    {
        { Viewports.Desktop, true, "حج تمتع", "اعزام، کاروان و خدمات" },
        { Viewports.Phone, false, "عمره مفرده", "خدمات کاروان و اقامت" },
    };

    [Theory]
    [MemberData(nameof(Runs))]
    public async Task Administrator_AddsCaravanCode_CitizenFillsIt_ExpertSeesIt(string viewport, bool javaScript, string main, string sub)
    {
        await using var journey = await Journey.StartAsync(fixture, output, "fields", viewport, javaScript: javaScript);
        var page = journey.Page;
        var (admin, expert) = ($"fields.admin.{viewport}", $"fields.expert.{viewport}");
        await StaffJourney.CreateStaffAsync(journey.App, admin, "مدیر فیلدها", StaffRole.Administrator);
        await StaffJourney.CreateStaffAsync(journey.App, expert, "کارشناس فیلدها", StaffRole.Expert, "Tehran");

        // The administrator: subjects › the sub-subject's «فیلدهای درخواست» › «افزودن فیلد».
        await StaffJourney.SignInAsync(journey, admin);
        await journey.GotoAsync("/staff/admin/subjects");
        await page.GetByRole(AriaRole.Region, new() { Name = main, Exact = true })
            .GetByRole(AriaRole.Link, new() { Name = $"فیلدهای درخواست «{sub}»" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"فیلدهای درخواست «{sub}»");
        await journey.StepAsync("admin-fields-empty");
        var add = page.GetByTestId("add-field-form");
        await add.GetByLabel("عنوان فیلد").FillAsync("کد کاروان");
        await add.GetByLabel("نوع", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "متن" });
        await add.GetByLabel("الزامی", new() { Exact = true }).CheckAsync();
        await add.GetByLabel("راهنما", new() { Exact = true }).FillAsync("کد روی کارت کاروان");
        await add.GetByRole(AriaRole.Button, new() { Name = "افزودن فیلد" }).ClickAsync();
        await Expect(page.GetByTestId("done")).ToHaveTextAsync("فیلد افزوده شد.");
        await Expect(page.GetByTestId("field-form")).ToContainTextAsync("کد کاروان — متن، الزامی");
        await journey.StepAsync("admin-field-added");
        await StaffJourney.SignOutAsync(page);

        // The citizen: the field appears once the sub-subject is chosen, is required, and takes Persian digits.
        await journey.GotoAsync("/requests/send");
        SendForm form;
        if (javaScript)
        {
            form = await Citizen.FillValidFormAsync(page, main, sub);
        }
        else
        {
            // Without script the name comes with the next post; the guide's button draws the subject's fields.
            form = new SendForm(page);
            await form.TypeBirthDateAsync();
            await form.NationalCodeField.FillAsync(SendForm.NationalCode);
            await form.SelectProvinceAsync("تهران");
            await form.Mobile.FillAsync("۰۹۱۲۱۲۳۴۵۶۷");
            await form.ChooseRequestTypeAsync("درخواست");
            await form.SelectMainSubjectAsync(main);
            await form.SelectSubSubjectAsync(sub);
            await form.Text.FillAsync(SendForm.RequestText);
            await Expect(page.GetByLabel("کد کاروان")).ToHaveCountAsync(0);
            await page.GetByRole(AriaRole.Button, new() { Name = "نمایش راهنما و پرسش‌های متداول این موضوع" }).ClickAsync();
            await Expect(form.FirstName).ToHaveValueAsync(SendForm.FirstNameValue);
        }

        var caravan = page.GetByLabel("کد کاروان");
        await Expect(caravan).ToBeVisibleAsync();
        await Expect(page.GetByText("کد روی کارت کاروان")).ToBeVisibleAsync();
        await Expect(form.Text).ToHaveValueAsync(SendForm.RequestText);
        await journey.StepAsync("citizen-field-asked");
        await form.SecurityCode.FillAsync(KestrelApp.TestCaptchaCode);
        await form.SendButton.ClickAsync();
        await Expect(form.ErrorSummary).ToContainTextAsync("«کد کاروان» را وارد کنید.");
        await Expect(page.GetByText("«کد کاروان» را وارد کنید.").Last).ToBeVisibleAsync();
        await journey.StepAsync("citizen-field-missing");

        await page.GetByLabel("کد کاروان").FillAsync("۴۴۷۱۲");
        await form.SecurityCode.FillAsync(KestrelApp.TestCaptchaCode);
        await form.SendButton.ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/requests/send/receipt$"));
        var shownCode = (await page.GetByTestId("tracking-code").InnerTextAsync()).Trim();

        // The expert sees what the citizen answered.
        await StaffJourney.SignInAsync(journey, expert);
        await StaffJourney.OpenRequestAsync(page, shownCode);
        var values = page.GetByTestId("field-values");
        await Expect(values).ToContainTextAsync("کد کاروان");
        await Expect(values.GetByTestId("field-value")).ToHaveTextAsync("۴۴۷۱۲");
        await journey.StepAsync("expert-sees-field");
        await journey.FinishAsync();
    }
}

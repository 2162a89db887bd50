using System.Text.RegularExpressions;
using HajDesk.EndToEndTests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace HajDesk.EndToEndTests;

/// <summary>Journey 2: the same request from a browser with JavaScript turned off.</summary>
[Collection(BrowserCollection.Name)]
public sealed class NoScriptJourneyTests(BrowserFixture fixture, ITestOutputHelper output)
{
    [Theory]
    [MemberData(nameof(Viewports.Both), MemberType = typeof(Viewports))]
    public async Task CitizenWithoutJavaScript_LooksUpNameWithButton_SendsRequestAndOpensPrintView(string viewport)
    {
        await using var journey = await Journey.StartAsync(fixture, output, "noscript", viewport, javaScript: false);
        var page = journey.Page;
        var form = new SendForm(page);

        await journey.GotoAsync("/");
        await page.GetByRole(AriaRole.Link, new() { Name = "ارسال درخواست" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/requests/send$"));
        // No script: no calendar, and every main subject's sub-subjects are listed under its name.
        await Expect(form.CalendarButton).ToHaveCountAsync(0);
        await Expect(form.SubSubject).ToBeVisibleAsync();
        await journey.StepAsync("form");

        await form.TypeBirthDateAsync();
        await form.NationalCodeField.FillAsync(Digits.ToPersian(SendForm.NationalCode));

        // «تصویر جدید» posts the form back: a new picture, and everything typed is still there.
        var firstImage = await form.SecurityImage.GetAttributeAsync("src");
        await form.NewImageButton.ClickAsync();
        await Expect(form.SecurityImage).Not.ToHaveAttributeAsync("src", firstImage!);
        await Expect(form.NationalCodeField).ToHaveValueAsync(Digits.ToPersian(SendForm.NationalCode));
        await Expect(form.Day).ToHaveValueAsync("۱۲");
        await Expect(form.Month).ToHaveValueAsync("4");
        await journey.StepAsync("new-security-image");

        // «استعلام» asks the registry and shows the name.
        await form.LookupButton.ClickAsync();
        await Expect(form.FirstName).ToHaveValueAsync(SendForm.FirstNameValue);
        await Expect(form.LastName).ToHaveValueAsync(SendForm.LastNameValue);
        await Expect(form.NationalCodeField).ToHaveValueAsync(Digits.ToPersian(SendForm.NationalCode));
        await journey.StepAsync("name-after-lookup");

        await form.SelectProvinceAsync("تهران");
        await form.Mobile.FillAsync("09121234567");
        await form.ChooseRequestTypeAsync("درخواست");
        await form.SelectMainSubjectAsync("حج تمتع");
        await Expect(form.SubSubject.Locator("optgroup[label='حج تمتع'] option", new() { HasText = "انتقال فیش" })).ToHaveCountAsync(1);
        await form.SelectSubSubjectAsync("انتقال فیش");
        await form.Text.FillAsync(SendForm.RequestText);
        await form.Files.SetInputFilesAsync([SampleFiles.Pdf(), SampleFiles.Png()]);
        await form.SecurityCode.FillAsync(KestrelApp.TestCaptchaCode);
        await journey.StepAsync("filled");
        await form.SendButton.ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/requests/send/receipt$"));
        var success = page.GetByRole(AriaRole.Status).Filter(new() { HasText = "درخواست شما با موفقیت ثبت شد." });
        await Expect(success).ToBeVisibleAsync();
        Assert.Matches(@"^[۰-۹]{4} [۰-۹]{4} [۰-۹]{4}$", (await page.GetByTestId("tracking-code").InnerTextAsync()).Trim());
        await Expect(page.GetByText("fish-hajj.pdf")).ToBeVisibleAsync();
        await journey.StepAsync("receipt");

        // Without script «چاپ» is a link to the print view.
        await page.GetByRole(AriaRole.Link, new() { Name = "چاپ", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"/requests/send/receipt\?view=print$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "رسید درخواست" })).ToBeVisibleAsync();
        await page.EmulateMediaAsync(new() { Media = Media.Print });
        await journey.StepAsync("print-view");

        await journey.FinishAsync();
    }
}

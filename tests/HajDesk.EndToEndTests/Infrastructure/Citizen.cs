using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace HajDesk.EndToEndTests.Infrastructure;

/// <summary>Steps that several journeys share, done through the pages as a citizen does them.</summary>
public static class Citizen
{
    /// <summary>
    /// Fills every field of the open send form with valid values (birth date typed in Persian digits). The security
    /// code is the test code unless <paramref name="securityCode"/> reads the digits of the challenge on the page.
    /// </summary>
    public static async Task<SendForm> FillValidFormAsync(IPage page, string mainSubject = "سایر", string? subSubject = null,
        Func<IPage, Task<string>>? securityCode = null)
    {
        var form = new SendForm(page);
        await form.TypeBirthDateAsync();
        await form.NationalCodeField.FillAsync(SendForm.NationalCode);
        await Expect(form.FirstName).ToHaveValueAsync(SendForm.FirstNameValue);
        await form.SelectProvinceAsync("تهران");
        await form.Mobile.FillAsync("۰۹۱۲۱۲۳۴۵۶۷");
        await form.ChooseRequestTypeAsync("درخواست");
        await form.SelectMainSubjectAsync(mainSubject);
        if (subSubject is not null)
        {
            await form.SelectSubSubjectAsync(subSubject);
        }

        await form.Text.FillAsync(SendForm.RequestText);
        await form.SecurityCode.FillAsync(securityCode is null ? KestrelApp.TestCaptchaCode : await securityCode(page));
        return form;
    }

    /// <summary>Sends a request through the form and returns its tracking code as the receipt shows it.</summary>
    public static async Task<string> SendRequestAsync(Journey journey, Func<IPage, Task<string>>? securityCode = null)
    {
        var page = journey.Page;
        await journey.GotoAsync("/requests/send");
        var form = await FillValidFormAsync(page, securityCode: securityCode);
        await form.SendButton.ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/requests/send/receipt$"));
        var code = page.GetByTestId("tracking-code");
        await Expect(code).ToHaveTextAsync(new Regex(@"^\s*[۰-۹]{4} [۰-۹]{4} [۰-۹]{4}\s*$"));
        return (await code.InnerTextAsync()).Trim();
    }

    /// <summary>The follow-up form: national code, tracking code (as shown on the receipt) and security code.</summary>
    public static async Task FollowUpAsync(IPage page, string shownTrackingCode, Func<IPage, Task<string>>? securityCode = null)
    {
        await page.GetByLabel("کد ملی").FillAsync(SendForm.NationalCode);
        await page.GetByLabel("کد پیگیری").FillAsync(shownTrackingCode);
        await page.GetByLabel("کد امنیتی").FillAsync(Digits.ToPersian(securityCode is null ? KestrelApp.TestCaptchaCode : await securityCode(page)));
        await page.GetByRole(AriaRole.Button, new() { Name = "مشاهده نتیجه" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/requests/track/result$"));
    }
}

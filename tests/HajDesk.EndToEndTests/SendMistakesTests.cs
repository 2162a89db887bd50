using HajDesk.EndToEndTests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace HajDesk.EndToEndTests;

/// <summary>
/// Journey 6: each kind of mistake on the send form. The summary of mistakes is at the top, visible and focused,
/// and what the citizen typed is still in the form.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class SendMistakesTests(BrowserFixture fixture, ITestOutputHelper output)
{
    public const string Empty = "empty";
    public const string BadNationalCode = "national-code";
    public const string WrongBirthDate = "birth-date";
    public const string BadMobile = "mobile";
    public const string DisguisedExe = "exe-as-pdf";
    public const string WrongSecurityCode = "security-code";

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var mistake in new[] { Empty, BadNationalCode, WrongBirthDate, BadMobile, DisguisedExe, WrongSecurityCode })
        {
            data.Add(mistake, Viewports.Phone);
            data.Add(mistake, Viewports.Desktop);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Mistake_ShowsSummaryAtTopAndKeepsWhatWasTyped(string mistake, string viewport)
    {
        await using var journey = await Journey.StartAsync(fixture, output, $"mistake-{mistake}", viewport);
        var page = journey.Page;
        var form = new SendForm(page);
        await journey.GotoAsync("/requests/send");

        var nationalCode = mistake == BadNationalCode ? "0499370898" : SendForm.NationalCode;
        var day = mistake == WrongBirthDate ? "13" : "12";
        var mobile = mistake == BadMobile ? "۰۹۱۲۱۲۳" : "۰۹۱۲۱۲۳۴۵۶۷";
        if (mistake != Empty)
        {
            await form.TypeBirthDateAsync(day: day);
            await form.NationalCodeField.FillAsync(nationalCode);
            if (mistake == WrongBirthDate)
            {
                // The page already says so while typing; the name stays empty.
                await Expect(page.Locator("#registry-status")).ToContainTextAsync("تأیید نشد");
                await Expect(form.FirstName).ToHaveValueAsync("");
            }
            else if (mistake != BadNationalCode)
            {
                await Expect(form.FirstName).ToHaveValueAsync(SendForm.FirstNameValue);
            }

            await form.SelectProvinceAsync("تهران");
            await form.Mobile.FillAsync(mobile);
            await form.ChooseRequestTypeAsync("شکایت");
            await form.SelectMainSubjectAsync("حج تمتع");
            await form.SelectSubSubjectAsync("فیش و سپرده حج");
            await form.Text.FillAsync(SendForm.RequestText);
            if (mistake == DisguisedExe)
            {
                await form.Files.SetInputFilesAsync(SampleFiles.ExeDisguisedAsPdf());
            }

            await form.SecurityCode.FillAsync(mistake == WrongSecurityCode ? "00000" : KestrelApp.TestCaptchaCode);
        }

        await form.SendButton.ClickAsync();

        await Expect(form.ErrorSummary).ToBeVisibleAsync();
        await Expect(form.ErrorSummary).ToBeFocusedAsync();
        await Expect(form.ErrorSummary).ToBeInViewportAsync();
        foreach (var expected in ExpectedMessages(mistake))
        {
            await Expect(form.ErrorSummary).ToContainTextAsync(expected);
        }

        // Every entry of the summary leads to a field of the form.
        var targets = await form.ErrorSummary.Locator("a").EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))");
        Assert.NotEmpty(targets);
        foreach (var target in targets)
        {
            Assert.StartsWith("#", target, StringComparison.Ordinal);
            Assert.Equal(1, await page.Locator(target).CountAsync());
        }

        await journey.StepAsync("errors");

        if (mistake == Empty)
        {
            await Expect(form.SubSubject).ToBeHiddenAsync();
        }
        else
        {
            await Expect(form.Day).ToHaveValueAsync(Digits.ToPersian(day));
            await Expect(form.Month).ToHaveValueAsync("4");
            await Expect(form.Year).ToHaveValueAsync("۱۳۶۵");
            await Expect(form.NationalCodeField).ToHaveValueAsync(nationalCode);
            await Expect(form.Province).ToHaveValueAsync(await OptionValueAsync(form.Province, "تهران"));
            await Expect(form.AreaCode).ToHaveValueAsync("021");
            await Expect(form.Mobile).ToHaveValueAsync(mobile);
            await Expect(form.MainSubject).ToHaveValueAsync(await OptionValueAsync(form.MainSubject, "حج تمتع"));
            await Expect(form.SubSubject).ToBeVisibleAsync();
            await Expect(form.SubSubject).ToHaveValueAsync(await OptionValueAsync(form.SubSubject, "فیش و سپرده حج"));
            await Expect(form.Text).ToHaveValueAsync(SendForm.RequestText);
            // A security code is used once: the new picture needs a new answer.
            await Expect(form.SecurityCode).ToHaveValueAsync("");
        }

        await journey.FinishAsync();
    }

    private static string[] ExpectedMessages(string mistake) => mistake switch
    {
        Empty =>
        [
            "تاریخ تولد را کامل وارد کنید", "کد ملی را وارد کنید.", "استان را انتخاب کنید.", "شماره تلفن همراه را وارد کنید.",
            "موضوع اصلی را انتخاب کنید.", "متن درخواست را بنویسید.", "کد امنیتی را وارد کنید.",
        ],
        BadNationalCode => ["کد ملی معتبر نیست"],
        WrongBirthDate => ["کد ملی و تاریخ تولد در سامانه ثبت احوال با هم تأیید نشد"],
        BadMobile => ["شماره تلفن همراه معتبر نیست"],
        DisguisedExe => ["نوع فایل «madarek.pdf» پذیرفته نیست"],
        WrongSecurityCode => ["کد امنیتی درست نیست"],
        _ => throw new ArgumentOutOfRangeException(nameof(mistake), mistake, null),
    };

    private static Task<string> OptionValueAsync(ILocator select, string label) =>
        select.Locator("option", new() { HasTextString = label }).First.EvaluateAsync<string>("o => o.value");
}

using System.Text.RegularExpressions;
using HajDesk.EndToEndTests.Infrastructure;

using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace HajDesk.EndToEndTests;

/// <summary>An app of its own with <c>MobileVerification:Enabled</c> (the shared one has it off).</summary>
public sealed class VerifyingApp : IAsyncLifetime
{
    public KestrelApp App { get; } = new(new Dictionary<string, string?> { ["MobileVerification:Enabled"] = "true" });

    public Task InitializeAsync() => Task.Run(App.Start);

    public async Task DisposeAsync() => await App.DisposeAsync();

    /// <summary>The last one-time code the recording SMS sender kept for <paramref name="mobile"/>, in Persian digits as the SMS has it.</summary>
    public Task<string> LastCodeAsync(string mobile = "09121234567") =>
        App.WithDbAsync(async db =>
        {
            var body = await db.RecordedMessages.Where(m => m.Recipient == mobile && m.Body.StartsWith("کد تأیید"))
                .OrderByDescending(m => m.Id).Select(m => m.Body).FirstAsync();
            return Regex.Match(body, "[۰-۹]{6}").Value;
        });
}

/// <summary>
/// Issue 25 in the browser: a citizen sends, reads the «کد تأیید» from the recorded SMS, types it and gets the
/// receipt; a citizen who lost a tracking code asks for it again. Each with script on one width and off on the other.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class MobileVerificationJourneyTests(BrowserFixture fixture, VerifyingApp verifying, ITestOutputHelper output)
    : IClassFixture<VerifyingApp>
{
    public static TheoryData<string, bool> SendCases => new() { { Viewports.Phone, true }, { Viewports.Desktop, false } };

    public static TheoryData<string, bool> LostCases => new() { { Viewports.Phone, false }, { Viewports.Desktop, true } };

    [Theory]
    [MemberData(nameof(SendCases))]
    public async Task Citizen_SendsReadsTheSmsCodeTypesIt_GetsTheReceipt(string viewport, bool javaScript)
    {
        await using var journey = await Journey.StartAsync(fixture, output, javaScript ? "verify-js" : "verify-nojs", viewport, javaScript,
            baseUrl: verifying.App.BaseUrl);
        var page = journey.Page;
        var form = new SendForm(page);
        await journey.GotoAsync("/requests/send");
        await form.TypeBirthDateAsync();
        await form.NationalCodeField.FillAsync(SendForm.NationalCode);
        await form.SelectProvinceAsync("تهران");
        await form.Mobile.FillAsync("۰۹۱۲۱۲۳۴۵۶۷");
        await form.ChooseRequestTypeAsync("درخواست");
        await form.SelectMainSubjectAsync("سایر");
        await form.Text.FillAsync(SendForm.RequestText);
        if (!javaScript)
        {
            await form.Files.SetInputFilesAsync([Infrastructure.SampleFiles.Pdf()]);
        }

        await form.SecurityCode.FillAsync(KestrelApp.TestCaptchaCode);
        await form.SendButton.ClickAsync();

        // The code step: the request is not stored yet; the code went to the typed mobile.
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "تأیید شماره همراه", Level = 1 })).ToBeVisibleAsync();
        var codeField = page.GetByLabel("کد تأیید");
        await Expect(codeField).ToHaveAttributeAsync("autocomplete", "one-time-code");
        await Expect(page.GetByTestId("code-sent")).ToContainTextAsync("۰۹۱۲***۴۵۶۷");
        if (!javaScript)
        {
            await Expect(page.GetByText("fish-hajj.pdf")).ToBeVisibleAsync();
        }

        await journey.StepAsync("code-step");

        // A wrong code: said so, nothing lost.
        var code = await verifying.LastCodeAsync();
        await codeField.FillAsync(code == "۰۰۰۰۰۰" ? "۱۱۱۱۱۱" : "۰۰۰۰۰۰");
        await page.GetByRole(AriaRole.Button, new() { Name = "تأیید و ارسال درخواست" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "کد تأیید درست نیست" })).ToBeVisibleAsync();
        await journey.StepAsync("wrong-code");

        await codeField.FillAsync(code);
        await page.GetByRole(AriaRole.Button, new() { Name = "تأیید و ارسال درخواست" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/requests/send/receipt$"));
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "درخواست شما با موفقیت ثبت شد." })).ToBeVisibleAsync();
        var shown = Digits.Only(await page.GetByTestId("tracking-code").InnerTextAsync());
        await journey.StepAsync("receipt");

        Assert.True(await verifying.App.WithDbAsync(db => db.Requests.Where(r => r.TrackingCode == shown).Select(r => r.MobileVerified).SingleAsync()));
        await journey.FinishAsync();
    }

    [Theory]
    [MemberData(nameof(LostCases))]
    public async Task Citizen_WhoLostATrackingCode_AsksForItAndItGoesToTheVerifiedMobile(string viewport, bool javaScript)
    {
        var mobile = javaScript ? "09171111111" : "09181111111";
        var trackingCode = await verifying.App.WithDbAsync(async db =>
        {
            var request = HajDesk.Web.Tests.Infrastructure.TestRequests.Build(db, nationalCode: "0010350829");
            request.BirthDate = new DateOnly(1961, 3, 21);
            request.Mobile = mobile;
            request.MobileVerified = true;
            db.Requests.Add(request);
            await db.SaveChangesAsync();
            return request.TrackingCode;
        });
        await using var journey = await Journey.StartAsync(fixture, output, javaScript ? "lost-js" : "lost-nojs", viewport, javaScript,
            baseUrl: verifying.App.BaseUrl);
        var page = journey.Page;
        var form = new SendForm(page);

        await journey.GotoAsync("/requests/track");
        await page.GetByRole(AriaRole.Link, new() { Name = "کد پیگیری را فراموش کرده‌ام" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/requests/track/lost$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "کد پیگیری را فراموش کرده‌ام", Level = 1 })).ToBeVisibleAsync();
        await journey.StepAsync("lost-form");

        await form.TypeBirthDateAsync("1", "1", "1340");
        await form.NationalCodeField.FillAsync(Digits.ToPersian("0010350829"));
        await form.SecurityCode.FillAsync(Digits.ToPersian(KestrelApp.TestCaptchaCode));
        await page.GetByRole(AriaRole.Button, new() { Name = "ارسال کد پیگیری با پیامک" }).ClickAsync();

        await Expect(page.GetByTestId("lost-answer")).ToHaveTextAsync(
            "اگر درخواستی با این مشخصات در دوازده ماه گذشته ثبت شده باشد، کد پیگیری آن به شماره همراه تأییدشده‌اش پیامک می‌شود.");
        await Expect(form.NationalCodeField).ToHaveValueAsync(string.Empty);
        await journey.StepAsync("lost-answer");

        var body = await verifying.App.WithDbAsync(db => db.OutboxMessages.Where(m => m.Recipient == mobile && m.Template == "tracking.lost")
            .Select(m => m.Body).SingleAsync());
        Assert.Contains(Digits.ToPersian(HajDesk.Core.Requests.TrackingCode.Format(trackingCode)), body, StringComparison.Ordinal);
        await journey.FinishAsync();
    }
}

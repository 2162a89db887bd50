using System.Text.RegularExpressions;
using HajDesk.EndToEndTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace HajDesk.EndToEndTests;

/// <summary>An app of its own with <c>OpenRequestNotice:Enabled</c> (the shared one has it off).</summary>
public sealed class NoticingApp : IAsyncLifetime
{
    public KestrelApp App { get; } = new(new Dictionary<string, string?> { ["OpenRequestNotice:Enabled"] = "true" });

    public Task InitializeAsync() => Task.Run(App.Start);

    public async Task DisposeAsync() => await App.DisposeAsync();
}

/// <summary>
/// Duplicates at intake (issue 24) in the browser: a citizen with an open request on «سایر» sends another on it, is
/// told before the final send (the date and the masked mobile only), has the earlier tracking code sent again by
/// SMS, then sends the new request anyway. Script on the phone, none on the desktop.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class OpenRequestJourneyTests(BrowserFixture fixture, NoticingApp noticing, ITestOutputHelper output)
    : IClassFixture<NoticingApp>
{
    public static TheoryData<string, bool> Cases => new() { { Viewports.Phone, true }, { Viewports.Desktop, false } };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Citizen_WithAnOpenRequestOnTheSubject_IsToldGetsItsCodeAgainAndMaySendAnyway(string viewport, bool javaScript)
    {
        // A person of the demo registry of their own per case (the reminders are limited per request per day).
        var (nationalCode, day, month, year, mobile) = javaScript
            ? ("0010350829", "1", "1", "1340", "09351112233")
            : ("0452147921", "23", "11", "1352", "09361112233");
        var earlier = await noticing.App.WithDbAsync(async db =>
        {
            var request = HajDesk.Web.Tests.Infrastructure.TestRequests.Build(db, nationalCode: nationalCode,
                createdAt: DateTime.UtcNow.AddDays(-3), text: "درخواست قبلی درباره بازگشت وجه");
            HajDesk.Core.Persian.JalaliDate.TryCreate(int.Parse(year, System.Globalization.CultureInfo.InvariantCulture), int.Parse(month, System.Globalization.CultureInfo.InvariantCulture), int.Parse(day, System.Globalization.CultureInfo.InvariantCulture), out var birthDate);
            request.BirthDate = birthDate;
            request.Mobile = mobile;
            db.Requests.Add(request);
            await db.SaveChangesAsync();
            return request;
        });
        await using var journey = await Journey.StartAsync(fixture, output, javaScript ? "open-request-js" : "open-request-nojs", viewport, javaScript,
            baseUrl: noticing.App.BaseUrl);
        var page = journey.Page;
        var form = new SendForm(page);

        await journey.GotoAsync("/requests/send");
        await form.TypeBirthDateAsync(day, month, year);
        await form.NationalCodeField.FillAsync(Digits.ToPersian(nationalCode));
        await form.SelectProvinceAsync("تهران");
        await form.Mobile.FillAsync(Digits.ToPersian(mobile));
        await form.ChooseRequestTypeAsync("درخواست");
        await form.SelectMainSubjectAsync("سایر");
        await form.Text.FillAsync(SendForm.RequestText);
        await form.SecurityCode.FillAsync(KestrelApp.TestCaptchaCode);
        await form.SendButton.ClickAsync();

        // Told before the final send: «درخواست باز», its date, the masked mobile; not its code, not its text.
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "درخواست باز دارید", Level = 1 })).ToBeVisibleAsync();
        var notice = page.GetByTestId("open-request-notice");
        await Expect(notice).ToContainTextAsync("درخواست باز");
        await Expect(notice).ToContainTextAsync(HajDesk.Web.Submission.OpenRequestReminders.SentOn(earlier.CreatedAt));
        await Expect(notice).ToContainTextAsync(Digits.ToPersian(mobile[..4]) + "***" + Digits.ToPersian(mobile[7..]));
        var html = await page.ContentAsync();
        Assert.DoesNotContain(Digits.ToPersian(HajDesk.Core.Requests.TrackingCode.Format(earlier.TrackingCode)), html, StringComparison.Ordinal);
        Assert.DoesNotContain(earlier.TrackingCode, html, StringComparison.Ordinal);
        Assert.DoesNotContain("درخواست قبلی درباره بازگشت وجه", html, StringComparison.Ordinal);
        await journey.StepAsync("told");

        await page.GetByRole(AriaRole.Button, new() { Name = "ارسال دوباره کد پیگیری" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "کد پیگیری آن درخواست" })).ToBeVisibleAsync();
        await journey.StepAsync("reminded");
        var body = await noticing.App.WithDbAsync(db => db.OutboxMessages.Where(m => m.Recipient == mobile && m.Template == "tracking.reminder")
            .Select(m => m.Body).SingleAsync());
        Assert.Contains(Digits.ToPersian(HajDesk.Core.Requests.TrackingCode.Format(earlier.TrackingCode)), body, StringComparison.Ordinal);

        await page.GetByRole(AriaRole.Button, new() { Name = "ثبت درخواست جدید" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/requests/send/receipt$"));
        var shown = Digits.Only(await page.GetByTestId("tracking-code").InnerTextAsync());
        Assert.NotEqual(earlier.TrackingCode, shown);
        await journey.StepAsync("receipt");
        Assert.Equal(SendForm.RequestText, await noticing.App.WithDbAsync(db => db.Requests.Where(r => r.TrackingCode == shown).Select(r => r.Text).SingleAsync()));
        await journey.FinishAsync();
    }
}

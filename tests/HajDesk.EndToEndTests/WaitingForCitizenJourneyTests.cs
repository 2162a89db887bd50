using System.Text.RegularExpressions;
using HajDesk.Core.Persian;
using HajDesk.Core.Requests;
using HajDesk.EndToEndTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace HajDesk.EndToEndTests;

/// <summary>
/// «در انتظار پاسخ متقاضی»: an expert asks the citizen for more information, the citizen reads the question on the
/// follow-up page and answers, and the request returns to the expert with its due date pushed by the working days
/// spent waiting. With and without JavaScript.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class WaitingForCitizenJourneyTests(BrowserFixture fixture, ITestOutputHelper output)
{
    private const string Question = "لطفاً تصویر صفحه اول گذرنامه خود را بفرستید.";

    private const string Reply = "تصویر گذرنامه را پیوست کردم.";

    public static TheoryData<string, bool> Cases => new() { { Viewports.Phone, true }, { Viewports.Desktop, false } };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Expert_AsksCitizen_CitizenAnswers_RequestReturnsWithDueDatePushed(string viewport, bool javaScript)
    {
        await using var journey = await Journey.StartAsync(fixture, output, javaScript ? "waiting" : "waiting-noscript", viewport, javaScript);
        var page = journey.Page;
        var shownCode = javaScript ? await Citizen.SendRequestAsync(journey) : await SendWithoutScriptAsync(journey);
        var trackingCode = Digits.Only(shownCode);
        var userName = $"waiting.expert.{viewport}";
        await StaffAnswerJourneyTests.CreateTehranExpertAsync(journey.App, userName);

        await StaffJourney.SignInAsync(journey, userName);
        await StaffJourney.OpenRequestAsync(page, shownCode);
        await page.GetByRole(AriaRole.Button, new() { Name = "برداشتن درخواست" }).ClickAsync();
        await Expect(page.GetByTestId("status")).ToHaveTextAsync("در حال بررسی");
        await page.GetByLabel("پرسش یا مدرک لازم").FillAsync(Question);
        await page.GetByRole(AriaRole.Button, new() { Name = "فرستادن به متقاضی" }).ClickAsync();
        await Expect(page.GetByTestId("status")).ToHaveTextAsync("در انتظار پاسخ متقاضی");
        await journey.StepAsync("asked");
        await StaffJourney.SignOutAsync(page);

        // The question was asked two weeks ago (the clock is arranged, not waited for): every working day since then
        // is the citizen's, not the expert's.
        var dueBefore = await journey.App.WithDbAsync(async db =>
        {
            var request = await db.Requests.Include(r => r.Events).SingleAsync(r => r.TrackingCode == trackingCode);
            var asked = request.WaitingSince!.Value.AddDays(-14);
            request.WaitingSince = asked;
            request.Events.Single(e => e.Kind == RequestEventKind.InfoRequested).At = asked;
            await db.SaveChangesAsync();
            return request.DueAt;
        });

        await journey.GotoAsync("/requests/track");
        await Citizen.FollowUpAsync(page, shownCode);
        var question = page.GetByTestId("question");
        await Expect(question).ToContainTextAsync(Question);
        await Expect(page.GetByTestId("status")).ToHaveTextAsync("در انتظار پاسخ متقاضی");
        await journey.StepAsync("citizen-sees-question");
        await page.GetByLabel("متن پیام").FillAsync(Reply);
        await page.GetByRole(AriaRole.Button, new() { Name = "ارسال پیام", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/requests/track/result"));
        await Expect(page.GetByTestId("question")).ToHaveCountAsync(0);
        await Expect(page.GetByText(Reply)).ToBeVisibleAsync();
        await journey.StepAsync("citizen-answered");

        var dueAfter = await journey.App.WithDbAsync(db => db.Requests.Where(r => r.TrackingCode == trackingCode).Select(r => r.DueAt).SingleAsync());
        Assert.True(dueAfter > dueBefore, $"due {dueBefore:O} → {dueAfter:O}");

        await StaffJourney.SignInAsync(journey, userName);
        await StaffJourney.OpenRequestAsync(page, shownCode);
        await Expect(page.GetByTestId("status")).ToHaveTextAsync("در حال بررسی");
        await Expect(page.Locator(".req-facts")).ToContainTextAsync(JalaliDate.FormatDateTime(dueAfter));
        await Expect(page.GetByText(Reply)).ToBeVisibleAsync();
        await journey.StepAsync("back-with-expert");

        await journey.FinishAsync();
    }

    /// <summary>The send form without script: the name comes from the «استعلام» button.</summary>
    private static async Task<string> SendWithoutScriptAsync(Journey journey)
    {
        var page = journey.Page;
        var form = new SendForm(page);
        await journey.GotoAsync("/requests/send");
        await form.TypeBirthDateAsync();
        await form.NationalCodeField.FillAsync(SendForm.NationalCode);
        await form.LookupButton.ClickAsync();
        await Expect(form.FirstName).ToHaveValueAsync(SendForm.FirstNameValue);
        await form.SelectProvinceAsync("تهران");
        await form.Mobile.FillAsync("09121234567");
        await form.ChooseRequestTypeAsync("درخواست");
        await form.SelectMainSubjectAsync("سایر");
        await form.Text.FillAsync(SendForm.RequestText);
        await form.SecurityCode.FillAsync(KestrelApp.TestCaptchaCode);
        await form.SendButton.ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/requests/send/receipt$"));
        return (await page.GetByTestId("tracking-code").InnerTextAsync()).Trim();
    }
}

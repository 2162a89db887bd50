using System.Text.RegularExpressions;
using HajDesk.Core.Catalogue;
using HajDesk.Core.Surveys;
using HajDesk.EndToEndTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace HajDesk.EndToEndTests;

/// <summary>The service catalogue, answers before asking on the send form, and the satisfaction survey.</summary>
[Collection(BrowserCollection.Name)]
public sealed class CatalogueJourneyTests(BrowserFixture fixture, ITestOutputHelper output)
{
    private const string Question = "کارت ورود به عمره را از کجا دریافت کنم؟";

    private static Task<bool> EnsureQuestionAsync(KestrelApp app) => app.WithDbAsync(async db =>
    {
        if (!await db.SubjectQuestions.AnyAsync(q => q.Question == Question))
        {
            var other = await db.Subjects.Where(s => s.Name == "سایر" && s.ParentId == null).Select(s => s.Id).SingleAsync();
            db.SubjectQuestions.Add(new SubjectQuestion { SubjectId = other, Question = Question, Answer = "- از دفتر زیارتی استان\n- پس از واریز هزینه" });
            await db.SaveChangesAsync();
        }

        return true;
    });

    [Theory]
    [MemberData(nameof(Viewports.Both), MemberType = typeof(Viewports))]
    public async Task Citizen_ReadsTheCatalogueThenSeesTheSubjectsAnswersOnTheForm(string viewport)
    {
        await EnsureQuestionAsync(fixture.App);
        await using var journey = await Journey.StartAsync(fixture, output, "catalogue", viewport);
        var page = journey.Page;

        await journey.GotoAsync("/");
        await page.GetByRole(AriaRole.Link, new() { Name = "خدمات و پرسش‌های متداول" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/services$"));
        await Expect(page.GetByTestId("service-entry").First).ToBeVisibleAsync();
        await journey.StepAsync("list");

        await page.GetByTestId("service-index").GetByRole(AriaRole.Link, new() { Name = "سایر" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/services/HD-[0-9]+$"));
        await page.GetByText(Question).ClickAsync();
        await Expect(page.GetByText("از دفتر زیارتی استان")).ToBeVisibleAsync();
        await journey.StepAsync("entry");

        await journey.GotoAsync("/requests/send");
        var form = new SendForm(page);
        await form.SelectMainSubjectAsync("سایر");
        var guide = page.Locator("[data-guide-target]");
        await Expect(guide.GetByText(Question)).ToBeVisibleAsync();
        await guide.GetByText(Question).ClickAsync();
        await Expect(guide.GetByText("پس از واریز هزینه")).ToBeVisibleAsync();
        await journey.StepAsync("send-form-guide");
        await journey.FinishAsync();
    }

    [Fact]
    public async Task Citizen_WithoutScript_AsksForTheGuideAndKeepsWhatWasTyped()
    {
        await EnsureQuestionAsync(fixture.App);
        await using var journey = await Journey.StartAsync(fixture, output, "catalogue-noscript", Viewports.Phone, javaScript: false);
        var page = journey.Page;
        await journey.GotoAsync("/requests/send");
        var form = new SendForm(page);
        await form.SelectMainSubjectAsync("سایر");
        await form.Text.FillAsync("متنی که نباید گم شود");

        await page.GetByRole(AriaRole.Button, new() { Name = "نمایش راهنما و پرسش‌های متداول این موضوع" }).ClickAsync();

        await Expect(page.Locator("[data-guide-target]").GetByText(Question)).ToBeVisibleAsync();
        await Expect(form.Text).ToHaveValueAsync("متنی که نباید گم شود");
        await journey.StepAsync("guide");
        await journey.FinishAsync();
    }

    [Theory]
    [MemberData(nameof(Viewports.Both), MemberType = typeof(Viewports))]
    public async Task Citizen_AnswersTheSurveyOnce(string viewport)
    {
        await using var journey = await Journey.StartAsync(fixture, output, "survey", viewport);
        var page = journey.Page;
        var shownCode = await Citizen.SendRequestAsync(journey);
        var token = await journey.App.WithDbAsync(async db =>
        {
            var code = Digits.Only(shownCode);
            var requestId = await db.Requests.Where(r => r.TrackingCode == code).Select(r => r.Id).SingleAsync();
            var (invitation, token) = SurveyInvitation.Create(requestId, DateTime.UtcNow);
            db.SurveyInvitations.Add(invitation);
            await db.SaveChangesAsync();
            return token;
        });

        await journey.GotoAsync($"/survey/{token}");
        await journey.StepAsync("form");
        foreach (var item in SurveyQuestionnaire.Items)
        {
            await page.GetByRole(AriaRole.Group, new() { Name = item.Text }).GetByRole(AriaRole.Radio, new() { Name = "۴ (زیاد)" }).CheckAsync();
        }

        await page.GetByLabel("توضیح (اختیاری)").FillAsync("سپاس از پاسخ روشن.");
        await page.GetByRole(AriaRole.Button, new() { Name = "ثبت نظر" }).ClickAsync();
        await Expect(page.GetByTestId("survey-thanks")).ToBeVisibleAsync();
        await journey.StepAsync("thanks");

        await journey.GotoAsync($"/survey/{token}");
        await Expect(page.GetByTestId("survey-done")).ToBeVisibleAsync();
        await journey.FinishAsync();
    }
}

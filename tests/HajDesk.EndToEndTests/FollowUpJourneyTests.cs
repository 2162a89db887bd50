using System.Text.RegularExpressions;
using HajDesk.Core.Requests;
using HajDesk.EndToEndTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace HajDesk.EndToEndTests;

/// <summary>Journeys 3 and 5: following up a request before and after the expert's answer, and rating the answer.</summary>
[Collection(BrowserCollection.Name)]
public sealed class FollowUpJourneyTests(BrowserFixture fixture, ITestOutputHelper output)
{
    public const string AnswerText = "انتقال فیش به فرزند با ارائه شناسنامه و کارت ملی هر دو نفر در دفتر زیارتی استان انجام می‌شود.";

    [Theory]
    [MemberData(nameof(Viewports.Both), MemberType = typeof(Viewports))]
    public async Task Citizen_FollowsUpBeforeTheAnswer_SeesItIsNotAnsweredYet(string viewport)
    {
        await using var journey = await Journey.StartAsync(fixture, output, "track", viewport);
        var page = journey.Page;
        var shownCode = await Citizen.SendRequestAsync(journey);

        await journey.GotoAsync("/");
        await page.GetByRole(AriaRole.Link, new() { Name = "پیگیری درخواست" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/requests/track$"));
        await journey.StepAsync("form");

        // Sent empty: every field is named in the summary at the top.
        await page.GetByRole(AriaRole.Button, new() { Name = "مشاهده نتیجه" }).ClickAsync();
        var summary = page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "لطفاً این موارد را درست کنید" });
        await Expect(summary).ToBeVisibleAsync();
        await Expect(summary).ToContainTextAsync("کد ملی را وارد کنید.");
        await Expect(summary).ToContainTextAsync("کد پیگیری را وارد کنید.");
        await journey.StepAsync("errors");

        await Citizen.FollowUpAsync(page, shownCode);
        var notAnswered = page.GetByRole(AriaRole.Status).Filter(new() { HasText = "هنوز پاسخی برای این درخواست ثبت نشده است" });
        await Expect(notAnswered).ToBeVisibleAsync();
        await Expect(page.GetByTestId("status")).ToHaveTextAsync("ثبت شده");
        await Expect(page.GetByText(shownCode).First).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "پاسخ کارشناس" })).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Group, new() { Name = "امتیاز شما به پاسخ" })).ToHaveCountAsync(0);
        await journey.StepAsync("not-answered");

        await journey.FinishAsync();
    }

    [Theory]
    [MemberData(nameof(Viewports.Both), MemberType = typeof(Viewports))]
    public async Task Citizen_FollowsUpAfterTheAnswer_SeesItFirstAndRatesIt(string viewport)
    {
        await using var journey = await Journey.StartAsync(fixture, output, "answer", viewport);
        var page = journey.Page;
        var shownCode = await Citizen.SendRequestAsync(journey);
        // The expert's answer, written as the back office writes it (journey 4 does it through the staff pages).
        await AnswerAsync(journey.App, Digits.Only(shownCode), AnswerText);

        await journey.GotoAsync("/requests/track");
        await Citizen.FollowUpAsync(page, shownCode);

        // The answer comes first and is in view without scrolling.
        var answer = page.GetByRole(AriaRole.Region, new() { Name = "پاسخ کارشناس" });
        await Expect(answer).ToBeVisibleAsync();
        await Expect(answer).ToContainTextAsync(AnswerText);
        await Expect(answer.GetByRole(AriaRole.Heading, new() { Name = "پاسخ کارشناس" })).ToBeInViewportAsync();
        Assert.Equal("answer-title", await page.Locator("main h2").First.GetAttributeAsync("id"));
        await Expect(page.GetByTestId("status")).ToHaveTextAsync("پاسخ داده شده");
        await journey.StepAsync("answer");

        // Rating 5 from 5.
        var rating = page.GetByRole(AriaRole.Group, new() { Name = "امتیاز شما به پاسخ" });
        await rating.GetByRole(AriaRole.Radio, new() { Name = "۵ (عالی)" }).CheckAsync();
        await rating.GetByLabel("توضیح (اختیاری)").FillAsync("پاسخ روشن و کامل بود.");
        await journey.StepAsync("rating-chosen");
        await rating.GetByRole(AriaRole.Button, new() { Name = "ثبت امتیاز" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/requests/track/result$"));
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "امتیاز شما ثبت شد. از شما سپاسگزاریم." })).ToBeVisibleAsync();
        await Expect(page.GetByText("امتیاز شما به این پاسخ:")).ToContainTextAsync("۵ از ۵");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "ثبت امتیاز" })).ToHaveCountAsync(0);
        await journey.StepAsync("thanks");

        var stored = await journey.App.WithDbAsync(db => db.Requests.AsNoTracking()
            .Where(r => r.TrackingCode == Digits.Only(shownCode)).Select(r => r.Rating).SingleAsync());
        Assert.Equal(5, stored);

        await journey.FinishAsync();
    }

    /// <summary>Marks the request answered with a visible answer, as an expert's «پاسخ» does.</summary>
    internal static Task AnswerAsync(KestrelApp app, string trackingCode, string text) => app.WithDbAsync(async db =>
    {
        var request = await db.Requests.SingleAsync(r => r.TrackingCode == trackingCode);
        var now = DateTime.UtcNow;
        request.Status = RequestStatus.Answered;
        request.AnsweredAt = now;
        request.UpdatedAt = now;
        request.Events.Add(new RequestEvent
        {
            Kind = RequestEventKind.Answered,
            At = now,
            VisibleToCitizen = true,
            ActorName = "کارشناس استان تهران",
            Text = text,
        });
        return await db.SaveChangesAsync();
    });
}

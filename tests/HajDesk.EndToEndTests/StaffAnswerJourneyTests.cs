using System.Text.RegularExpressions;
using HajDesk.Core.Staff;
using HajDesk.EndToEndTests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace HajDesk.EndToEndTests;

/// <summary>
/// Journey 4: a Tehran expert signs in to the back office, finds the citizen's request, takes it and answers it with
/// a file; the citizen then sees the answer and its file on the follow-up page.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class StaffAnswerJourneyTests(BrowserFixture fixture, ITestOutputHelper output)
{
    private const string AnswerText = "فیش شما با ارائه شناسنامه و کارت ملی هر دو نفر در دفتر زیارتی استان تهران منتقل می‌شود. فرم پیوست را پر کنید.";

    [Theory]
    [MemberData(nameof(Viewports.Both), MemberType = typeof(Viewports))]
    public async Task Expert_AnswersRequestWithFile_CitizenSeesAnswerOnFollowUp(string viewport)
    {
        await using var journey = await Journey.StartAsync(fixture, output, "staff-answer", viewport);
        var page = journey.Page;
        var shownCode = await Citizen.SendRequestAsync(journey);
        var trackingCode = Digits.Only(shownCode);
        var userName = $"tehran.expert.{viewport}";
        await CreateTehranExpertAsync(journey.App, userName);

        // Sign in: the back office sends an anonymous visitor to its sign-in form.
        await journey.GotoAsync("/staff");
        await Expect(page).ToHaveURLAsync(new Regex("/staff/sign-in"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "ورود کارکنان", Level = 1 })).ToBeVisibleAsync();
        await journey.StepAsync("sign-in");
        await page.GetByLabel("نام کاربری").FillAsync(userName);
        await page.GetByLabel("رمز عبور").FillAsync(StaffJourney.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "ورود", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/staff/inbox"));
        await Expect(page.GetByTestId("staff-name")).ToHaveTextAsync("کارشناس آزمون " + viewport);
        await journey.StepAsync("inbox");

        // Find the request by its tracking code, typed as the citizen reads it (Persian digits, spaces).
        await page.GetByLabel("جستجو با کد پیگیری، کد ملی یا نام").FillAsync(shownCode);
        await page.GetByRole(AriaRole.Button, new() { Name = "جستجو", Exact = true }).ClickAsync();
        var row = page.GetByTestId("inbox-row");
        await Expect(row).ToHaveCountAsync(1);
        await journey.StepAsync("search");
        await row.GetByRole(AriaRole.Link).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync(HajDesk.Core.Requests.TrackingCode.Format(trackingCode));
        await Expect(page.GetByTestId("request-text")).ToHaveTextAsync(SendForm.RequestText);
        await journey.StepAsync("request");

        await page.GetByRole(AriaRole.Button, new() { Name = "برداشتن درخواست" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "درخواست به شما سپرده شد." })).ToBeVisibleAsync();
        await Expect(page.GetByTestId("status")).ToHaveTextAsync("در حال بررسی");

        await page.GetByLabel("متن پاسخ").FillAsync(AnswerText);
        await page.GetByLabel("پیوست").SetInputFilesAsync(SampleFiles.Pdf("rahnama-enteghal.pdf"));
        await journey.StepAsync("answer-written");
        await page.GetByRole(AriaRole.Button, new() { Name = "ثبت پاسخ" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "پاسخ ثبت شد و برای متقاضی نمایش داده می‌شود." })).ToBeVisibleAsync();
        await Expect(page.GetByTestId("status")).ToHaveTextAsync("پاسخ داده شده");
        await journey.StepAsync("answered");

        await page.GetByRole(AriaRole.Button, new() { Name = "خروج" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/staff/sign-in"));

        // The citizen follows up: the answer first, with the expert's file.
        await journey.GotoAsync("/requests/track");
        await Citizen.FollowUpAsync(page, shownCode);
        var answer = page.GetByRole(AriaRole.Region, new() { Name = "پاسخ کارشناس" });
        await Expect(answer).ToContainTextAsync(AnswerText);
        await Expect(answer.GetByRole(AriaRole.Link, new() { Name = "rahnama-enteghal.pdf" })).ToBeVisibleAsync();
        await Expect(answer.GetByRole(AriaRole.Heading, new() { Name = "پاسخ کارشناس" })).ToBeInViewportAsync();
        await Expect(page.GetByTestId("status")).ToHaveTextAsync("پاسخ داده شده");
        await journey.StepAsync("citizen-sees-answer");

        await journey.FinishAsync();
    }

    internal static Task CreateTehranExpertAsync(KestrelApp app, string userName) =>
        StaffJourney.CreateStaffAsync(app, userName, "کارشناس آزمون " + userName.Split('.')[^1], StaffRole.Expert, "Tehran");
}

using HajDesk.Core.Persian;
using HajDesk.Core.Requests;
using HajDesk.Core.Staff;
using HajDesk.EndToEndTests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace HajDesk.EndToEndTests;

/// <summary>
/// A wave of requests about one happening: a Tehran supervisor selects rows in the inbox and answers them at once,
/// and every citizen reads the answer on the follow-up page; an incident («رخداد») is created, its requests linked,
/// answered as one, and each request shows it. With JavaScript and without.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class BulkWorkJourneyTests(BrowserFixture fixture, ITestOutputHelper output)
{
    private const string Answer = "پرواز جایگزین کاروان‌های تهران فردا ساعت ۱۰ از فرودگاه امام انجام می‌شود.";

    private static async Task<List<string>> SeedAndFilterAsync(Journey journey, int month, string supervisor, int count)
    {
        var codes = new List<string>();
        for (var day = 1; day <= count; day++)
        {
            codes.Add(await SeededRequests.AddAsync(journey.App, "Tehran", SeededRequests.At(1398, month, day)));
        }

        await StaffJourney.CreateStaffAsync(journey.App, supervisor, "سرپرست موج " + journey.Viewport, StaffRole.Supervisor, "Tehran");
        await StaffJourney.SignInAsync(journey, supervisor);
        var page = journey.Page;
        await page.GetByLabel("از تاریخ").FillAsync(PersianText.ToPersianDigits($"1398/{month:D2}/01"));
        await page.GetByLabel("تا تاریخ").FillAsync(PersianText.ToPersianDigits($"1398/{month:D2}/29"));
        await page.GetByRole(AriaRole.Button, new() { Name = "نمایش", Exact = true }).ClickAsync();
        await Expect(page.GetByTestId("inbox-row")).ToHaveCountAsync(count);
        return codes;
    }

    private static Task TickAsync(IPage page, string code) =>
        page.GetByRole(AriaRole.Checkbox, new() { Name = "انتخاب درخواست " + TrackingCode.Format(code) }).CheckAsync();

    [Theory]
    [MemberData(nameof(Viewports.WithAndWithoutScript), 2, 3, MemberType = typeof(Viewports))]
    public async Task Supervisor_AnswersSelectedRowsAtOnce_EveryCitizenReadsTheAnswer(string viewport, bool javaScript, int month)
    {
        await using var journey = await Journey.StartAsync(fixture, output, javaScript ? "bulk-answer" : "bulk-answer-noscript", viewport, javaScript);
        var page = journey.Page;
        var codes = await SeedAndFilterAsync(journey, month, $"wave.chief.{viewport}", 3);
        await journey.StepAsync("inbox");

        foreach (var code in codes)
        {
            await TickAsync(page, code);
        }

        var action = page.GetByLabel("اقدام گروهی", new() { Exact = true });
        var answerOption = (await action.Locator("option").AllInnerTextsAsync()).Single(o => o.Contains("پاسخ", StringComparison.Ordinal));
        await action.SelectOptionAsync(new SelectOptionValue { Label = answerOption });
        await page.GetByLabel("متن پاسخ").FillAsync(Answer);
        await journey.StepAsync("bulk-chosen");
        await page.GetByRole(AriaRole.Button, new() { Name = "اجرا", Exact = true }).ClickAsync();

        var result = page.GetByTestId("bulk-result");
        await Expect(result).ToContainTextAsync("۳ انجام شد");
        await Expect(result.GetByTestId("bulk-row")).ToHaveCountAsync(3);
        await Expect(page.GetByTestId("inbox-row").Locator(".status-badge", new() { HasText = RequestStatus.Answered.ToPersian() })).ToHaveCountAsync(3);
        await journey.StepAsync("bulk-done");
        await StaffJourney.SignOutAsync(page);

        foreach (var code in codes)
        {
            await journey.GotoAsync("/requests/track");
            await Citizen.FollowUpAsync(page, PersianText.ToPersianDigits(TrackingCode.Format(code)));
            await Expect(page.GetByRole(AriaRole.Region, new() { Name = "پاسخ کارشناس" })).ToContainTextAsync(Answer);
        }

        await journey.StepAsync("citizen-reads");
        await journey.FinishAsync();
    }

    [Theory]
    [MemberData(nameof(Viewports.WithAndWithoutScript), 4, 5, MemberType = typeof(Viewports))]
    public async Task Incident_IsCreatedLinkedAndAnswered_AndItsRequestsShowIt(string viewport, bool javaScript, int month)
    {
        await using var journey = await Journey.StartAsync(fixture, output, javaScript ? "incident" : "incident-noscript", viewport, javaScript);
        var page = journey.Page;
        var codes = await SeedAndFilterAsync(journey, month, $"incident.chief.{viewport}", 2);
        var title = "تأخیر پرواز ۴۲۱ تهران–مدینه " + viewport;

        await page.GetByRole(AriaRole.Link, new() { Name = "رخدادها", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "رخدادها", Level = 1 })).ToBeVisibleAsync();
        await page.GetByLabel("عنوان رخداد").FillAsync(title);
        await journey.StepAsync("incident-new");
        await page.GetByRole(AriaRole.Button, new() { Name = "ثبت رخداد" }).ClickAsync();
        await Expect(page.GetByTestId("incident-title")).ToHaveTextAsync(title);
        await Expect(page.GetByTestId("done")).ToContainTextAsync("رخداد ثبت شد");

        // Link both requests from the inbox in one action.
        await page.GetByRole(AriaRole.Link, new() { Name = "کارتابل", Exact = true }).ClickAsync();
        await page.GetByLabel("از تاریخ").FillAsync(PersianText.ToPersianDigits($"1398/{month:D2}/01"));
        await page.GetByLabel("تا تاریخ").FillAsync(PersianText.ToPersianDigits($"1398/{month:D2}/29"));
        await page.GetByRole(AriaRole.Button, new() { Name = "نمایش", Exact = true }).ClickAsync();
        foreach (var code in codes)
        {
            await TickAsync(page, code);
        }

        await page.GetByLabel("اقدام گروهی", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "پیوستن به رخداد" });
        await page.GetByLabel("رخداد", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = title });
        await page.GetByRole(AriaRole.Button, new() { Name = "اجرا", Exact = true }).ClickAsync();
        await Expect(page.GetByTestId("bulk-result")).ToContainTextAsync("۲ انجام شد");

        await page.GetByRole(AriaRole.Link, new() { Name = "رخدادها", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = title }).ClickAsync();
        await Expect(page.GetByTestId("incident-counts")).ToContainTextAsync("همه: ۲");
        await Expect(page.GetByTestId("incident-requests").Locator("tbody tr")).ToHaveCountAsync(2);
        await journey.StepAsync("incident-page");

        await page.GetByLabel("متن پاسخ").FillAsync(Answer);
        await page.GetByRole(AriaRole.Button, new() { Name = "پاسخ به همه" }).ClickAsync();
        await Expect(page.GetByTestId("bulk-result")).ToContainTextAsync("۲ انجام شد");
        await Expect(page.GetByTestId("incident-counts")).ToContainTextAsync(RequestStatus.Answered.ToPersian() + ": ۲");
        await journey.StepAsync("incident-answered");

        // Each request shows its incident.
        await page.GetByTestId("incident-requests").GetByRole(AriaRole.Link).First.ClickAsync();
        await Expect(page.GetByTestId("incident-link")).ToHaveTextAsync(title);
        await Expect(page.GetByTestId("status")).ToHaveTextAsync(RequestStatus.Answered.ToPersian());
        await journey.StepAsync("request-shows-incident");
        await journey.FinishAsync();
    }
}

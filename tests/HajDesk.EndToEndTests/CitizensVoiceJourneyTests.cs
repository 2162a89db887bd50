using HajDesk.Core.Requests;
using HajDesk.Core.Staff;
using HajDesk.Core.Surveys;
using HajDesk.EndToEndTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace HajDesk.EndToEndTests;

/// <summary>
/// The citizens' voice in the reports: a Tehran supervisor filters «گزارش‌ها» to one year and reads the survey figures
/// (surveys sent and answered, the response rate, each item's mean and the scores' spread), the comments of their
/// province only, and the by-expert view. On the desktop with JavaScript and on the phone without; every step passes
/// axe and the HTML checker.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class CitizensVoiceJourneyTests(BrowserFixture fixture, ITestOutputHelper output)
{
    [Theory]
    [MemberData(nameof(Viewports.WithAndWithoutScript), 1399, 1400, MemberType = typeof(Viewports))]
    public async Task Supervisor_ReadsTheSurveyFiguresAndTheirProvincesComments(string viewport, bool javaScript, int year)
    {
        await using var journey = await Journey.StartAsync(fixture, output, "citizens-voice", viewport, javaScript);
        var page = journey.Page;
        var userName = $"voice.chief.{viewport}";
        await StaffJourney.CreateStaffAsync(journey.App, userName, "سرپرست نظرسنجی " + viewport, StaffRole.Supervisor, "Tehran");
        await AddSurveyedAsync(journey.App, "Tehran", year, 3, "5,4,4,5,5", "کارشناس با حوصله پاسخ داد " + viewport);
        await AddSurveyedAsync(journey.App, "Tehran", year, 5, "3,2,4,3,3", null);
        await AddSurveyedAsync(journey.App, "Tehran", year, 7, null, null);
        await AddSurveyedAsync(journey.App, "Isfahan", year, 3, "1,1,1,1,1", "نظر استان دیگر " + viewport);

        await StaffJourney.SignInAsync(journey, userName);
        await page.GetByTestId("reports-link").ClickAsync();
        await page.GetByLabel("از تاریخ").FillAsync($"{year}/01/01");
        await page.GetByLabel("تا تاریخ").FillAsync($"{year}/12/29");
        await page.GetByRole(AriaRole.Button, new() { Name = "نمایش" }).ClickAsync();

        // Three surveys sent in Tehran, two answered (67٪); «رضایت کلی» means (5 + 3) / 2 = 4.
        var total = page.GetByTestId("report-survey").Locator("tr.report-total-row");
        await Expect(total).ToContainTextAsync("۳");
        await Expect(total).ToContainTextAsync("۲");
        await Expect(total).ToContainTextAsync("۶۶٫۷٪");
        await Expect(page.GetByTestId("report-survey-scores")).ToContainTextAsync("روی‌هم‌رفته");
        await Expect(page.GetByTestId("report-comments")).ToContainTextAsync("کارشناس با حوصله پاسخ داد " + viewport);
        await Expect(page.GetByTestId("report-comments")).Not.ToContainTextAsync("نظر استان دیگر");
        await journey.StepAsync("survey-figures");

        await page.GetByTestId("view-expert").ClickAsync();
        await Expect(page.GetByTestId("report-survey")).ToBeVisibleAsync();
        await journey.StepAsync("survey-by-expert");
        await journey.FinishAsync();
    }

    /// <summary>An answered request of <paramref name="province"/> and its survey, answered when <paramref name="scores"/> is given.</summary>
    private static Task<int> AddSurveyedAsync(KestrelApp app, string province, int year, int month, string? scores, string? comment) =>
        app.WithDbAsync(async db =>
        {
            var code = await SeededRequests.AddAsync(app, province, SeededRequests.At(year, month, 10), RequestStatus.Answered);
            var request = await db.Requests.SingleAsync(r => r.TrackingCode == code);
            var (invitation, _) = SurveyInvitation.Create(request.Id, request.FirstAnsweredAt!.Value);
            if (scores is not null)
            {
                Assert.Equal(SurveyOutcome.Recorded, invitation.Submit(scores.Split(','), comment, invitation.CreatedAt.AddDays(1), out _));
            }

            db.SurveyInvitations.Add(invitation);
            await db.SaveChangesAsync();
            return 0;
        });
}

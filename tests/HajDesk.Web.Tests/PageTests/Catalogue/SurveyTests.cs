using System.Net;
using System.Text.RegularExpressions;
using HajDesk.Core.Notifications;
using HajDesk.Core.Surveys;
using HajDesk.Web.Notifications;
using HajDesk.Web.Tests.Infrastructure;
using HajDesk.Web.Tests.PageTests.Staff;
using Microsoft.EntityFrameworkCore;

namespace HajDesk.Web.Tests.PageTests.Catalogue;

public partial class SurveyTests
{
    public static TheoryData<DatabaseProvider> Providers => [DatabaseProvider.Sqlite, DatabaseProvider.Postgres];

    [GeneratedRegex(@"/survey/([A-Za-z0-9_-]{32})")]
    private static partial Regex SurveyLink();

    /// <summary>A Tehran request answered (or closed) by the expert through the request page; returns the survey token sent by SMS.</summary>
    private static async Task<(long RequestId, string Token)> FinishRequestAsync(HajDeskFactory app, string action = "answer")
    {
        var world = await StaffWorld.CreateAsync(app);
        var request = await world.Data.CreateRequestAsync("Tehran");
        var expert = await app.SignInAsync("tehran.expert");
        var values = action == "answer" ? new Dictionary<string, string?> { ["AnswerText"] = "پاسخ کارشناس" } : null;
        await (await expert.ActAsync(request.Id, action, values)).AssertDoneAsync(action == "answer" ? "answered" : "closed");
        var sms = await app.WithDbAsync(db => db.OutboxMessages
            .SingleAsync(m => m.RequestId == request.Id && m.Template == MessageTemplates.SurveyInvite && m.Channel == NotificationChannel.Sms));
        return (request.Id, SurveyLink().Match(sms.Body).Groups[1].Value);
    }

    private static Task<HttpResponseMessage> AnswerAsync(HttpClient client, AngleSharp.Dom.IDocument page, params string?[] scores)
    {
        // The radios' own names, as a browser posts them: one group per item, in order.
        var names = page.QuerySelectorAll("[data-testid=survey-form] input[type=radio]").Select(e => e.GetAttribute("name")!).Distinct().ToList();
        Assert.Equal(SurveyQuestionnaire.Items.Count, names.Count);
        Assert.Equal("Scores[0]", names[0]);
        var values = new Dictionary<string, string?> { ["Comment"] = "<i>خوب</i>" };
        for (var i = 0; i < scores.Length; i++)
        {
            values[names[i]] = scores[i];
        }

        return client.SubmitAsync(page.Form("[data-testid=survey-form]"), values);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Survey_OpeningRecordsNothing_SubmittingRecordsOnce_SecondIsRefused(DatabaseProvider provider)
    {
        await using var app = await HajDeskFactory.CreateAsync(provider);
        var (requestId, token) = await FinishRequestAsync(app);
        var client = app.CreateClient();

        var opened = await client.GetAsync($"/survey/{token}");
        var openedAgain = await client.GetAsync($"/survey/{token}");
        Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
        Assert.Equal(HttpStatusCode.OK, openedAgain.StatusCode);
        var invitation = await app.WithDbAsync(db => db.SurveyInvitations.SingleAsync(i => i.RequestId == requestId));
        Assert.Null(invitation.SubmittedAt);
        Assert.NotEqual(token, invitation.TokenHash);

        var form = await Html.ParseAsync(openedAgain);
        var missing = await AnswerAsync(client, form, "5", "4", "۳", "2");
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Equal(SurveyInvitation.MissingAnswerMessage, (await Html.ParseAsync(missing)).QuerySelector("[data-testid=survey-error]")!.TextContent);
        Assert.Null(await app.WithDbAsync(db => db.SurveyInvitations.Select(i => i.SubmittedAt).SingleAsync()));

        var recorded = await AnswerAsync(client, form, "5", "4", "۳", "2", "1");
        Assert.Equal(HttpStatusCode.OK, recorded.StatusCode);
        Assert.NotNull((await Html.ParseAsync(recorded)).QuerySelector("[data-testid=survey-thanks]"));
        var second = await AnswerAsync(client, form, "1", "1", "1", "1", "1");
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.NotNull((await Html.ParseAsync(second)).QuerySelector("[data-testid=survey-done]"));

        invitation = await app.WithDbAsync(db => db.SurveyInvitations.SingleAsync());
        Assert.Equal("5,4,3,2,1", invitation.Scores);
        Assert.Equal("<i>خوب</i>", invitation.Comment);
        Assert.NotNull((await Html.ParseAsync(await client.GetAsync($"/survey/{token}"))).QuerySelector("[data-testid=survey-done]"));
    }

    [Fact]
    public async Task Survey_ExpiredOrUnknownLinks_GetClearPagesAndRecordNothing()
    {
        await using var app = await HajDeskFactory.CreateAsync();
        var (_, token) = await FinishRequestAsync(app, "close");
        var client = app.CreateClient();
        var form = await Html.ParseAsync(await client.GetAsync($"/survey/{token}"));
        await app.WithDbAsync(db => db.SurveyInvitations.ExecuteUpdateAsync(s => s.SetProperty(i => i.ExpiresAt, DateTime.UtcNow.AddMinutes(-1))));

        var expired = await client.GetAsync($"/survey/{token}");
        var expiredPost = await AnswerAsync(client, form, "5", "5", "5", "5", "5");
        var unknown = await client.GetAsync("/survey/" + new string('A', 32));
        var junk = await client.GetAsync("/survey/%3Cscript%3E");

        Assert.Equal(HttpStatusCode.Gone, expired.StatusCode);
        Assert.NotNull((await Html.ParseAsync(expired)).QuerySelector("[data-testid=survey-expired]"));
        Assert.Equal(HttpStatusCode.Gone, expiredPost.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.NotNull((await Html.ParseAsync(unknown)).QuerySelector("[data-testid=survey-unknown]"));
        Assert.Equal(HttpStatusCode.NotFound, junk.StatusCode);
        Assert.Null(await app.WithDbAsync(db => db.SurveyInvitations.Select(i => i.SubmittedAt).SingleAsync()));
    }

    [Fact]
    public async Task Survey_InvitationIsSentOncePerRequest_EvenWhenAnsweredThenClosed()
    {
        await using var app = await HajDeskFactory.CreateAsync();
        var (requestId, _) = await FinishRequestAsync(app);
        var expert = await app.SignInAsync("tehran.expert");

        await (await expert.ActAsync(requestId, "close")).AssertDoneAsync("closed");

        Assert.Equal(1, await app.WithDbAsync(db => db.SurveyInvitations.CountAsync(i => i.RequestId == requestId)));
        Assert.Equal(1, await app.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.Template == MessageTemplates.SurveyInvite && m.Channel == NotificationChannel.Sms)));
    }

    [Fact]
    public async Task Survey_MissingAnswer_IsListedInTheErrorSummary_WithALinkToTheFirstQuestion()
    {
        await using var app = await HajDeskFactory.CreateAsync();
        var (_, token) = await FinishRequestAsync(app);
        var client = app.CreateClient();
        var form = await client.GetPageAsync($"/survey/{token}");

        var missing = await Html.ParseAsync(await AnswerAsync(client, form, "5", "4"));

        var summary = missing.QuerySelector("[data-testid=errors]")!;
        Assert.Equal("لطفاً این موارد را درست کنید:", summary.QuerySelector("h2")!.TextContent);
        var link = summary.QuerySelector("a")!;
        Assert.Equal(SurveyInvitation.MissingAnswerMessage, link.TextContent);
        Assert.Equal("radio", missing.QuerySelector(link.GetAttribute("href")!)!.GetAttribute("type"));
        Assert.NotNull(missing.QuerySelector("[data-testid=survey-error]"));
    }
}

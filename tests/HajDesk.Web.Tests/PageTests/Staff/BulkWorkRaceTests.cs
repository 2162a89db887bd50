using System.Net;
using HajDesk.Core.Requests;
using HajDesk.Web.BulkWork;
using HajDesk.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace HajDesk.Web.Tests.PageTests.Staff;

/// <summary>Two nodes on one PostgreSQL: a bulk action racing single-request edits never loses an update or acts twice.</summary>
public class BulkWorkRaceTests
{
    [Fact]
    public async Task BulkAnswerOnOneNode_RacingSingleAnswersOnAnother_EachRequestIsAnsweredExactlyOnce()
    {
        await using var nodeA = await HajDeskFactory.CreateAsync(DatabaseProvider.Postgres);
        var world = await StaffWorld.CreateAsync(nodeA);
        await using var nodeB = new HajDeskFactory(nodeA.Database, ownsDatabase: false);
        var requests = new List<ServiceRequest>();
        for (var i = 0; i < 24; i++)
        {
            requests.Add(await world.Data.CreateRequestAsync());
        }

        var supervisor = await nodeA.SignInAsync("tehran.supervisor");
        var expert = await nodeB.SignInAsync("tehran.expert");
        var bulkForm = await BulkWorkTests.BulkFormAsync(supervisor, [.. requests.Select(r => r.Id)]);
        // Every other request is also answered on its own page on the other node, at the same time.
        var singles = requests.Where((_, i) => i % 2 == 0).ToList();
        var singleForms = new List<(long Id, AngleSharp.Html.Dom.IHtmlFormElement Form)>();
        foreach (var request in singles)
        {
            singleForms.Add((request.Id, (await expert.GetPageAsync($"/staff/requests/{request.Id}")).Form("[data-testid=answer-form]")));
        }

        var bulkTask = supervisor.PostFormAsync(bulkForm, new Dictionary<string, string?>
        {
            ["Bulk.Action"] = nameof(BulkAction.Answer),
            ["Bulk.AnswerText"] = "پاسخ گروهی",
        });
        var singleTasks = singleForms.Select(f => expert.SubmitAsync(f.Form, new Dictionary<string, string?> { ["AnswerText"] = "پاسخ تکی" })).ToList();
        var bulkResponse = await bulkTask;
        Assert.True(bulkResponse.StatusCode == HttpStatusCode.OK,
            string.Join('\n', nodeA.Logs.Where(l => l.Contains("Exception", StringComparison.Ordinal) || l.Contains("fail", StringComparison.OrdinalIgnoreCase)).Take(5)));
        var bulkPage = await Html.ParseAsync(bulkResponse);
        var singleResponses = await Task.WhenAll(singleTasks);

        var outcomes = BulkWorkTests.Outcomes(bulkPage);
        var stored = await nodeA.WithDbAsync(db => db.Requests.AsNoTracking().Include(r => r.Events)
            .Where(r => requests.Select(x => x.Id).Contains(r.Id)).ToDictionaryAsync(r => r.Id));
        for (var i = 0; i < singleForms.Count; i++)
        {
            var (id, _) = singleForms[i];
            var singleWon = singleResponses[i].StatusCode == HttpStatusCode.Redirect;
            Assert.True(singleWon || singleResponses[i].StatusCode == HttpStatusCode.Conflict, $"single answer: {(int)singleResponses[i].StatusCode}");
            var bulkWon = outcomes[stored[id].TrackingCode] == nameof(BulkRowOutcome.Done);
            Assert.True(singleWon != bulkWon, $"request {id}: single {singleWon}, bulk {outcomes[stored[id].TrackingCode]}");
            var answer = Assert.Single(stored[id].Events, e => e.Kind == RequestEventKind.Answered);
            Assert.Equal(singleWon ? "پاسخ تکی" : "پاسخ گروهی", answer.Text);
        }

        foreach (var request in requests.Except(singles))
        {
            Assert.Equal(nameof(BulkRowOutcome.Done), outcomes[request.TrackingCode]);
            Assert.Equal("پاسخ گروهی", Assert.Single(stored[request.Id].Events, e => e.Kind == RequestEventKind.Answered).Text);
        }

        // One notice of each kind per request: never a second one for a second answer.
        var notices = await nodeA.WithDbAsync(db => db.OutboxMessages.AsNoTracking().Where(m => m.RequestId != null && m.Channel == Core.Notifications.NotificationChannel.Sms)
            .GroupBy(m => new { m.RequestId, m.Template }).Select(g => new { g.Key.RequestId, Count = g.Count() }).ToListAsync());
        Assert.Equal(requests.Count, notices.Select(n => n.RequestId).Distinct().Count());
        Assert.All(notices, n => Assert.Equal(1, n.Count));
    }
}

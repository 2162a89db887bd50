using System.Net;
using HajDesk.Core.Requests;
using HajDesk.Web.Staff;
using HajDesk.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace HajDesk.Web.Tests.PageTests.Staff;

/// <summary>The back office's data-touching happy path, once on each provider.</summary>
public class StaffHappyPathTests
{
    [Fact]
    public Task HappyPath_OnSqlite() => RunAsync(DatabaseProvider.Sqlite);

    [Fact]
    public Task HappyPath_OnPostgres() => RunAsync(DatabaseProvider.Postgres);

    private static async Task RunAsync(DatabaseProvider provider)
    {
        await using var app = await HajDeskFactory.CreateAsync(provider);
        var world = await StaffWorld.CreateAsync(app);
        var start = DateTime.UtcNow.AddHours(-1);
        var requests = new List<ServiceRequest>();
        for (var i = 0; i < 27; i++)
        {
            var at = start.AddSeconds(i / 2);
            requests.Add(await world.Data.CreateRequestAsync("Tehran", world.SubjectX, withFile: i == 26, configure: r => r.CreatedAt = at));
        }

        var request = requests[^1];
        var expert = await app.SignInAsync("tehran.expert");

        // Inbox: paging, a status count, search by national code and by name.
        var first = await expert.GetPageAsync("/staff/inbox");
        var second = await expert.GetPageAsync(first.QuerySelector("[data-testid=pager-next]")!.GetAttribute("href")!);
        var ids = first.QuerySelectorAll("[data-testid=inbox-row]").Concat(second.QuerySelectorAll("[data-testid=inbox-row]"))
            .Select(r => long.Parse(r.GetAttribute("data-id")!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(requests.OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id).Select(r => r.Id), ids);
        var search = await Html.ParseAsync(await expert.PostFormAsync(first.Form("[data-testid=search-form]"), new Dictionary<string, string?> { ["Q"] = request.NationalCode }));
        Assert.Equal(request.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), Assert.Single(search.QuerySelectorAll("[data-testid=inbox-row]")).GetAttribute("data-id"));
        var byName = await Html.ParseAsync(await expert.PostFormAsync(first.Form("[data-testid=search-form]"), new Dictionary<string, string?> { ["Q"] = "احمدی" }));
        Assert.Equal(25, byName.QuerySelectorAll("[data-testid=inbox-row]").Length);
        Assert.Equal(HttpStatusCode.OK, (await expert.GetAsync("/staff/inbox?overdue=true&status=Submitted&from=1400/01/01")).StatusCode);

        // Request page, download, actions.
        Assert.Equal(HttpStatusCode.OK, (await expert.GetAsync($"/staff/requests/{request.Id}/files/{request.Attachments[0].Id}")).StatusCode);
        await (await expert.ActAsync(request.Id, "take")).AssertDoneAsync("taken");
        await (await expert.ActAsync(request.Id, "note", new Dictionary<string, string?> { ["NoteText"] = "یادداشت" })).AssertDoneAsync("noted");
        await (await expert.ActAsync(request.Id, "answer", new Dictionary<string, string?> { ["AnswerText"] = "پاسخ" },
            new Upload("AnswerFiles", "پاسخ.pdf", StaffTestData.PdfBytes))).AssertDoneAsync("answered");
        var answerFile = await app.WithDbAsync(db => db.Attachments.SingleAsync(a => a.FromStaff));
        Assert.Equal(HttpStatusCode.OK, (await expert.GetAsync($"/staff/requests/{request.Id}/files/{answerFile.Id}")).StatusCode);
        await (await expert.ActAsync(request.Id, "reopen")).AssertDoneAsync("reopened");

        // Concurrency: a stale form gets 409.
        var supervisor = await app.SignInAsync("tehran.supervisor");
        var stale = await supervisor.GetPageAsync($"/staff/requests/{request.Id}");
        await (await expert.ActAsync(request.Id, "note", new Dictionary<string, string?> { ["NoteText"] = "دوم" })).AssertDoneAsync("noted");
        var conflict = await supervisor.PostFormAsync(stale.Form("[data-testid=note-form]"), new Dictionary<string, string?> { ["NoteText"] = "کهنه" });
        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);

        // Referral to Isfahan.
        await (await expert.ActAsync(request.Id, "refer", new Dictionary<string, string?>
        {
            ["ToProvinceId"] = (await world.Data.ProvinceIdAsync("Isfahan")).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["ReferReason"] = "اصفهان",
        })).AssertDoneAsync("referred");
        Assert.Equal(HttpStatusCode.NotFound, (await expert.GetAsync($"/staff/requests/{request.Id}")).StatusCode);
        var isfahan = await app.SignInAsync("isfahan.expert");
        Assert.Equal(HttpStatusCode.OK, (await isfahan.GetAsync($"/staff/requests/{request.Id}")).StatusCode);

        var stored = await app.WithDbAsync(db => db.Requests.AsNoTracking().Include(r => r.Events).SingleAsync(r => r.Id == request.Id));
        Assert.Equal(RequestStatus.Referred, stored.Status);
        Assert.Equal(
            [RequestEventKind.Submitted, RequestEventKind.Assigned, RequestEventKind.InternalNote, RequestEventKind.Answered,
                RequestEventKind.Reopened, RequestEventKind.InternalNote, RequestEventKind.Referred, RequestEventKind.InternalNote],
            stored.Events.OrderBy(e => e.Id).Select(e => e.Kind));
        // The citizen is told of the answer, the reopening and the referral, in the same transactions.
        var news = await app.WithDbAsync(db => db.OutboxMessages.Where(m => m.RequestId == request.Id)
            .Select(m => m.Template + "/" + m.Channel).ToListAsync());
        Assert.Contains("request.answered/Sms", news);
        Assert.Contains("request.reopened/Sms", news);
        Assert.Contains("request.referred/Sms", news);
        Assert.DoesNotContain(await app.WithDbAsync(db => db.OutboxMessages.Select(m => m.Body).ToListAsync()), b => b.Contains("پاسخ.pdf", StringComparison.Ordinal));

        var actions = await app.WithDbAsync(db => db.AuditEntries.Select(a => a.Action).Distinct().ToListAsync());
        foreach (var action in new[] { AuditActions.SignIn, AuditActions.RequestView, AuditActions.FileDownload, AuditActions.InboxSearch,
                     AuditActions.RequestTake, AuditActions.RequestNote, AuditActions.RequestAnswer, AuditActions.RequestReopen, AuditActions.RequestRefer })
        {
            Assert.Contains(action, actions);
        }
    }
}

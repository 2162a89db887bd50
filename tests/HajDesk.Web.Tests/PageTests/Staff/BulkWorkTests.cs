using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using HajDesk.Core.Requests;
using HajDesk.Web.BulkWork;
using HajDesk.Web.Staff;
using HajDesk.Web.Tests.Infrastructure;
using HajDesk.Web.Tests.PageTests.Staff.Admin;
using Microsoft.EntityFrameworkCore;

namespace HajDesk.Web.Tests.PageTests.Staff;

/// <summary>«اقدام گروهی» in the inbox: every row through its own transition, version check and audit.</summary>
public class BulkWorkTests
{
    public static TheoryData<DatabaseProvider> Providers => [DatabaseProvider.Sqlite, DatabaseProvider.Postgres];

    /// <summary>Opens the inbox (largest page) and ticks the rows of <paramref name="ids"/>; returns the bulk form.</summary>
    internal static async Task<IHtmlFormElement> BulkFormAsync(HttpClient client, params long[] ids)
    {
        var inbox = await client.GetPageAsync("/staff/inbox?size=500");
        foreach (var id in ids)
        {
            var box = inbox.QuerySelector<IHtmlInputElement>($"[data-testid=inbox-row][data-id='{id}'] input.bulk-pick")
                ?? throw new InvalidOperationException($"Row {id} is not in the inbox.");
            box.IsChecked = true;
        }

        return inbox.Form("[data-testid=bulk-form]");
    }

    internal static IReadOnlyDictionary<string, string> Outcomes(IDocument page) =>
        page.QuerySelectorAll("[data-testid=bulk-row]").ToDictionary(
            row => new string((row.QuerySelector("bdi")?.TextContent ?? "—").Where(char.IsAsciiDigit).ToArray()),
            row => row.GetAttribute("data-outcome")!);

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task BulkAnswer_AnswersEachRowOnItsOwn_ReportsRefusedAndChangedRows_AndAuditsEveryOne(DatabaseProvider provider)
    {
        await using var app = await HajDeskFactory.CreateAsync(provider);
        var world = await StaffWorld.CreateAsync(app);
        var first = await world.Data.CreateRequestAsync();
        var second = await world.Data.CreateRequestAsync();
        var changed = await world.Data.CreateRequestAsync();
        var closed = await world.Data.CreateRequestAsync(configure: r => r.Status = RequestStatus.Closed);
        var supervisor = await app.SignInAsync("tehran.supervisor");
        var colleague = await app.SignInAsync("tehran.expert");
        var form = await BulkFormAsync(supervisor, first.Id, second.Id, changed.Id, closed.Id);

        // A colleague takes one of them after the list was read.
        await (await colleague.ActAsync(changed.Id, "take")).AssertDoneAsync("taken");
        var response = await supervisor.PostFormAsync(form, new Dictionary<string, string?>
        {
            ["Bulk.Action"] = nameof(BulkAction.Answer),
            ["Bulk.AnswerText"] = "پرواز فردا ساعت ۸ انجام می‌شود.",
        });

        var page = await response.AssertPageAsync(HttpStatusCode.OK);
        var outcomes = Outcomes(page);
        Assert.Equal(nameof(BulkRowOutcome.Done), outcomes[first.TrackingCode]);
        Assert.Equal(nameof(BulkRowOutcome.Done), outcomes[second.TrackingCode]);
        Assert.Equal(nameof(BulkRowOutcome.Changed), outcomes[changed.TrackingCode]);
        Assert.Equal(nameof(BulkRowOutcome.Refused), outcomes[closed.TrackingCode]);
        Assert.Contains(RequestRefusals.AnswerNotOpen, page.TextOf("[data-testid=bulk-result]"), StringComparison.Ordinal);

        var stored = await app.WithDbAsync(db => db.Requests.AsNoTracking().Include(r => r.Events)
            .Where(r => new[] { first.Id, second.Id, changed.Id, closed.Id }.Contains(r.Id)).ToDictionaryAsync(r => r.Id));
        foreach (var id in new[] { first.Id, second.Id })
        {
            Assert.Equal(RequestStatus.Answered, stored[id].Status);
            Assert.Equal("پرواز فردا ساعت ۸ انجام می‌شود.", Assert.Single(stored[id].Events, e => e.Kind == RequestEventKind.Answered).Text);
            Assert.NotNull(stored[id].FirstAnsweredOnTime);
        }

        // The changed row kept the colleague's change and nothing more; the closed one is untouched.
        Assert.Equal((RequestStatus.InProgress, world.TehranExpert.Id), (stored[changed.Id].Status, stored[changed.Id].AssignedToId));
        Assert.DoesNotContain(stored[changed.Id].Events, e => e.Kind == RequestEventKind.Answered);
        Assert.Equal(RequestStatus.Closed, stored[closed.Id].Status);

        // One outbox notice per answered request, one audit row per answer, one for the whole action.
        var outboxFor = await app.WithDbAsync(db => db.OutboxMessages.AsNoTracking().Where(m => m.RequestId != null).Select(m => m.RequestId).ToListAsync());
        Assert.Contains(first.Id, outboxFor);
        Assert.Contains(second.Id, outboxFor);
        Assert.DoesNotContain(changed.Id, outboxFor);
        Assert.Equal([first.Id, second.Id], (await app.AuditAsync(AuditActions.RequestAnswer)).Select(a => a.RequestId!.Value).Order());
        var summary = Assert.Single(await app.AuditAsync(AuditActions.InboxBulk));
        Assert.Contains("۲ انجام شد", summary.Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BulkAction_ForgedRowOutsideScope_IsNotFound_AndUntouched()
    {
        await using var app = await HajDeskFactory.CreateAsync();
        var world = await StaffWorld.CreateAsync(app);
        var mine = await world.Data.CreateRequestAsync();
        var isfahan = await world.Data.CreateRequestAsync("Isfahan");
        var client = await app.SignInAsync("tehran.supervisor");
        var form = await BulkFormAsync(client, mine.Id);

        var fields = Html.FormValues(form, new Dictionary<string, string?> { ["Bulk.Action"] = nameof(BulkAction.Close) });
        fields.Add(new("Bulk.Selected", $"{isfahan.Id}:1"));
        fields.Add(new("Bulk.Selected", "nonsense"));
        fields.Add(new("Bulk.Selected", "-5:1"));
        var page = await (await client.PostAsync(Html.ActionOf(form), new FormUrlEncodedContent(fields))).AssertPageAsync(HttpStatusCode.OK);

        var rows = page.QuerySelectorAll("[data-testid=bulk-row]");
        Assert.Equal(2, rows.Length);
        Assert.Equal(nameof(BulkRowOutcome.NotFound), rows[1].GetAttribute("data-outcome"));
        Assert.DoesNotContain(isfahan.TrackingCode, page.Body!.InnerHtml, StringComparison.Ordinal);
        Assert.Equal(RequestStatus.Submitted, await app.WithDbAsync(db => db.Requests.Where(r => r.Id == isfahan.Id).Select(r => r.Status).SingleAsync()));
        Assert.Equal(RequestStatus.Closed, await app.WithDbAsync(db => db.Requests.Where(r => r.Id == mine.Id).Select(r => r.Status).SingleAsync()));
    }

    [Theory]
    [InlineData(null, "پاسخ", BulkCommands.ChooseAction)]
    [InlineData("Answer", "   ", "متن پاسخ را بنویسید.")]
    [InlineData("Answer", null, "متن پاسخ را بنویسید.")]
    [InlineData("LinkToIncident", "—", BulkCommands.ChooseIncident)]
    [InlineData("Nonsense", "—", BulkCommands.ChooseAction)]
    public async Task BulkAction_WrongCommand_Gets400WithAPersianMessage_AndChangesNothing(string? action, string? text, string message)
    {
        await using var app = await HajDeskFactory.CreateAsync();
        var world = await StaffWorld.CreateAsync(app);
        var request = await world.Data.CreateRequestAsync();
        var client = await app.SignInAsync("tehran.supervisor");
        var form = await BulkFormAsync(client, request.Id);

        var page = await (await client.PostFormAsync(form, new Dictionary<string, string?>
        {
            ["Bulk.Action"] = action,
            ["Bulk.AnswerText"] = text,
            ["Bulk.IncidentId"] = "999999",
        })).AssertPageAsync(HttpStatusCode.BadRequest);

        Assert.Contains(message, page.TextOf("[data-testid=inbox-errors]"), StringComparison.Ordinal);
        Assert.Equal(1, await app.WithDbAsync(db => db.Requests.Where(r => r.Id == request.Id).Select(r => r.Version).SingleAsync()));
        Assert.Empty(await app.AuditAsync(AuditActions.InboxBulk));
    }

    [Fact]
    public async Task BulkAction_NoRowOrTooManyRows_IsRefusedAsAWhole()
    {
        await using var app = await HajDeskFactory.CreateAsync();
        var world = await StaffWorld.CreateAsync(app);
        var request = await world.Data.CreateRequestAsync();
        var client = await app.SignInAsync("tehran.supervisor");
        var form = await BulkFormAsync(client);

        var none = await (await client.PostFormAsync(form, new Dictionary<string, string?> { ["Bulk.Action"] = "Close" }))
            .AssertPageAsync(HttpStatusCode.BadRequest);
        Assert.Contains(BulkRequestActions.NoneSelected, none.TextOf("[data-testid=inbox-errors]"), StringComparison.Ordinal);

        var fields = Html.FormValues(form, new Dictionary<string, string?> { ["Bulk.Action"] = "Close" });
        fields.AddRange(Enumerable.Range(1, BulkRequestActions.MaxRows + 1).Select(i => new KeyValuePair<string, string>("Bulk.Selected", $"{request.Id + i}:1")));
        var tooMany = await (await client.PostAsync(Html.ActionOf(form), new FormUrlEncodedContent(fields))).AssertPageAsync(HttpStatusCode.BadRequest);
        Assert.Contains(BulkRequestActions.TooMany, tooMany.TextOf("[data-testid=inbox-errors]"), StringComparison.Ordinal);
        Assert.Equal(RequestStatus.Submitted, await app.WithDbAsync(db => db.Requests.Where(r => r.Id == request.Id).Select(r => r.Status).SingleAsync()));
    }

    [Fact]
    public async Task BulkAssign_ToAnExpertWhoDoesNotCoverARow_RefusesThatRowWithTheReason()
    {
        await using var app = await HajDeskFactory.CreateAsync();
        var world = await StaffWorld.CreateAsync(app);
        var onX = await world.Data.CreateRequestAsync(subjectId: world.SubjectX);
        var onY = await world.Data.CreateRequestAsync(subjectId: world.SubjectY);
        var client = await app.SignInAsync("tehran.supervisor");
        var form = await BulkFormAsync(client, onX.Id, onY.Id);

        var page = await (await client.PostFormAsync(form, new Dictionary<string, string?>
        {
            ["Bulk.Action"] = nameof(BulkAction.Assign),
            ["Bulk.AssigneeId"] = world.TehranLimitedExpert.Id,
        })).AssertPageAsync(HttpStatusCode.OK);

        var outcomes = Outcomes(page);
        Assert.Equal(nameof(BulkRowOutcome.Done), outcomes[onX.TrackingCode]);
        Assert.Equal(nameof(BulkRowOutcome.Refused), outcomes[onY.TrackingCode]);
        Assert.Contains(BulkCommands.AssigneeNotCovering, page.TextOf("[data-testid=bulk-result]"), StringComparison.Ordinal);
        var assigned = await app.WithDbAsync(db => db.Requests.Where(r => r.Id == onX.Id || r.Id == onY.Id).ToDictionaryAsync(r => r.Id, r => r.AssignedToId));
        Assert.Equal(world.TehranLimitedExpert.Id, assigned[onX.Id]);
        Assert.Null(assigned[onY.Id]);
    }

    [Fact]
    public async Task BulkRefer_MovesEachRow_AndAnExpertCannotAssign()
    {
        await using var app = await HajDeskFactory.CreateAsync();
        var world = await StaffWorld.CreateAsync(app);
        var a = await world.Data.CreateRequestAsync();
        var b = await world.Data.CreateRequestAsync();
        var isfahan = await world.Data.ProvinceIdAsync("Isfahan");
        var expert = await app.SignInAsync("tehran.expert");
        var form = await BulkFormAsync(expert, a.Id, b.Id);
        Assert.Null(form.QuerySelector("option[value=Assign]"));

        var page = await (await expert.PostFormAsync(form, new Dictionary<string, string?>
        {
            ["Bulk.Action"] = nameof(BulkAction.Refer),
            ["Bulk.ToProvinceId"] = isfahan.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Bulk.ReferReason"] = "مربوط به کاروان اصفهان",
        })).AssertPageAsync(HttpStatusCode.OK);

        Assert.All(Outcomes(page).Values, o => Assert.Equal(nameof(BulkRowOutcome.Done), o));
        Assert.All(await app.WithDbAsync(db => db.Requests.Where(r => r.Id == a.Id || r.Id == b.Id).Select(r => r.ProvinceId).ToListAsync()),
            p => Assert.Equal(isfahan, p));
        Assert.Equal(2, (await app.AuditAsync(AuditActions.RequestRefer)).Count);
    }

    [Fact]
    public async Task Inbox_EachRowHasACheckBoxNamedByItsTrackingCode_AndTheFormIsLabelled()
    {
        await using var app = await HajDeskFactory.CreateAsync();
        var world = await StaffWorld.CreateAsync(app);
        var request = await world.Data.CreateRequestAsync();
        var client = await app.SignInAsync("tehran.supervisor");

        var inbox = await client.GetPageAsync("/staff/inbox");
        var box = inbox.QuerySelector<IHtmlInputElement>($"[data-testid=inbox-row][data-id='{request.Id}'] input.bulk-pick")!;
        Assert.Contains(TrackingCode.Format(request.TrackingCode), box.GetAttribute("aria-label"), StringComparison.Ordinal);
        Assert.Equal("اقدام گروهی", inbox.QuerySelector("label[for=Bulk_Action]")!.TextContent.Trim());
        Assert.Equal("متن پاسخ", inbox.QuerySelector("label[for=Bulk_AnswerText]")!.TextContent.Trim());
        Assert.Contains("پاسخ", inbox.QuerySelector("#Bulk_Action option[value=Answer]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("اجرا", inbox.QuerySelector("[data-bulk-run]")!.TextContent.Trim());
    }
}

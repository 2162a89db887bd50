using System.Net;
using HajDesk.Core.Requests;
using HajDesk.Core.Staff;
using HajDesk.Web.Infrastructure.Concurrency;
using HajDesk.Web.Staff;
using HajDesk.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HajDesk.Web.Tests.PageTests.Staff;

public class StaffRequestTests
{
    private static readonly string[] Handlers = ["Take", "Assign", "Answer", "InsertCanned", "Note", "Refer", "Close", "Reopen"];

    [Fact]
    public async Task IsfahanExpert_GetsNotFoundFromEveryHandlerOfATehranRequest()
    {
        await using var app = await HajDeskFactory.CreateAsync();
        var world = await StaffWorld.CreateAsync(app);
        var tehran = await world.Data.CreateRequestAsync("Tehran", withFile: true);
        var isfahan = await world.Data.CreateRequestAsync("Isfahan");
        var fileId = tehran.Attachments[0].Id;
        var client = await app.SignInAsync("isfahan.expert");
        var ownPage = await client.GetPageAsync($"/staff/requests/{isfahan.Id}");
        var anyForm = ownPage.Form("[data-testid=note-form]");

        await AssertNothingReachableAsync(app, client, anyForm, tehran, fileId, await world.Data.ProvinceIdAsync("Isfahan"), world.IsfahanExpert.Id);
    }

    [Fact]
    public async Task RequestPage_ListsTheCitizensOtherRequestsInScope_CountsTheRest_AndSearchesThemInTheInbox()
    {
        await using var app = await HajDeskFactory.CreateAsync();
        var world = await StaffWorld.CreateAsync(app);
        const string Person = "0499370899";
        var current = await world.Data.CreateRequestAsync("Tehran", configure: r => r.NationalCode = Person);
        var earlierOpen = await world.Data.CreateRequestAsync("Tehran", configure: r => (r.NationalCode, r.CreatedAt) = (Person, DateTime.UtcNow.AddDays(-3)));
        var closed = await world.Data.CreateRequestAsync("Tehran", configure: r => (r.NationalCode, r.Status) = (Person, RequestStatus.Closed));
        var inIsfahan = await world.Data.CreateRequestAsync("Isfahan", configure: r => r.NationalCode = Person);
        var someoneElse = await world.Data.CreateRequestAsync("Tehran");
        var client = await app.SignInAsync("tehran.expert");

        var page = await client.GetPageAsync($"/staff/requests/{current.Id}");
        var history = page.QuerySelector("[data-testid=citizen-history]")!;
        var linked = history.QuerySelectorAll("a").Select(a => a.GetAttribute("href")).ToList();

        Assert.Equal([$"/staff/requests/{closed.Id}", $"/staff/requests/{earlierOpen.Id}"], linked);
        Assert.Contains("درخواست باز", history.QuerySelector("[data-testid=history-open]")!.TextContent, StringComparison.Ordinal);
        // The Isfahan request is counted, never named: no tracking code, no link.
        Assert.Contains("۱ درخواست دیگر", history.QuerySelector("[data-testid=history-out-of-scope]")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(inIsfahan.TrackingCode, page.Body!.InnerHtml, StringComparison.Ordinal);
        Assert.DoesNotContain(someoneElse.TrackingCode, history.InnerHtml, StringComparison.Ordinal);

        // «همه درخواست‌های این کد ملی در کارتابل» posts the national code (never in the address) to the inbox search.
        var form = page.Form("[data-testid=history-search-form]");
        Assert.Equal("post", form.Method, ignoreCase: true);
        Assert.DoesNotContain(Person, form.Action, StringComparison.Ordinal);
        var results = await Html.ParseAsync(await client.PostFormAsync(form));
        var rows = results.QuerySelectorAll("a[href^='/staff/requests/']").Select(a => a.GetAttribute("href")).ToHashSet();
        Assert.Contains($"/staff/requests/{current.Id}", rows);
        Assert.Contains($"/staff/requests/{earlierOpen.Id}", rows);
        Assert.DoesNotContain($"/staff/requests/{inIsfahan.Id}", rows);
        Assert.DoesNotContain($"/staff/requests/{someoneElse.Id}", rows);
    }

    [Fact]
    public async Task RequestPage_OfACitizenWithNoOtherRequest_SaysSo()
    {
        await using var app = await HajDeskFactory.CreateAsync();
        var world = await StaffWorld.CreateAsync(app);
        var only = await world.Data.CreateRequestAsync("Tehran");
        var client = await app.SignInAsync("tehran.supervisor");

        var history = (await client.GetPageAsync($"/staff/requests/{only.Id}")).QuerySelector("[data-testid=citizen-history]")!;

        Assert.Contains("درخواست دیگری ندارد", history.TextContent, StringComparison.Ordinal);
        Assert.Null(history.QuerySelector("form"));
    }

    [Fact]
    public async Task ExpertLimitedToSubjectX_GetsNotFoundForASubjectYRequestOfTheSameProvince()
    {
        await using var app = await HajDeskFactory.CreateAsync();
        var world = await StaffWorld.CreateAsync(app);
        var onX = await world.Data.CreateRequestAsync("Tehran", world.SubjectX);
        var onY = await world.Data.CreateRequestAsync("Tehran", world.SubjectY, withFile: true);
        var client = await app.SignInAsync("tehran.limited");
        var ownPage = await client.GetPageAsync($"/staff/requests/{onX.Id}");

        await AssertNothingReachableAsync(app, client, ownPage.Form("[data-testid=note-form]"), onY, onY.Attachments[0].Id,
            await world.Data.ProvinceIdAsync("Tehran"), world.TehranLimitedExpert.Id);
    }

    private static async Task AssertNothingReachableAsync(HajDeskFactory app, HttpClient client, AngleSharp.Html.Dom.IHtmlFormElement anyForm,
        ServiceRequest target, Guid fileId, int ownProvinceId, string ownId)
    {
        var page = await client.GetAsync($"/staff/requests/{target.Id}");
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Contains("صفحه پیدا نشد", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain(target.TrackingCode, await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/staff/requests/{target.Id}/files/{fileId}")).StatusCode);

        foreach (var handler in Handlers)
        {
            var response = await client.PostWithTokenAsync(anyForm, $"/staff/requests/{target.Id}?handler={handler}", new Dictionary<string, string?>
            {
                ["Version"] = target.Version.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["AnswerText"] = "پاسخ",
                ["NoteText"] = "یادداشت",
                ["ReferReason"] = "علت",
                ["ToProvinceId"] = ownProvinceId.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["AssigneeId"] = ownId,
                ["CannedId"] = "1",
            });
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{handler}: {(int)response.StatusCode}");
        }

        var stored = await app.WithDbAsync(db => db.Requests.AsNoTracking().Include(r => r.Events).SingleAsync(r => r.Id == target.Id));
        Assert.Equal(target.Version, stored.Version);
        Assert.Equal(RequestStatus.Submitted, stored.Status);
        Assert.Equal(target.ProvinceId, stored.ProvinceId);
        Assert.Single(stored.Events);
        Assert.Null(stored.AssignedToId);
        Assert.Equal(0, await app.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.RequestId == target.Id)));
    }

    [Theory]
    [InlineData("tehran.expert")]
    [InlineData("tehran.supervisor")]
    [InlineData("admin.test")]
    public async Task StaffInScope_CanDoEveryAction(string userName)
    {
        await using var app = await HajDeskFactory.CreateAsync();
        var world = await StaffWorld.CreateAsync(app);
        var request = await world.Data.CreateRequestAsync("Tehran", world.SubjectX, withFile: true);
        var client = await app.SignInAsync(userName);
        var me = await app.WithDbAsync(db => db.Users.SingleAsync(u => u.UserName == userName));

        var download = await client.GetAsync($"/staff/requests/{request.Id}/files/{request.Attachments[0].Id}");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);

        await (await client.ActAsync(request.Id, "take")).AssertDoneAsync("taken");
        Assert.Equal(me.Id, await app.WithDbAsync(db => db.Requests.Where(r => r.Id == request.Id).Select(r => r.AssignedToId).SingleAsync()));

        if (me.Role != StaffRole.Expert)
        {
            var page = await client.GetPageAsync($"/staff/requests/{request.Id}");
            var options = page.QuerySelectorAll("#AssigneeId option").Select(o => o.GetAttribute("value")).ToList();
            Assert.Contains(world.TehranExpert.Id, options);
            Assert.DoesNotContain(world.IsfahanExpert.Id, options);
            await (await client.SubmitAsync(page.Form("[data-testid=assign-form]"), new Dictionary<string, string?> { ["AssigneeId"] = world.TehranExpert.Id }))
                .AssertDoneAsync("assigned");
            Assert.Equal(world.TehranExpert.Id, await app.WithDbAsync(db => db.Requests.Where(r => r.Id == request.Id).Select(r => r.AssignedToId).SingleAsync()));
        }

        await (await client.ActAsync(request.Id, "note", new Dictionary<string, string?> { ["NoteText"] = "یادداشت " + userName }))
            .AssertDoneAsync("noted");
        await (await client.ActAsync(request.Id, "answer", new Dictionary<string, string?> { ["AnswerText"] = "پاسخ " + userName },
            new Upload("AnswerFiles", "answer.pdf", StaffTestData.PdfBytes))).AssertDoneAsync("answered");
        await (await client.ActAsync(request.Id, "reopen")).AssertDoneAsync("reopened");
        await (await client.ActAsync(request.Id, "close", new Dictionary<string, string?> { ["CloseText"] = "پایان" })).AssertDoneAsync("closed");
        await (await client.ActAsync(request.Id, "reopen")).AssertDoneAsync("reopened");
        var refer = await client.ActAsync(request.Id, "refer", new Dictionary<string, string?>
        {
            ["ToProvinceId"] = (await world.Data.ProvinceIdAsync("Isfahan")).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["ToSubSubjectId"] = null,
            ["ReferReason"] = "مربوط به استان اصفهان است",
        });
        await refer.AssertDoneAsync("referred");
        // Out of a Tehran user's scope now; the administrator still sees it.
        Assert.Equal(me.Role == StaffRole.Administrator ? $"/staff/requests/{request.Id}" : "/staff/inbox", refer.Location());

        var events = await app.WithDbAsync(db => db.RequestEvents.Where(e => e.RequestId == request.Id).OrderBy(e => e.Id).Select(e => e.Kind).ToListAsync());
        var expected = new List<RequestEventKind> { RequestEventKind.Submitted, RequestEventKind.Assigned };
        if (me.Role != StaffRole.Expert)
        {
            expected.Add(RequestEventKind.Assigned);
        }

        expected.AddRange([RequestEventKind.InternalNote, RequestEventKind.Answered, RequestEventKind.Reopened, RequestEventKind.Closed,
            RequestEventKind.Reopened, RequestEventKind.Referred, RequestEventKind.InternalNote]);
        Assert.Equal(expected, events);
        var audit = await app.WithDbAsync(db => db.AuditEntries.Where(a => a.RequestId == request.Id).Select(a => new { a.Action, a.UserId }).ToListAsync());
        Assert.All(audit, a => Assert.Equal(me.Id, a.UserId));
        foreach (var action in new[] { AuditActions.RequestView, AuditActions.FileDownload, AuditActions.RequestTake, AuditActions.RequestNote,
                     AuditActions.RequestAnswer, AuditActions.RequestReopen, AuditActions.RequestClose, AuditActions.RequestRefer })
        {
            Assert.Contains(audit, a => a.Action == action);
        }
    }

    [Fact]
    public async Task UnknownHandlerOrMethod_IsNotFound()
    {
        await using var app = await HajDeskFactory.CreateAsync();
        var world = await StaffWorld.CreateAsync(app);
        var request = await world.Data.CreateRequestAsync("Tehran", withFile: true);
        var client = await app.SignInAsync("tehran.expert");
        var form = (await client.GetPageAsync($"/staff/requests/{request.Id}")).Form("[data-testid=note-form]");
        var values = new Dictionary<string, string?> { ["Version"] = request.Version.ToString(System.Globalization.CultureInfo.InvariantCulture) };

        Assert.Equal(HttpStatusCode.NotFound, (await client.PostWithTokenAsync(form, $"/staff/requests/{request.Id}?handler=Bogus", values)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostWithTokenAsync(form, $"/staff/requests/{request.Id}", values)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostWithTokenAsync(form, $"/staff/requests/{request.Id}/files/{request.Attachments[0].Id}", values)).StatusCode);
        Assert.Equal(0, await app.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == AuditActions.FileDownload)));
    }

    [Fact]
    public async Task Expert_CannotAssignToOthers()
    {
        await using var app = await HajDeskFactory.CreateAsync();
        var world = await StaffWorld.CreateAsync(app);
        var request = await world.Data.CreateRequestAsync("Tehran");
        var client = await app.SignInAsync("tehran.expert");
        var page = await client.GetPageAsync($"/staff/requests/{request.Id}");
        Assert.Null(page.QuerySelector("[data-testid=assign-form]"));

        var response = await client.PostWithTokenAsync(page.Form("[data-testid=note-form]"), $"/staff/requests/{request.Id}?handler=Assign",
            new Dictionary<string, string?> { ["Version"] = request.Version.ToString(System.Globalization.CultureInfo.InvariantCulture), ["AssigneeId"] = world.TehranSupervisor.Id });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Null(await app.WithDbAsync(db => db.Requests.Where(r => r.Id == request.Id).Select(r => r.AssignedToId).SingleAsync()));
    }

    [Fact]
    public async Task RequestPage_ShowsIdentityTextFilesAndTimeline_WithoutCaching()
    {
        await using var app = await HajDeskFactory.CreateAsync();
        var world = await StaffWorld.CreateAsync(app);
        var request = await world.Data.CreateRequestAsync("Tehran", withFile: true);
        var client = await app.SignInAsync("tehran.expert");

        var response = await client.GetAsync($"/staff/requests/{request.Id}");
        var page = await Html.ParseAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl?.NoStore);
        Assert.Equal(request.NationalCode, page.QuerySelector("[data-testid=national-code]")!.TextContent);
        Assert.Equal(TrackingCode.Format(request.TrackingCode), page.QuerySelector("[data-testid=tracking-code]")!.TextContent);
        Assert.Contains("زهرا احمدی", page.Body!.TextContent, StringComparison.Ordinal);
        Assert.Contains("۱۱ خرداد ۱۳۵۹", page.Body.TextContent, StringComparison.Ordinal); // 1980-06-01
        Assert.Contains("زن", page.Body.TextContent, StringComparison.Ordinal);
        Assert.Equal("ثبت شده", page.QuerySelector("[data-testid=status]")!.TextContent);
        var text = page.QuerySelector("[data-testid=request-text]")!;
        Assert.Equal(request.Text, text.TextContent);
        Assert.Null(text.QuerySelector("b"));
        var link = Assert.Single(page.QuerySelectorAll("[data-testid=request-files] a"));
        Assert.Equal($"/staff/requests/{request.Id}/files/{request.Attachments[0].Id}", link.GetAttribute("href"));
        Assert.Equal("Submitted", Assert.Single(page.QuerySelectorAll("[data-testid=timeline] li")).GetAttribute("data-kind"));
        Assert.All(page.QuerySelectorAll("script"), s => Assert.True(s.HasAttribute("src")));
        Assert.Empty(page.QuerySelectorAll("[style]"));
        Assert.Empty(page.QuerySelectorAll("style"));
        var view = Assert.Single(await app.WithDbAsync(db => db.AuditEntries.Where(a => a.Action == AuditActions.RequestView).ToListAsync()));
        Assert.Equal(request.Id, view.RequestId);
        Assert.Equal(world.TehranExpert.Id, view.UserId);
    }

    [Fact]
    public async Task Answer_SetsAnsweredStoresFilesOnTheEventAndIsVisibleToTheCitizen()
    {
        await using var app = await HajDeskFactory.CreateAsync();
        var world = await StaffWorld.CreateAsync(app);
        var request = await world.Data.CreateRequestAsync("Tehran");
        var client = await app.SignInAsync("tehran.expert");

        var response = await client.ActAsync(request.Id, "answer", new Dictionary<string, string?> { ["AnswerText"] = "پاسخ شما:\nخط دوم" },
            new Upload("AnswerFiles", "نامه.pdf", StaffTestData.PdfBytes, "application/octet-stream"),
            new Upload("AnswerFiles", "تصویر.png", StaffTestData.PngBytes, "application/pdf"));

        await response.AssertDoneAsync("answered");
        var stored = await app.WithDbAsync(db => db.Requests.AsNoTracking().Include(r => r.Events).ThenInclude(e => e.Attachments).SingleAsync(r => r.Id == request.Id));
        Assert.Equal(RequestStatus.Answered, stored.Status);
        Assert.NotNull(stored.AnsweredAt);
        Assert.NotEqual(request.Version, stored.Version);
        Assert.True(stored.UpdatedAt > request.UpdatedAt);
        var answer = Assert.Single(stored.Events, e => e.Kind == RequestEventKind.Answered);
        Assert.True(answer.VisibleToCitizen);
        Assert.Equal("پاسخ شما:\nخط دوم", answer.Text);
        Assert.Equal(world.TehranExpert.Id, answer.ActorId);
        Assert.Equal(world.TehranExpert.DisplayName, answer.ActorName);
        Assert.Equal(2, answer.Attachments.Count);
        Assert.All(answer.Attachments, a =>
        {
            Assert.Equal(request.Id, a.RequestId);
            Assert.True(a.FromStaff);
        });
        Assert.Equal(["application/pdf", "image/png"], answer.Attachments.OrderBy(a => a.FileName, StringComparer.Ordinal).Select(a => a.ContentType).Reverse().ToArray());
        var contents = await app.WithDbAsync(db => db.AttachmentContents.Where(c => answer.Attachments.Select(a => a.Id).Contains(c.AttachmentId)).ToListAsync());
        Assert.Contains(contents, c => c.Data.SequenceEqual(StaffTestData.PdfBytes));
        Assert.Contains(contents, c => c.Data.SequenceEqual(StaffTestData.PngBytes));
        var audit = Assert.Single(await app.WithDbAsync(db => db.AuditEntries.Where(a => a.Action == AuditActions.RequestAnswer).ToListAsync()));
        Assert.Equal(request.Id, audit.RequestId);
        // The timeline shows the answer with its files.
        var page = await client.GetPageAsync($"/staff/requests/{request.Id}");
        var item = page.QuerySelector("[data-testid=timeline] li[data-kind=Answered]")!;
        Assert.Equal("citizen", item.GetAttribute("data-visible"));
        Assert.Equal(2, item.QuerySelectorAll("a[href*='/files/']").Length);
    }

    [Fact]
    public async Task Answer_Invalid_IsRefusedAndKeepsTheText()
    {
        await using var app = await HajDeskFactory.CreateAsync();
        var world = await StaffWorld.CreateAsync(app);
        var request = await world.Data.CreateRequestAsync("Tehran");
        var client = await app.SignInAsync("tehran.expert");

        var empty = await client.ActAsync(request.Id, "answer", new Dictionary<string, string?> { ["AnswerText"] = "  " });
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Contains("متن پاسخ را بنویسید", (await Html.ParseAsync(empty)).QuerySelector("[data-testid=action-errors]")!.TextContent, StringComparison.Ordinal);

        var exe = await client.ActAsync(request.Id, "answer", new Dictionary<string, string?> { ["AnswerText"] = "پاسخ نگه‌داشتنی" },
            new Upload("AnswerFiles", "virus.pdf", "MZ\x90\0 this is not a pdf"u8.ToArray()));
        Assert.Equal(HttpStatusCode.BadRequest, exe.StatusCode);
        var page = await Html.ParseAsync(exe);
        Assert.Contains("نوع فایل", page.QuerySelector("[data-testid=action-errors]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("پاسخ نگه‌داشتنی", page.QuerySelector("#AnswerText")!.TextContent);

        var tooLong = await client.ActAsync(request.Id, "answer", new Dictionary<string, string?> { ["AnswerText"] = new string('ب', 8001) });
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);

        var tooMany = await client.ActAsync(request.Id, "answer", new Dictionary<string, string?> { ["AnswerText"] = "پاسخ" },
            [.. Enumerable.Range(0, 4).Select(i => new Upload("AnswerFiles", $"f{i}.pdf", StaffTestData.PdfBytes))]);
        Assert.Equal(HttpStatusCode.BadRequest, tooMany.StatusCode);

        var stored = await app.WithDbAsync(db => db.Requests.AsNoTracking().Include(r => r.Events).SingleAsync(r => r.Id == request.Id));
        Assert.Equal(RequestStatus.Submitted, stored.Status);
        Assert.Single(stored.Events);
        Assert.Equal(0, await app.WithDbAsync(db => db.Attachments.CountAsync()));
    }

    [Fact]
    public async Task Note_IsInternalAndLeavesTheStatus()
    {
        await using var app = await HajDeskFactory.CreateAsync();
        var world = await StaffWorld.CreateAsync(app);
        var request = await world.Data.CreateRequestAsync("Tehran");
        var client = await app.SignInAsync("tehran.supervisor");

        await (await client.ActAsync(request.Id, "note", new Dictionary<string, string?> { ["NoteText"] = "فقط برای همکاران" })).AssertDoneAsync("noted");

        var stored = await app.WithDbAsync(db => db.Requests.AsNoTracking().Include(r => r.Events).SingleAsync(r => r.Id == request.Id));
        Assert.Equal(RequestStatus.Submitted, stored.Status);
        var note = Assert.Single(stored.Events, e => e.Kind == RequestEventKind.InternalNote);
        Assert.False(note.VisibleToCitizen);
        Assert.Equal("فقط برای همکاران", note.Text);
        var page = await client.GetPageAsync($"/staff/requests/{request.Id}");
        Assert.Equal("internal", page.QuerySelector("[data-testid=timeline] li[data-kind=InternalNote]")!.GetAttribute("data-visible"));
    }

    [Fact]
    public async Task Refer_MovesTheRequestToTheTargetQueue()
    {
        await using var app = await HajDeskFactory.CreateAsync();
        var world = await StaffWorld.CreateAsync(app);
        var request = await world.Data.CreateRequestAsync("Tehran", world.SubjectX);
        var tehran = await app.SignInAsync("tehran.expert");
        await tehran.ActAsync(request.Id, "take");
        var isfahanId = await world.Data.ProvinceIdAsync("Isfahan");

        var missingReason = await tehran.ActAsync(request.Id, "refer", new Dictionary<string, string?> { ["ToProvinceId"] = isfahanId.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        Assert.Equal(HttpStatusCode.BadRequest, missingReason.StatusCode);
        var nothingChanged = await tehran.ActAsync(request.Id, "refer", new Dictionary<string, string?> { ["ReferReason"] = "علت" });
        Assert.Equal(HttpStatusCode.BadRequest, nothingChanged.StatusCode);

        var refer = await tehran.ActAsync(request.Id, "refer", new Dictionary<string, string?>
        {
            ["ToProvinceId"] = isfahanId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["ToSubjectId"] = world.SubjectY.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["ToSubSubjectId"] = null,
            ["ReferReason"] = "به کارشناسان اصفهان مربوط است",
        });

        await refer.AssertDoneAsync("referred");
        Assert.Equal("/staff/inbox", refer.Location());
        Assert.Equal(HttpStatusCode.NotFound, (await tehran.GetAsync($"/staff/requests/{request.Id}")).StatusCode);
        var tehranInbox = await tehran.GetPageAsync("/staff/inbox");
        Assert.Empty(tehranInbox.QuerySelectorAll("[data-testid=inbox-row]"));

        var isfahan = await app.SignInAsync("isfahan.expert");
        var isfahanInbox = await isfahan.GetPageAsync("/staff/inbox");
        Assert.Equal(request.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), Assert.Single(isfahanInbox.QuerySelectorAll("[data-testid=inbox-row]")).GetAttribute("data-id"));
        var page = await isfahan.GetPageAsync($"/staff/requests/{request.Id}");
        Assert.Equal("ارجاع شده", page.QuerySelector("[data-testid=status]")!.TextContent);
        Assert.Equal("اصفهان", page.QuerySelector("[data-testid=province]")!.TextContent);
        Assert.Equal("—", page.QuerySelector("[data-testid=assignee]")!.TextContent);
        var referral = page.QuerySelector("[data-testid=timeline] li[data-kind=Referred]")!;
        Assert.Contains("تهران", referral.TextContent, StringComparison.Ordinal);
        Assert.Contains("اصفهان", referral.TextContent, StringComparison.Ordinal);
        Assert.Contains("به کارشناسان اصفهان مربوط است", page.QuerySelector("[data-testid=timeline] li[data-kind=InternalNote]")!.TextContent, StringComparison.Ordinal);

        var stored = await app.WithDbAsync(db => db.Requests.AsNoTracking().Include(r => r.Events).SingleAsync(r => r.Id == request.Id));
        Assert.Equal(RequestStatus.Referred, stored.Status);
        Assert.Equal(isfahanId, stored.ProvinceId);
        Assert.Equal(world.SubjectY, stored.SubjectId);
        Assert.Null(stored.AssignedToId);
        var referred = Assert.Single(stored.Events, e => e.Kind == RequestEventKind.Referred);
        Assert.True(referred.VisibleToCitizen);
        Assert.Equal(ServiceRequest.ReferredCitizenText, referred.Text);
        Assert.Equal(request.ProvinceId, referred.FromProvinceId);
        Assert.Equal(isfahanId, referred.ToProvinceId);
        Assert.Equal(world.SubjectX, referred.FromSubjectId);
        Assert.Equal(world.SubjectY, referred.ToSubjectId);
        var reason = Assert.Single(stored.Events, e => e.Kind == RequestEventKind.InternalNote);
        Assert.False(reason.VisibleToCitizen);
        var audit = Assert.Single(await app.WithDbAsync(db => db.AuditEntries.Where(a => a.Action == AuditActions.RequestRefer).ToListAsync()));
        Assert.Contains("اصفهان", audit.Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TwoFormsWithTheSameVersion_TheSecondGets409AndKeepsItsText()
    {
        await using var app = await HajDeskFactory.CreateAsync();
        var world = await StaffWorld.CreateAsync(app);
        var request = await world.Data.CreateRequestAsync("Tehran");
        var expert = await app.SignInAsync("tehran.expert");
        var supervisor = await app.SignInAsync("tehran.supervisor");
        var expertPage = await expert.GetPageAsync($"/staff/requests/{request.Id}");
        var supervisorPage = await supervisor.GetPageAsync($"/staff/requests/{request.Id}");

        await (await expert.PostFormAsync(expertPage.Form("[data-testid=note-form]"), new Dictionary<string, string?> { ["NoteText"] = "اول" }))
            .AssertDoneAsync("noted");
        var second = await supervisor.SubmitAsync(supervisorPage.Form("[data-testid=answer-form]"),
            new Dictionary<string, string?> { ["AnswerText"] = "پاسخی که نباید گم شود" });

        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        var page = await Html.ParseAsync(second);
        Assert.Equal(EditConflict.Message, page.QuerySelector("[data-testid=conflict]")!.TextContent);
        Assert.Equal("پاسخی که نباید گم شود", page.QuerySelector("#AnswerText")!.TextContent);
        Assert.Contains("اول", page.QuerySelector("[data-testid=timeline]")!.TextContent, StringComparison.Ordinal);
        var stored = await app.WithDbAsync(db => db.Requests.AsNoTracking().Include(r => r.Events).SingleAsync(r => r.Id == request.Id));
        Assert.Equal(RequestStatus.Submitted, stored.Status);
        Assert.DoesNotContain(stored.Events, e => e.Kind == RequestEventKind.Answered);
        // The re-rendered form carries the current version: sending it again now works.
        Assert.Equal(stored.Version.ToString(System.Globalization.CultureInfo.InvariantCulture), page.QuerySelector("[data-testid=answer-form] input[name=Version]")!.GetAttribute("value"));
        await (await supervisor.SubmitAsync(page.Form("[data-testid=answer-form]"), null)).AssertDoneAsync("answered");
    }

    /// <summary>A colleague's change committed between loading the request and saving the action: EF's concurrency check.</summary>
    [Fact]
    public async Task ChangeCommittedBetweenLoadAndSave_Gets409AndWritesNothing()
    {
        var race = new RequestRaceInterceptor();
        await using var baseApp = await HajDeskFactory.CreateAsync();
        var app = baseApp.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.ConfigureDbContext<Core.Data.HajDeskDbContext>(o => o.AddInterceptors(race))));
        var world = await StaffWorld.CreateAsync(baseApp);
        var request = await world.Data.CreateRequestAsync("Tehran");
        var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostSignInAsync("tehran.expert", StaffTestData.Password)).StatusCode);
        var page = await client.GetPageAsync($"/staff/requests/{request.Id}");

        race.Armed = true;
        var response = await client.SubmitAsync(page.Form("[data-testid=answer-form]"), new Dictionary<string, string?> { ["AnswerText"] = "پاسخ هم‌زمان" });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.True(race.Fired);
        var conflict = await Html.ParseAsync(response);
        Assert.NotNull(conflict.QuerySelector("[data-testid=conflict]"));
        Assert.Equal("پاسخ هم‌زمان", conflict.QuerySelector("#AnswerText")!.TextContent);
        var stored = await baseApp.WithDbAsync(db => db.Requests.AsNoTracking().Include(r => r.Events).SingleAsync(r => r.Id == request.Id));
        Assert.Equal(RequestStatus.Submitted, stored.Status);
        Assert.Single(stored.Events);
        Assert.Equal(0, await baseApp.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == AuditActions.RequestAnswer)));
    }

    [Fact]
    public async Task FileDownload_IsAnAuditedAttachmentWithTheStoredNameAndType()
    {
        await using var app = await HajDeskFactory.CreateAsync();
        var world = await StaffWorld.CreateAsync(app);
        var request = await world.Data.CreateRequestAsync("Tehran", withFile: true);
        var other = await world.Data.CreateRequestAsync("Tehran", withFile: true);
        var client = await app.SignInAsync("tehran.expert");

        var response = await client.GetAsync($"/staff/requests/{request.Id}/files/{request.Attachments[0].Id}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        var disposition = response.Content.Headers.ContentDisposition!;
        Assert.Equal("attachment", disposition.DispositionType);
        Assert.Equal("مدرک شناسایی.pdf", disposition.FileNameStar);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
        Assert.Equal(StaffTestData.PdfBytes, await response.Content.ReadAsByteArrayAsync());
        var audit = Assert.Single(await app.WithDbAsync(db => db.AuditEntries.Where(a => a.Action == AuditActions.FileDownload).ToListAsync()));
        Assert.Equal(request.Id, audit.RequestId);
        Assert.Equal(world.TehranExpert.Id, audit.UserId);
        // A file of another request is not reachable through this request's address.
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/staff/requests/{request.Id}/files/{other.Attachments[0].Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/staff/requests/{request.Id}/files/{Guid.NewGuid()}")).StatusCode);
    }

    [Fact]
    public async Task CannedAnswer_WithoutJavaScript_InsertPostsBackAndFillsTheAnswer()
    {
        await using var app = await HajDeskFactory.CreateAsync();
        var world = await StaffWorld.CreateAsync(app);
        var request = await world.Data.CreateRequestAsync("Tehran");
        var canned = await app.WithDbAsync(async db =>
        {
            var c = new CannedAnswer { Title = "سلام و احترام", Text = "با سلام و احترام،\nدرخواست شما بررسی شد." };
            db.CannedAnswers.Add(c);
            await db.SaveChangesAsync();
            return c;
        });
        var client = await app.SignInAsync("tehran.expert");
        var page = await client.GetPageAsync($"/staff/requests/{request.Id}");
        var form = page.Form("[data-testid=answer-form]");
        Assert.Equal(canned.Text, form.QuerySelector($"#CannedId option[value='{canned.Id}']")!.GetAttribute("data-text"));

        var fields = Html.FormValues(form, new Dictionary<string, string?> { ["CannedId"] = canned.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), ["AnswerText"] = "پیش‌نوشته" });
        var content = new MultipartFormDataContent();
        foreach (var (name, value) in fields)
        {
            content.Add(new StringContent(value), name);
        }

        var response = await client.PostAsync($"/staff/requests/{request.Id}?handler=InsertCanned", content);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var filled = await Html.ParseAsync(response);
        Assert.Equal("پیش‌نوشته\n\n" + canned.Text, filled.QuerySelector("#AnswerText")!.TextContent);
        Assert.Single(await app.WithDbAsync(db => db.RequestEvents.Where(e => e.RequestId == request.Id).ToListAsync()));
    }

    [Fact]
    public async Task Audit_HoldsNoNationalCodeOrPhoneNumber()
    {
        await using var app = await HajDeskFactory.CreateAsync();
        var world = await StaffWorld.CreateAsync(app);
        var request = await world.Data.CreateRequestAsync("Tehran", withFile: true);
        var client = await app.SignInAsync("tehran.expert");
        await client.GetAsync($"/staff/requests/{request.Id}/files/{request.Attachments[0].Id}");
        await (await client.ActAsync(request.Id, "answer", new Dictionary<string, string?> { ["AnswerText"] = "پاسخ" },
            new Upload("AnswerFiles", request.NationalCode + ".pdf", StaffTestData.PdfBytes))).AssertDoneAsync("answered");
        var inbox = await client.GetPageAsync("/staff/inbox");
        await client.PostFormAsync(inbox.Form("[data-testid=search-form]"), new Dictionary<string, string?> { ["Q"] = request.NationalCode });
        await client.GetAsync($"/staff/requests/{request.Id}/files/{(await app.WithDbAsync(db => db.Attachments.Where(a => a.FromStaff).Select(a => a.Id).SingleAsync()))}");

        var entries = await app.WithDbAsync(db => db.AuditEntries.ToListAsync());

        Assert.Contains(entries, e => e.Action == AuditActions.InboxSearch);
        Assert.All(entries, e =>
        {
            var all = string.Join('|', e.Action, e.UserName, e.Details);
            Assert.DoesNotContain(request.NationalCode, all, StringComparison.Ordinal);
            Assert.DoesNotContain(request.Mobile, all, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task Answer_Empty_IsListedInTheSharedErrorSummary()
    {
        await using var app = await HajDeskFactory.CreateAsync();
        var world = await StaffWorld.CreateAsync(app);
        var request = await world.Data.CreateRequestAsync("Tehran");
        var client = await app.SignInAsync("tehran.expert");

        var empty = await Html.ParseAsync(await client.ActAsync(request.Id, "answer", new Dictionary<string, string?> { ["AnswerText"] = "  " }));

        // The shared summary: its heading, focus on arrival, and the refusal (the transition's, keyed to no field).
        var summary = empty.QuerySelector("[data-testid=action-errors]")!;
        Assert.Equal("error-summary", summary.Id);
        Assert.True(summary.HasAttribute("autofocus"));
        Assert.Equal("لطفاً این موارد را درست کنید:", summary.QuerySelector("h2")!.TextContent);
        Assert.Contains("متن پاسخ را بنویسید", summary.QuerySelector("li")!.TextContent, StringComparison.Ordinal);
    }
}

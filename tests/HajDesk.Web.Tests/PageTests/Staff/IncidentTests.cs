using System.Net;
using HajDesk.Core.Requests;
using HajDesk.Web.BulkWork;
using HajDesk.Web.Staff;
using HajDesk.Web.Tests.Infrastructure;
using HajDesk.Web.Tests.PageTests.Staff.Admin;
using Microsoft.EntityFrameworkCore;

namespace HajDesk.Web.Tests.PageTests.Staff;

/// <summary>Incidents (رخداد): created by supervisors and administrators, linked, answered and closed as one.</summary>
public class IncidentTests
{
    public static TheoryData<DatabaseProvider> Providers => [DatabaseProvider.Sqlite, DatabaseProvider.Postgres];

    private static async Task<int> CreateIncidentAsync(HttpClient client, string title, string? provinceId = null)
    {
        var location = await (await client.PostPageFormAsync("/staff/incidents", "[data-testid=incident-form]", new Dictionary<string, string?>
        {
            ["Title"] = title,
            ["ProvinceId"] = provinceId,
        })).AssertRedirectAsync();
        return int.Parse(location.Split('/')[3].Split('?')[0], System.Globalization.CultureInfo.InvariantCulture);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Incident_LinkedFromTheInbox_OneAnswerReachesEveryOpenRequest_EachWithItsOwnEventNoticeAndAudit(DatabaseProvider provider)
    {
        await using var app = await HajDeskFactory.CreateAsync(provider);
        var world = await StaffWorld.CreateAsync(app);
        var open = new[] { await world.Data.CreateRequestAsync(), await world.Data.CreateRequestAsync(), await world.Data.CreateRequestAsync() };
        var answered = await world.Data.CreateRequestAsync(configure: r => r.Status = RequestStatus.Answered);
        var supervisor = await app.SignInAsync("tehran.supervisor");
        var id = await CreateIncidentAsync(supervisor, "تأخیر پرواز ۴۲۱ تهران–مدینه");
        Assert.Single(await app.AuditAsync(AuditActions.IncidentCreate));

        // Linked from the inbox in one action, the answered one as well.
        var form = await BulkWorkTests.BulkFormAsync(supervisor, [.. open.Select(r => r.Id), answered.Id]);
        var linked = await (await supervisor.PostFormAsync(form, new Dictionary<string, string?>
        {
            ["Bulk.Action"] = nameof(BulkAction.LinkToIncident),
            ["Bulk.IncidentId"] = id.ToString(System.Globalization.CultureInfo.InvariantCulture),
        })).AssertPageAsync(HttpStatusCode.OK);
        Assert.All(BulkWorkTests.Outcomes(linked).Values, o => Assert.Equal(nameof(BulkRowOutcome.Done), o));

        var page = await supervisor.GetPageAsync($"/staff/incidents/{id}");
        Assert.Equal("تأخیر پرواز ۴۲۱ تهران–مدینه", page.TextOf("[data-testid=incident-title]"));
        Assert.Contains("همه: ۴", page.TextOf("[data-testid=incident-counts]"), StringComparison.Ordinal);
        Assert.Contains("ثبت شده: ۳", page.TextOf("[data-testid=incident-counts]"), StringComparison.Ordinal);
        Assert.Equal(4, page.QuerySelectorAll("[data-testid=incident-requests] tbody tr").Length);

        var result = await (await supervisor.PostFormAsync(page.Form("[data-testid=incident-answer-form]"), new Dictionary<string, string?>
        {
            ["Command.AnswerText"] = "پرواز جایگزین فردا ساعت ۱۰ است.",
        })).AssertPageAsync(HttpStatusCode.OK);

        Assert.Equal(3, BulkWorkTests.Outcomes(result).Values.Count(o => o == nameof(BulkRowOutcome.Done)));
        var stored = await app.WithDbAsync(db => db.Requests.AsNoTracking().Include(r => r.Events).Where(r => r.IncidentId == id).ToListAsync());
        Assert.Equal(4, stored.Count);
        foreach (var request in stored.Where(r => open.Any(o => o.Id == r.Id)))
        {
            Assert.Equal(RequestStatus.Answered, request.Status);
            Assert.Single(request.Events, e => e.Kind == RequestEventKind.Answered && e.Text == "پرواز جایگزین فردا ساعت ۱۰ است.");
            Assert.Single(request.Events, e => e.Kind == RequestEventKind.IncidentLinked && !e.VisibleToCitizen);
            Assert.NotNull(request.FirstAnsweredOnTime);
        }

        Assert.DoesNotContain(stored.Single(r => r.Id == answered.Id).Events, e => e.Kind == RequestEventKind.Answered);
        var noticed = await app.WithDbAsync(db => db.OutboxMessages.Where(m => m.RequestId != null).Select(m => m.RequestId!.Value).Distinct().ToListAsync());
        Assert.Equal(open.Select(r => r.Id).Order(), noticed.Order());
        Assert.Equal(3, (await app.AuditAsync(AuditActions.RequestAnswer)).Count);
        Assert.Single(await app.AuditAsync(AuditActions.IncidentAnswer));

        // Closing the incident: it takes no new requests, its requests keep their state.
        page = await supervisor.GetPageAsync($"/staff/incidents/{id}");
        Assert.Null(page.QuerySelector("[data-testid=incident-answer-form]"));
        await (await supervisor.PostFormAsync(page.Form("[data-testid=incident-close-form]"))).AssertRedirectAsync();
        var late = await world.Data.CreateRequestAsync();
        var requestPage = await supervisor.GetPageAsync($"/staff/requests/{late.Id}");
        Assert.Null(requestPage.QuerySelector("[data-testid=link-incident-form]"));
        var forced = await (await supervisor.PostWithTokenAsync(requestPage.Form("[data-testid=note-form]"), $"/staff/requests/{late.Id}?handler=LinkIncident",
            new Dictionary<string, string?> { ["Version"] = "1", ["IncidentId"] = id.ToString(System.Globalization.CultureInfo.InvariantCulture) }))
            .AssertPageAsync(HttpStatusCode.BadRequest);
        Assert.Contains("بسته شده", forced.TextOf("[data-testid=action-errors]"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Incident_CloseAll_ClosesEachOpenRequest_AndExpertsCannotRunIt()
    {
        await using var app = await HajDeskFactory.CreateAsync();
        var world = await StaffWorld.CreateAsync(app);
        var request = await world.Data.CreateRequestAsync();
        var supervisor = await app.SignInAsync("tehran.supervisor");
        var id = await CreateIncidentAsync(supervisor, "از کار افتادن سامانه ثبت‌نام");
        await (await supervisor.ActAsync(request.Id, "link-incident", new Dictionary<string, string?> { ["IncidentId"] = id.ToString(System.Globalization.CultureInfo.InvariantCulture) }))
            .AssertDoneAsync("linked");

        var expert = await app.SignInAsync("tehran.expert");
        var expertPage = await expert.GetPageAsync($"/staff/incidents/{id}");
        Assert.Null(expertPage.QuerySelector("[data-testid=incident-close-requests-form]"));
        var refused = await expert.PostWithTokenAsync(expertPage.Form("[data-testid=sign-out-form]"),
            $"/staff/incidents/{id}?handler=CloseRequests", new Dictionary<string, string?>());
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        Assert.Equal(RequestStatus.Submitted, await app.WithDbAsync(db => db.Requests.Where(r => r.Id == request.Id).Select(r => r.Status).SingleAsync()));

        var page = await supervisor.GetPageAsync($"/staff/incidents/{id}");
        var result = await (await supervisor.PostFormAsync(page.Form("[data-testid=incident-close-requests-form]"), new Dictionary<string, string?>
        {
            ["Command.CloseText"] = "مشکل برطرف شد.",
        })).AssertPageAsync(HttpStatusCode.OK);
        Assert.Equal(nameof(BulkRowOutcome.Done), Assert.Single(BulkWorkTests.Outcomes(result).Values));
        Assert.Equal(RequestStatus.Closed, await app.WithDbAsync(db => db.Requests.Where(r => r.Id == request.Id).Select(r => r.Status).SingleAsync()));
        Assert.Single(await app.AuditAsync(AuditActions.IncidentCloseRequests));
    }

    [Fact]
    public async Task Incidents_AreScopedByProvince_NationalOnesByAdministratorsOnly()
    {
        await using var app = await HajDeskFactory.CreateAsync();
        var world = await StaffWorld.CreateAsync(app);
        var supervisor = await app.SignInAsync("tehran.supervisor");
        var tehranIncident = await CreateIncidentAsync(supervisor, "هتل کاروان ۱۲ تهران");
        var admin = await app.SignInAsync("admin.test");
        var national = await CreateIncidentAsync(admin, "اختلال سراسری سامانه", provinceId: string.Empty);

        var isfahan = await app.SignInAsync("isfahan.expert");
        Assert.Equal(HttpStatusCode.NotFound, (await isfahan.GetAsync($"/staff/incidents/{tehranIncident}")).StatusCode);
        var list = await isfahan.GetPageAsync("/staff/incidents");
        Assert.DoesNotContain("هتل کاروان", list.Body!.TextContent, StringComparison.Ordinal);
        Assert.Contains("اختلال سراسری سامانه", list.Body!.TextContent, StringComparison.Ordinal);
        Assert.Null(list.QuerySelector("[data-testid=incident-form]"));

        // An expert cannot create one even by posting; a supervisor's province is their own whatever they post.
        var forged = await isfahan.PostWithTokenAsync(list.Form("[data-testid=sign-out-form]"), "/staff/incidents", new Dictionary<string, string?> { ["Title"] = "جعلی" });
        Assert.Equal(HttpStatusCode.NotFound, forged.StatusCode);
        var isfahanId = (await app.WithDbAsync(db => db.Provinces.SingleAsync(p => p.Code == "Isfahan"))).Id;
        var moved = await CreateIncidentAsync(supervisor, "کاروان دیگر", isfahanId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(await world.Data.ProvinceIdAsync("Tehran"), await app.WithDbAsync(db => db.Incidents.Where(i => i.Id == moved).Select(i => i.ProvinceId).SingleAsync()));

        // The national incident is seen by the supervisor but run only by administrators.
        var nationalPage = await supervisor.GetPageAsync($"/staff/incidents/{national}");
        Assert.Null(nationalPage.QuerySelector("[data-testid=incident-close-form]"));
        Assert.NotNull((await admin.GetPageAsync($"/staff/incidents/{national}")).QuerySelector("[data-testid=incident-close-form]"));
    }

    [Theory]
    [InlineData("", "عنوان رخداد را بنویسید.")]
    [InlineData("   \u200c ", "عنوان رخداد را بنویسید.")]
    public async Task Incident_WithoutTitle_Gets400AndAPersianMessage(string title, string message)
    {
        await using var app = await HajDeskFactory.CreateAsync();
        await StaffWorld.CreateAsync(app);
        var supervisor = await app.SignInAsync("tehran.supervisor");

        var page = await (await supervisor.PostPageFormAsync("/staff/incidents", "[data-testid=incident-form]", new Dictionary<string, string?> { ["Title"] = title }))
            .AssertPageAsync(HttpStatusCode.BadRequest);

        Assert.Contains(message, page.TextOf("[data-testid=errors]"), StringComparison.Ordinal);
        Assert.Empty(await app.WithDbAsync(db => db.Incidents.ToListAsync()));
    }

    [Fact]
    public async Task Incident_TitleWithMarkup_IsShownAsText()
    {
        await using var app = await HajDeskFactory.CreateAsync();
        await StaffWorld.CreateAsync(app);
        var supervisor = await app.SignInAsync("tehran.supervisor");
        var id = await CreateIncidentAsync(supervisor, "<script>alert(1)</script> تأخیر");

        var page = await supervisor.GetAsync($"/staff/incidents/{id}");
        var html = await page.Content.ReadAsStringAsync();
        Assert.DoesNotContain("<script>alert(1)", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Merge_ClosesTheDuplicate_TheCitizenSeesTheSurvivingCode_AndReportsCountThePairOnce()
    {
        await using var app = await HajDeskFactory.CreateAsync();
        var world = await StaffWorld.CreateAsync(app);
        var nationalCode = StaffTestData.NewNationalCode();
        var survivor = await world.Data.CreateRequestAsync(configure: r => r.NationalCode = nationalCode);
        var duplicate = await world.Data.CreateRequestAsync(configure: r => r.NationalCode = nationalCode);
        var stranger = await world.Data.CreateRequestAsync();
        var supervisor = await app.SignInAsync("tehran.supervisor");

        // Another person's request cannot be the survivor.
        var refused = await (await supervisor.ActAsync(duplicate.Id, "merge", new Dictionary<string, string?> { ["MergeIntoCode"] = stranger.TrackingCode }))
            .AssertPageAsync(HttpStatusCode.BadRequest);
        Assert.Contains(RequestRefusals.MergeOtherPerson, refused.TextOf("[data-testid=action-errors]"), StringComparison.Ordinal);

        // Typed in Persian digits with a dash, as people copy it.
        var typed = Core.Persian.PersianText.ToPersianDigits(TrackingCode.Format(survivor.TrackingCode));
        await (await supervisor.ActAsync(duplicate.Id, "merge", new Dictionary<string, string?> { ["MergeIntoCode"] = typed })).AssertDoneAsync("merged");

        var stored = await app.WithDbAsync(db => db.Requests.AsNoTracking().Include(r => r.Events).Where(r => r.Id == duplicate.Id || r.Id == survivor.Id).ToDictionaryAsync(r => r.Id));
        Assert.Equal((RequestStatus.Closed, (long?)survivor.Id), (stored[duplicate.Id].Status, stored[duplicate.Id].MergedIntoId));
        Assert.Single(stored[survivor.Id].Events, e => e.Kind == RequestEventKind.MergedIn);
        Assert.Single(await app.AuditAsync(AuditActions.RequestMerge));
        var staffPage = await supervisor.GetPageAsync($"/staff/requests/{duplicate.Id}");
        Assert.Contains(TrackingCode.Format(survivor.TrackingCode), staffPage.TextOf("[data-testid=merged-into]"), StringComparison.Ordinal);

        // Reports count only the survivor (and the stranger).
        var report = await app.WithDbAsync(db => new Core.Reports.ReportQueries(db, TimeProvider.System).ComputeAsync(
            Core.Reports.ReportFilter.Parse(null, null, null, null, null, null) with { Scope = Core.Reports.ReportFilter.Everything },
            Core.Reports.ReportGrouping.Province));
        Assert.Equal(2, report.Total.Received);
    }
}

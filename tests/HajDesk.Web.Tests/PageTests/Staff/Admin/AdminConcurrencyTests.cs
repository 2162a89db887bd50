using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using HajDesk.Core.Staff;
using HajDesk.Web.Infrastructure.Concurrency;
using HajDesk.Web.Notifications;
using HajDesk.Web.Staff;
using HajDesk.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace HajDesk.Web.Tests.PageTests.Staff.Admin;

/// <summary>
/// The one conflict response on the entities that had no concurrency check before (canned answers, message
/// templates): two administrators load the same form, one saves, the other gets 409 with their text kept.
/// </summary>
public class AdminConcurrencyTests
{
    public static TheoryData<DatabaseProvider> Providers => [DatabaseProvider.Sqlite, DatabaseProvider.Postgres];

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task CannedAnswerEdit_StaleForm_Gets409WithTextKeptAndTheFirstSaveStays(DatabaseProvider provider)
    {
        await using var app = await HajDeskFactory.CreateAsync(provider);
        var world = await StaffWorld.CreateAsync(app);
        await world.Data.CreateStaffAsync("admin.two", StaffRole.Administrator);
        var id = await app.WithDbAsync(async db =>
        {
            var canned = new CannedAnswer { Title = "راهنما", Text = "متن نخست" };
            db.CannedAnswers.Add(canned);
            await db.SaveChangesAsync();
            return canned.Id;
        });
        var admin = await app.SignInAsync("admin.test");
        var colleague = await app.SignInAsync("admin.two");
        var url = $"/staff/admin/canned/{id}";
        var mine = await admin.GetPageAsync(url);
        var staleList = await admin.GetPageAsync("/staff/admin/canned");

        await (await colleague.PostPageFormAsync(url, "[data-testid=canned-form]", new Dictionary<string, string?> { ["Text"] = "متن همکار" }))
            .AssertRedirectAsync();
        var conflict = await (await admin.PostFormAsync(mine.Form("[data-testid=canned-form]"), new Dictionary<string, string?> { ["Text"] = "متن من" }))
            .AssertPageAsync(HttpStatusCode.Conflict);

        Assert.Equal(EditConflict.Message, conflict.TextOf("[data-testid=conflict]"));
        Assert.Equal("متن من", conflict.QuerySelector<IHtmlTextAreaElement>("#Text")!.Value);
        var stored = await app.WithDbAsync(db => db.CannedAnswers.AsNoTracking().SingleAsync(c => c.Id == id));
        Assert.Equal(("متن همکار", 2), (stored.Text, stored.Version));
        Assert.Single(await app.AuditAsync(AuditActions.CannedUpdate));

        // The list drawn before the colleague's save is stale too.
        var toggle = await (await admin.PostFormAsync(staleList.Form($"[data-testid=canned-row][data-id='{id}'] [data-testid=toggle-form]")))
            .AssertPageAsync(HttpStatusCode.Conflict);
        Assert.Equal(EditConflict.Message, toggle.TextOf("[data-testid=conflict]"));
        Assert.True(await app.WithDbAsync(db => db.CannedAnswers.Where(c => c.Id == id).Select(c => c.IsActive).SingleAsync()));

        // Sent again from the returned page, it applies.
        await (await admin.PostFormAsync(conflict.Form("[data-testid=canned-form]"))).AssertRedirectAsync();
        stored = await app.WithDbAsync(db => db.CannedAnswers.AsNoTracking().SingleAsync(c => c.Id == id));
        Assert.Equal(("متن من", 3), (stored.Text, stored.Version));
    }

    [Fact]
    public async Task MessageTemplateEdit_StaleForm_Gets409WithTextKeptAndTheFirstSaveStays()
    {
        await using var app = await HajDeskFactory.CreateAsync();
        var world = await StaffWorld.CreateAsync(app);
        await world.Data.CreateStaffAsync("admin.two", StaffRole.Administrator);
        var admin = await app.SignInAsync("admin.test");
        var colleague = await app.SignInAsync("admin.two");
        var url = "/staff/admin/notifications/templates/" + MessageTemplates.RequestReceived;
        var mine = await admin.GetPageAsync(url);

        await (await colleague.PostPageFormAsync(url, "[data-testid=template-form]", new Dictionary<string, string?> { ["EmailSubject"] = "موضوع همکار" }))
            .AssertRedirectAsync();
        var conflict = await (await admin.PostFormAsync(mine.Form("[data-testid=template-form]"), new Dictionary<string, string?> { ["EmailSubject"] = "موضوع من" }))
            .AssertPageAsync(HttpStatusCode.Conflict);

        Assert.Equal(EditConflict.Message, conflict.TextOf("[data-testid=conflict]"));
        Assert.Equal("موضوع من", conflict.QuerySelector<IHtmlInputElement>("#EmailSubject")!.Value);
        Assert.Equal("موضوع همکار", await app.WithDbAsync(db =>
            db.MessageTemplates.Where(t => t.Key == MessageTemplates.RequestReceived).Select(t => t.EmailSubject).SingleAsync()));
        Assert.Single(await app.AuditAsync(AuditActions.TemplateUpdate));

        await (await admin.PostFormAsync(conflict.Form("[data-testid=template-form]"))).AssertRedirectAsync();
        Assert.Equal("موضوع من", await app.WithDbAsync(db =>
            db.MessageTemplates.Where(t => t.Key == MessageTemplates.RequestReceived).Select(t => t.EmailSubject).SingleAsync()));
    }
}

using System.Data.Common;
using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using HajDesk.Core.Reference;
using HajDesk.Core.Staff;
using HajDesk.Web.Infrastructure.Concurrency;
using HajDesk.Web.Staff;
using HajDesk.Web.Tests.Infrastructure;
using HajDesk.Web.Tests.PageTests.Requests;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace HajDesk.Web.Tests.PageTests.Staff.Admin;

public class AdminSubjectTests
{
    private static Task<Subject> SubjectAsync(HajDeskFactory app, string name, string? parent = null) =>
        app.WithDbAsync(db => db.Subjects.AsNoTracking()
            .SingleAsync(s => s.Name == name && (parent == null ? s.ParentId == null : s.Parent!.Name == parent)));

    private static async Task<List<string>> CitizenOptionsAsync(HajDeskFactory app, string selectId)
    {
        var page = await SendPage.OpenAsync(app.CreateClient());
        return page.Document.QuerySelectorAll<IHtmlOptionElement>($"#{selectId} option").Select(o => o.TextContent.Trim()).ToList();
    }

    [Fact]
    public async Task AddedSubSubject_AppearsOnTheCitizenFormAtOnce_DeactivatedIsGone_ReactivatedIsBack()
    {
        await using var app = await HajDeskFactory.CreateAsync();
        var world = await StaffWorld.CreateAsync(app);
        var admin = await app.SignInAsync("admin.test");
        var umrah = await SubjectAsync(app, "عمره مفرده");
        Assert.DoesNotContain("پیگیری گذرنامه", await CitizenOptionsAsync(app, "Input_SubSubjectId"));

        var location = await (await admin.PostPageFormAsync($"/staff/admin/subjects/new?parentId={umrah.Id}", "[data-testid=subject-form]",
            new Dictionary<string, string?>
            {
                ["Name"] = "  پيگيري گذرنامه ",
                ["ResponseDays"] = "۱۰",
                ["AttachmentRequired"] = "true",
            })).AssertRedirectAsync();

        var created = await SubjectAsync(app, "پیگیری گذرنامه", "عمره مفرده");
        Assert.Equal($"/staff/admin/subjects#subject-{created.Id}", location);
        Assert.Equal((10, true, true, 4), (created.ResponseDays, created.AttachmentRequired, created.IsActive, created.DisplayOrder));
        Assert.Null(created.SeedKey);
        var citizen = await SendPage.OpenAsync(app.CreateClient());
        var option = citizen.Document.QuerySelectorAll<IHtmlOptionElement>("#Input_SubSubjectId option").Single(o => o.TextContent.Trim() == "پیگیری گذرنامه");
        Assert.Equal(AdminPages.Id(umrah.Id), option.GetAttribute("data-parent"));
        Assert.Equal("true", option.GetAttribute("data-attachment-required"));
        var list = await admin.GetPageAsync(location);
        Assert.Equal("موضوع افزوده شد.", list.TextOf("[data-testid=done]"));

        await (await admin.PostPageFormAsync($"/staff/admin/subjects/{created.Id}", "[data-testid=deactivate-form]")).AssertRedirectAsync();
        Assert.DoesNotContain("پیگیری گذرنامه", await CitizenOptionsAsync(app, "Input_SubSubjectId"));
        list = await admin.GetPageAsync("/staff/admin/subjects");
        var row = list.QuerySelector($"[data-testid=subject-row][data-id='{created.Id}']")!;
        Assert.Equal("false", row.GetAttribute("data-active"));
        Assert.Equal("غیرفعال", row.QuerySelector("[data-testid=inactive]")!.TextContent);

        await (await admin.PostPageFormAsync($"/staff/admin/subjects/{created.Id}", "[data-testid=activate-form]")).AssertRedirectAsync();
        Assert.Contains("پیگیری گذرنامه", await CitizenOptionsAsync(app, "Input_SubSubjectId"));

        // A main subject too.
        await (await admin.PostPageFormAsync("/staff/admin/subjects/new", "[data-testid=subject-form]", new Dictionary<string, string?>
        {
            ["Name"] = "زیارت مشهد",
            ["ResponseDays"] = "5",
        })).AssertRedirectAsync();
        var mains = await CitizenOptionsAsync(app, "Input_SubjectId");
        Assert.Equal("زیارت مشهد", mains[^1]);
        var main = await SubjectAsync(app, "زیارت مشهد");
        Assert.Equal((5, false, 9), (main.ResponseDays, main.AttachmentRequired, main.DisplayOrder));

        var audit = await app.AdminAuditAsync();
        Assert.Equal(
            [AuditActions.SubjectCreate, AuditActions.SubjectDeactivate, AuditActions.SubjectActivate, AuditActions.SubjectCreate],
            audit.Select(a => a.Action));
        Assert.All(audit, a => Assert.Equal((world.Admin.Id, "admin.test"), (a.UserId, a.UserName)));
        Assert.Equal("زیرموضوع «پیگیری گذرنامه» از «عمره مفرده»؛ مهلت ۱۰ روز کاری؛ پیوست الزامی", audit[0].Details);
    }

    [Fact]
    public async Task Create_RefusesMissingLongAndDuplicateNamesAndBadResponseTimes_InPersian()
    {
        await using var app = await HajDeskFactory.CreateAsync();
        await StaffWorld.CreateAsync(app);
        var admin = await app.SignInAsync("admin.test");
        var umrah = await SubjectAsync(app, "عمره مفرده");
        var hajj = await SubjectAsync(app, "حج تمتع");
        var count = await app.WithDbAsync(db => db.Subjects.CountAsync());

        async Task<(string? Name, string? Days, string? Typed)> TryAsync(int? parentId, string name, string days)
        {
            var response = await admin.PostPageFormAsync("/staff/admin/subjects/new" + (parentId is null ? null : $"?parentId={parentId}"),
                "[data-testid=subject-form]", new Dictionary<string, string?> { ["Name"] = name, ["ResponseDays"] = days });
            var page = await response.AssertPageAsync(HttpStatusCode.BadRequest);
            return (page.QuerySelector("#Name-error")?.TextContent, page.QuerySelector("#ResponseDays-error")?.TextContent,
                page.QuerySelector<IHtmlInputElement>("#Name")!.Value);
        }

        Assert.Equal("نام موضوع را بنویسید.", (await TryAsync(null, "  ", "7")).Name);
        Assert.Equal("نام موضوع باید حداکثر ۱۲۰ نویسه باشد.", (await TryAsync(null, new string('ب', 121), "7")).Name);
        // Arabic yeh/kaf are normalized before the comparison.
        var duplicate = await TryAsync(null, "ساير", "7");
        Assert.Equal("موضوع اصلی دیگری با نام «سایر» هست؛ نام دیگری برگزینید.", duplicate.Name);
        Assert.Equal("ساير", duplicate.Typed);
        Assert.Equal("این موضوع اصلی زیرموضوع دیگری با نام «ثبت‌نام» دارد؛ نام دیگری برگزینید.", (await TryAsync(umrah.Id, "ثبت‌نام", "7")).Name);
        foreach (var days in new[] { "0", "61", "abc", "" })
        {
            Assert.Equal("مهلت پاسخ باید عددی از ۱ تا ۶۰ روز کاری باشد.", (await TryAsync(null, "تازه", days)).Days);
        }

        Assert.Equal(count, await app.WithDbAsync(db => db.Subjects.CountAsync()));
        Assert.Empty(await app.AdminAuditAsync());

        // The same name under another main subject is fine, and 60 days in Persian digits too.
        await (await admin.PostPageFormAsync($"/staff/admin/subjects/new?parentId={hajj.Id}", "[data-testid=subject-form]",
            new Dictionary<string, string?> { ["Name"] = "ثبت‌نام", ["ResponseDays"] = "۶۰" })).AssertRedirectAsync();
        Assert.Equal(60, (await SubjectAsync(app, "ثبت‌نام", "حج تمتع")).ResponseDays);
        // A sub-subject cannot have sub-subjects.
        var sub = await SubjectAsync(app, "ثبت‌نام", "عمره مفرده");
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/staff/admin/subjects/new?parentId={sub.Id}")).StatusCode);
    }

    [Fact]
    public async Task Edit_RenamesAndSetsResponseTimeAndAttachment_AndRefusesASiblingsName()
    {
        await using var app = await HajDeskFactory.CreateAsync();
        var world = await StaffWorld.CreateAsync(app);
        var admin = await app.SignInAsync("admin.test");
        var other = await SubjectAsync(app, "سایر");

        var refused = await admin.PostPageFormAsync($"/staff/admin/subjects/{other.Id}", "[data-testid=subject-form]",
            new Dictionary<string, string?> { ["Name"] = "حج تمتع" });
        Assert.Equal("موضوع اصلی دیگری با نام «حج تمتع» هست؛ نام دیگری برگزینید.",
            (await refused.AssertPageAsync(HttpStatusCode.BadRequest)).TextOf("#Name-error"));

        await (await admin.PostPageFormAsync($"/staff/admin/subjects/{other.Id}", "[data-testid=subject-form]", new Dictionary<string, string?>
        {
            ["Name"] = "سایر موارد",
            ["ResponseDays"] = "۱۲",
            ["AttachmentRequired"] = "true",
        })).AssertRedirectAsync();

        var stored = await app.WithDbAsync(db => db.Subjects.AsNoTracking().SingleAsync(s => s.Id == other.Id));
        Assert.Equal(("سایر موارد", 12, true, "سایر"), (stored.Name, stored.ResponseDays, stored.AttachmentRequired, stored.SeedKey));
        Assert.Contains("سایر موارد", await CitizenOptionsAsync(app, "Input_SubjectId"));
        var entry = Assert.Single(await app.AuditAsync(AuditActions.SubjectUpdate));
        Assert.Equal("«سایر موارد»: نام: «سایر» ← «سایر موارد»؛ مهلت: ۷ ← ۱۲ روز کاری؛ پیوست: الزامی", entry.Details);
        Assert.Equal(world.Admin.Id, entry.UserId);

        // The attachment rule unticked.
        await (await admin.PostPageFormAsync($"/staff/admin/subjects/{other.Id}", "[data-testid=subject-form]",
            new Dictionary<string, string?> { ["AttachmentRequired"] = null })).AssertRedirectAsync();
        Assert.False(await app.WithDbAsync(db => db.Subjects.Where(s => s.Id == other.Id).Select(s => s.AttachmentRequired).SingleAsync()));
    }

    [Fact]
    public async Task Reorder_MovesMainSubjectsAndSubSubjectsAmongTheirSiblings_AndTheCitizenFormFollows()
    {
        await using var app = await HajDeskFactory.CreateAsync();
        await StaffWorld.CreateAsync(app);
        var admin = await app.SignInAsync("admin.test");
        var umrah = await SubjectAsync(app, "عمره مفرده");

        var list = await admin.GetPageAsync("/staff/admin/subjects");
        Assert.NotNull(list.QuerySelector("[data-testid=subject-group] [data-testid=move-up] button")!.GetAttribute("disabled"));
        var moveUp = list.Form($"[data-testid=subject-row][data-id='{umrah.Id}'] [data-testid=move-up]");
        await (await admin.PostFormAsync(moveUp)).AssertRedirectAsync();

        Assert.Equal(["عمره مفرده", "حج تمتع", "عتبات عالیات"], (await CitizenOptionsAsync(app, "Input_SubjectId")).Skip(1).Take(3));
        list = await admin.GetPageAsync("/staff/admin/subjects");
        Assert.Equal(AdminPages.Id(umrah.Id), list.QuerySelector("[data-testid=subject-group]")!.GetAttribute("data-id"));

        // The stale form (the row moved since) is refused.
        var stale = await admin.PostFormAsync(moveUp);
        var conflict = await stale.AssertPageAsync(HttpStatusCode.Conflict);
        Assert.Equal(EditConflict.Message, conflict.TextOf("[data-testid=conflict]"));

        // A sub-subject moves down within its main subject only.
        var registration = await SubjectAsync(app, "ثبت‌نام", "عمره مفرده");
        await (await admin.PostFormAsync(list.Form($"[data-testid=subject-row][data-id='{registration.Id}'] [data-testid=move-down]")))
            .AssertRedirectAsync();
        var umrahChildren = await app.WithDbAsync(db => db.Subjects.Where(s => s.ParentId == umrah.Id)
            .OrderBy(s => s.DisplayOrder).Select(s => s.Name).ToListAsync());
        Assert.Equal(["پرداخت، انصراف و استرداد وجه", "ثبت‌نام", "خدمات کاروان و اقامت"], umrahChildren);
        var citizen = await SendPage.OpenAsync(app.CreateClient());
        Assert.Equal(umrahChildren, citizen.Document.QuerySelectorAll($"#Input_SubSubjectId optgroup[data-parent='{umrah.Id}'] option").Select(o => o.TextContent.Trim()));

        // The last one cannot go further down: nothing changes.
        list = await admin.GetPageAsync("/staff/admin/subjects");
        var groups = list.QuerySelectorAll("[data-testid=subject-group]");
        var last = groups[groups.Length - 1].QuerySelector("[data-testid=subject-row]")!;
        Assert.NotNull(last.QuerySelector("[data-testid=move-down] button")!.GetAttribute("disabled"));

        var moves = await app.AuditAsync(AuditActions.SubjectMove);
        Assert.Equal(2, moves.Count);
        Assert.Equal("«عمره مفرده» یک جایگاه بالاتر رفت (جای «حج تمتع»)", moves[0].Details);
    }

    [Fact]
    public async Task Delete_OnlyWhenNothingUsesIt_OtherwiseExplainsAndOffersDeactivation()
    {
        await using var app = await HajDeskFactory.CreateAsync();
        var world = await StaffWorld.CreateAsync(app);
        var admin = await app.SignInAsync("admin.test");

        // Unused and created here: deleted.
        await (await admin.PostPageFormAsync("/staff/admin/subjects/new", "[data-testid=subject-form]",
            new Dictionary<string, string?> { ["Name"] = "موقت", ["ResponseDays"] = "7" })).AssertRedirectAsync();
        var temporary = await SubjectAsync(app, "موقت");
        // A request field nobody answered goes with its subject.
        await app.WithDbAsync(async db =>
        {
            db.SubjectFields.Add(new Core.Fields.SubjectField { SubjectId = temporary.Id, Label = "کد کاروان" });
            await db.SaveChangesAsync();
        });
        Assert.Equal("/staff/admin/subjects",
            await (await admin.PostPageFormAsync($"/staff/admin/subjects/{temporary.Id}", "[data-testid=delete-form]")).AssertRedirectAsync());
        Assert.Equal("موضوع حذف شد.", (await admin.GetPageAsync("/staff/admin/subjects")).TextOf("[data-testid=done]"));
        Assert.False(await app.WithDbAsync(db => db.Subjects.AnyAsync(s => s.Id == temporary.Id)));
        Assert.False(await app.WithDbAsync(db => db.SubjectFields.AnyAsync(f => f.SubjectId == temporary.Id)));
        Assert.Equal("موضوع اصلی «موقت»؛ مهلت ۷ روز کاری؛ پیوست اختیاری", Assert.Single(await app.AuditAsync(AuditActions.SubjectDelete)).Details);

        // Used by a request: refused, with the offer to deactivate.
        await (await admin.PostPageFormAsync("/staff/admin/subjects/new", "[data-testid=subject-form]",
            new Dictionary<string, string?> { ["Name"] = "به‌کاررفته", ["ResponseDays"] = "7" })).AssertRedirectAsync();
        var used = await SubjectAsync(app, "به‌کاررفته");
        await world.Data.CreateRequestAsync("Tehran", used.Id);
        var refused = await (await admin.PostPageFormAsync($"/staff/admin/subjects/{used.Id}", "[data-testid=delete-form]"))
            .AssertPageAsync(HttpStatusCode.Conflict);
        Assert.StartsWith("این موضوع در ۱ درخواست به کار رفته است", refused.TextOf("[data-testid=delete-refused] p"), StringComparison.Ordinal);
        Assert.Contains("غیرفعال کنید", refused.TextOf("[data-testid=delete-refused] p"), StringComparison.Ordinal);
        await (await admin.PostFormAsync(refused.Form("[data-testid=deactivate-offer]"))).AssertRedirectAsync();
        Assert.False(await app.WithDbAsync(db => db.Subjects.Where(s => s.Id == used.Id).Select(s => s.IsActive).SingleAsync()));

        // With sub-subjects; an expert limited to it.
        var hajj = await SubjectAsync(app, "حج تمتع");
        Assert.Contains("۵ زیرموضوع دارد", await RefusalAsync(admin, hajj.Id), StringComparison.Ordinal);
        await (await admin.PostPageFormAsync("/staff/admin/subjects/new", "[data-testid=subject-form]",
            new Dictionary<string, string?> { ["Name"] = "ویژه", ["ResponseDays"] = "7" })).AssertRedirectAsync();
        var special = await SubjectAsync(app, "ویژه");
        await world.Data.CreateStaffAsync("special.expert", StaffRole.Expert, "Tehran", [special.Id]);
        Assert.Contains("کار ۱ کارشناس به این موضوع محدود شده است", await RefusalAsync(admin, special.Id), StringComparison.Ordinal);

        Assert.True(await app.WithDbAsync(db => db.Subjects.AnyAsync(s => s.Id == used.Id || s.Id == hajj.Id || s.Id == special.Id)));
        Assert.Single(await app.AuditAsync(AuditActions.SubjectDelete));
    }

    private static async Task<string> RefusalAsync(HttpClient admin, int id) =>
        (await (await admin.PostPageFormAsync($"/staff/admin/subjects/{id}", "[data-testid=delete-form]")).AssertPageAsync(HttpStatusCode.Conflict))
        .TextOf("[data-testid=delete-refused] p");

    [Fact]
    public async Task StaleEditForm_Gets409_ShowsTheCurrentRowAndKeepsWhatWasTyped()
    {
        await using var app = await HajDeskFactory.CreateAsync();
        await StaffWorld.CreateAsync(app);
        await new StaffTestData(app).CreateStaffAsync("admin.two", StaffRole.Administrator);
        var admin = await app.SignInAsync("admin.test");
        var colleague = await app.SignInAsync("admin.two");
        var other = await SubjectAsync(app, "سایر");
        var stale = await admin.GetPageAsync($"/staff/admin/subjects/{other.Id}");

        await (await colleague.PostPageFormAsync($"/staff/admin/subjects/{other.Id}", "[data-testid=subject-form]",
            new Dictionary<string, string?> { ["Name"] = "نام همکار" })).AssertRedirectAsync();
        var conflict = await (await admin.PostFormAsync(stale.Form("[data-testid=subject-form]"), new Dictionary<string, string?>
        {
            ["Name"] = "نام من",
            ["ResponseDays"] = "20",
        })).AssertPageAsync(HttpStatusCode.Conflict);

        Assert.Equal(EditConflict.Message, conflict.TextOf("[data-testid=conflict]"));
        Assert.Contains("نام همکار", conflict.TextOf("h1"), StringComparison.Ordinal);
        Assert.Equal("نام من", conflict.QuerySelector<IHtmlInputElement>("#Name")!.Value);
        Assert.Equal("20", conflict.QuerySelector<IHtmlInputElement>("#ResponseDays")!.Value);
        Assert.Equal("نام همکار", await app.WithDbAsync(db => db.Subjects.Where(s => s.Id == other.Id).Select(s => s.Name).SingleAsync()));

        // A stale deactivation and delete are refused the same way.
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostFormAsync(stale.Form("[data-testid=deactivate-form]"))).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostFormAsync(stale.Form("[data-testid=delete-form]"))).StatusCode);

        // Sent again from the returned page, it applies.
        await (await admin.PostFormAsync(conflict.Form("[data-testid=subject-form]"))).AssertRedirectAsync();
        var stored = await app.WithDbAsync(db => db.Subjects.AsNoTracking().SingleAsync(s => s.Id == other.Id));
        Assert.Equal(("نام من", 20, true), (stored.Name, stored.ResponseDays, stored.IsActive));
        Assert.Equal(2, (await app.AuditAsync(AuditActions.SubjectUpdate)).Count);
    }

    [Fact]
    public async Task ChangeCommittedBetweenTheCheckAndTheSave_Gets409AndWritesNothing()
    {
        var race = new SubjectRace();
        await using var baseApp = await HajDeskFactory.CreateAsync();
        var app = baseApp.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.ConfigureDbContext<Core.Data.HajDeskDbContext>(o => o.AddInterceptors(race))));
        await StaffWorld.CreateAsync(baseApp);
        var other = await SubjectAsync(baseApp, "سایر");
        var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostSignInAsync("admin.test", StaffTestData.Password)).StatusCode);
        var page = await client.GetPageAsync($"/staff/admin/subjects/{other.Id}");

        race.Armed = true;
        var response = await client.PostFormAsync(page.Form("[data-testid=subject-form]"), new Dictionary<string, string?> { ["Name"] = "نام من" });

        Assert.True(race.Fired);
        var conflict = await response.AssertPageAsync(HttpStatusCode.Conflict);
        Assert.Equal("نام من", conflict.QuerySelector<IHtmlInputElement>("#Name")!.Value);
        Assert.Equal("هم‌زمان", await baseApp.WithDbAsync(db => db.Subjects.Where(s => s.Id == other.Id).Select(s => s.Name).SingleAsync()));
        Assert.Empty(await baseApp.AuditAsync(AuditActions.SubjectUpdate));
    }

    /// <summary>
    /// Just after the version check and before the save's transaction begins, another admin's rename of the same row
    /// commits (on the same connection, outside any transaction), moving the row's version as every save does.
    /// </summary>
    private sealed class SubjectRace : DbTransactionInterceptor
    {
        public bool Armed { get; set; }

        public bool Fired { get; private set; }

        public override async ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(
            DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result,
            CancellationToken cancellationToken = default)
        {
            if (Armed)
            {
                Armed = false;
                Fired = true;
                await using var rename = connection.CreateCommand();
                rename.CommandText = "UPDATE \"Subjects\" SET \"Name\" = 'هم‌زمان', \"Version\" = \"Version\" + 1 WHERE \"Name\" = 'سایر'";
                await rename.ExecuteNonQueryAsync(cancellationToken);
            }

            return result;
        }
    }
}

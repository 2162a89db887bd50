using System.Net;
using HajDesk.Core.Staff;
using HajDesk.Web.Staff;
using HajDesk.Web.Tests.Infrastructure;
using HajDesk.Web.Tests.PageTests.Requests;
using Microsoft.EntityFrameworkCore;

namespace HajDesk.Web.Tests.PageTests.Staff.Admin;

/// <summary>The administration's data-touching happy path, once on each provider.</summary>
public class AdminHappyPathTests
{
    [Fact]
    public Task HappyPath_OnSqlite() => RunAsync(DatabaseProvider.Sqlite);

    [Fact]
    public Task HappyPath_OnPostgres() => RunAsync(DatabaseProvider.Postgres);

    private static async Task RunAsync(DatabaseProvider provider)
    {
        await using var app = await HajDeskFactory.CreateAsync(provider);
        var world = await StaffWorld.CreateAsync(app);
        var admin = await app.SignInAsync("admin.test");
        var umrah = await app.WithDbAsync(db => db.Subjects.Where(s => s.Name == "عمره مفرده").Select(s => s.Id).SingleAsync());

        // Subjects: add a sub-subject, move it up, edit it, deactivate it, and a stale edit gets 409.
        await (await admin.PostPageFormAsync($"/staff/admin/subjects/new?parentId={umrah}", "[data-testid=subject-form]",
            new Dictionary<string, string?> { ["Name"] = "گذرنامه", ["ResponseDays"] = "۳" })).AssertRedirectAsync();
        var sub = await app.WithDbAsync(db => db.Subjects.AsNoTracking().SingleAsync(s => s.Name == "گذرنامه"));
        var list = await admin.GetPageAsync("/staff/admin/subjects");
        await (await admin.PostFormAsync(list.Form($"[data-testid=subject-row][data-id='{sub.Id}'] [data-testid=move-up]"))).AssertRedirectAsync();
        var stale = await admin.GetPageAsync($"/staff/admin/subjects/{sub.Id}");
        await (await admin.PostPageFormAsync($"/staff/admin/subjects/{sub.Id}", "[data-testid=subject-form]",
            new Dictionary<string, string?> { ["Name"] = "گذرنامه و روادید", ["AttachmentRequired"] = "true" })).AssertRedirectAsync();
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostFormAsync(stale.Form("[data-testid=subject-form]"))).StatusCode);
        var citizen = await SendPage.OpenAsync(app.CreateClient());
        Assert.Equal(["ثبت‌نام", "پرداخت، انصراف و استرداد وجه", "گذرنامه و روادید", "خدمات کاروان و اقامت"],
            citizen.Document.QuerySelectorAll($"#Input_SubSubjectId optgroup[data-parent='{umrah}'] option").Select(o => o.TextContent.Trim()));
        await (await admin.PostPageFormAsync($"/staff/admin/subjects/{sub.Id}", "[data-testid=deactivate-form]")).AssertRedirectAsync();
        citizen = await SendPage.OpenAsync(app.CreateClient());
        Assert.DoesNotContain(citizen.Document.QuerySelectorAll("#Input_SubSubjectId option"), o => o.TextContent.Trim() == "گذرنامه و روادید");
        await world.Data.CreateRequestAsync("Tehran", world.SubjectY, configure: r => r.SubSubjectId = sub.Id);
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostPageFormAsync($"/staff/admin/subjects/{sub.Id}", "[data-testid=delete-form]")).StatusCode);

        // Provinces.
        var qomId = await AdminProvinceTests.QomIdAsync(app);
        await (await admin.PostPageFormAsync("/staff/admin/provinces", "[data-testid=province-form][data-code=Qom]", new Dictionary<string, string?>
        {
            [AdminProvinceTests.Field(qomId, "Name")] = "قم مقدس",
            [AdminProvinceTests.Field(qomId, "AreaCode")] = "۰۲۵",
        })).AssertRedirectAsync();

        // Staff: create, edit, reset password, disable.
        var tehran = AdminPages.Id(await world.Data.ProvinceIdAsync("Tehran"));
        var page = await admin.GetPageAsync("/staff/admin/accounts/new");
        var values = Html.FormValues(page.Form("[data-testid=account-form]"), new Dictionary<string, string?>
        {
            ["UserName"] = "new.expert",
            ["DisplayName"] = "کارشناس تازه",
            ["Role"] = "Expert",
            ["ProvinceId"] = tehran,
            ["Password"] = StaffTestData.Password,
            ["ConfirmPassword"] = StaffTestData.Password,
        });
        values.Add(new("SubjectIds", AdminPages.Id(world.SubjectX)));
        await (await admin.PostAsync("/staff/admin/accounts/new", new FormUrlEncodedContent(values))).AssertRedirectAsync();
        var created = await app.WithDbAsync(db => db.Users.AsNoTracking().Include(u => u.Subjects).SingleAsync(u => u.UserName == "new.expert"));
        Assert.Equal([world.SubjectX], created.Subjects.Select(s => s.SubjectId));
        var expert = await app.SignInAsync("new.expert");
        var edit = await admin.GetPageAsync($"/staff/admin/accounts/{created.Id}");
        await (await admin.PostFormAsync(edit.Form("[data-testid=account-form]"), new Dictionary<string, string?> { ["Role"] = "Supervisor", ["SubjectIds"] = null }))
            .AssertRedirectAsync();
        await (await admin.PostPageFormAsync($"/staff/admin/accounts/{created.Id}", "[data-testid=password-form]",
            new Dictionary<string, string?> { ["NewPassword"] = "Other-Passw0rd-9", ["ConfirmNewPassword"] = "Other-Passw0rd-9" })).AssertRedirectAsync();
        Assert.Equal(HttpStatusCode.Redirect, (await expert.GetAsync("/staff/inbox")).StatusCode);
        expert = await app.SignInAsync("new.expert", "Other-Passw0rd-9");
        await (await admin.PostPageFormAsync($"/staff/admin/accounts/{created.Id}", "[data-testid=disable-form]")).AssertRedirectAsync();
        Assert.Equal(HttpStatusCode.Redirect, (await expert.GetAsync("/staff/inbox")).StatusCode);
        var stored = await app.WithDbAsync(db => db.Users.AsNoTracking().Include(u => u.Subjects).SingleAsync(u => u.Id == created.Id));
        Assert.Equal((StaffRole.Supervisor, true), (stored.Role, stored.IsDisabled));
        Assert.Empty(stored.Subjects);

        // Canned answers.
        await (await admin.PostPageFormAsync("/staff/admin/canned/new", "[data-testid=canned-form]",
            new Dictionary<string, string?> { ["Title"] = "پاسخ نمونه", ["Text"] = "متن نمونه" })).AssertRedirectAsync();
        var request = await world.Data.CreateRequestAsync("Tehran");
        var requestPage = await (await app.SignInAsync("tehran.expert")).GetPageAsync($"/staff/requests/{request.Id}");
        Assert.Contains(requestPage.QuerySelectorAll("#CannedId option"), o => o.TextContent.Trim() == "پاسخ نمونه");

        // Every change is in the audit log, by the administrator, and the audit page shows them newest first.
        var actions = (await app.AdminAuditAsync()).Select(a => a.Action).ToList();
        Assert.Equal(
            [AuditActions.SubjectCreate, AuditActions.SubjectMove, AuditActions.SubjectUpdate, AuditActions.SubjectDeactivate,
                AuditActions.ProvinceUpdate, AuditActions.StaffCreate, AuditActions.StaffUpdate, AuditActions.StaffPasswordReset,
                AuditActions.StaffDisable, AuditActions.CannedCreate],
            actions);
        var audit = await admin.GetPageAsync("/staff/admin/audit?UserName=admin.test");
        var shown = audit.QuerySelectorAll("[data-testid=audit-row]").Select(r => r.GetAttribute("data-action")).Where(a => a != AuditActions.SignIn && a != AuditActions.RequestView).ToList();
        Assert.Equal(Enumerable.Reverse(actions), shown);
    }
}

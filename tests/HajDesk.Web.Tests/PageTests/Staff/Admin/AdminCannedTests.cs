using System.Net;
using HajDesk.Web.Staff;
using HajDesk.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace HajDesk.Web.Tests.PageTests.Staff.Admin;

public class AdminCannedTests
{
    [Fact]
    public async Task AddEditDeactivateActivate_TheRequestPageOffersOnlyActiveOnes()
    {
        await using var app = await HajDeskFactory.CreateAsync();
        var world = await StaffWorld.CreateAsync(app);
        var request = await world.Data.CreateRequestAsync("Tehran");
        var admin = await app.SignInAsync("admin.test");
        var expert = await app.SignInAsync("tehran.expert");

        Assert.NotNull((await admin.GetPageAsync("/staff/admin/canned")).QuerySelector("[data-testid=canned-empty]"));
        await (await admin.PostPageFormAsync("/staff/admin/canned/new", "[data-testid=canned-form]", new Dictionary<string, string?>
        {
            ["Title"] = "راهنمای ثبت‌نام",
            ["Text"] = "برای ثبت‌نام به دفتر زیارتی مراجعه کنيد.\r\nبا سپاس",
        })).AssertRedirectAsync();
        var id = await app.WithDbAsync(db => db.CannedAnswers.Where(c => c.Title == "راهنمای ثبت‌نام").Select(c => c.Id).SingleAsync());
        Assert.Equal("برای ثبت‌نام به دفتر زیارتی مراجعه کنید.\nبا سپاس",
            await app.WithDbAsync(db => db.CannedAnswers.Where(c => c.Id == id).Select(c => c.Text).SingleAsync()));
        Assert.Equal(["راهنمای ثبت‌نام"], await OfferedAsync(expert, request.Id));

        await (await admin.PostPageFormAsync($"/staff/admin/canned/{id}", "[data-testid=canned-form]", new Dictionary<string, string?>
        {
            ["Title"] = "راهنمای ثبت‌نام عمره",
        })).AssertRedirectAsync();
        Assert.Equal(["راهنمای ثبت‌نام عمره"], await OfferedAsync(expert, request.Id));

        var list = await admin.GetPageAsync("/staff/admin/canned");
        await (await admin.PostFormAsync(list.Form($"[data-testid=canned-row][data-id='{id}'] [data-testid=toggle-form]"))).AssertRedirectAsync();
        Assert.Empty(await OfferedAsync(expert, request.Id));
        list = await admin.GetPageAsync("/staff/admin/canned");
        Assert.Equal("false", list.QuerySelector($"[data-testid=canned-row][data-id='{id}']")!.GetAttribute("data-active"));

        await (await admin.PostFormAsync(list.Form($"[data-testid=canned-row][data-id='{id}'] [data-testid=toggle-form]"))).AssertRedirectAsync();
        Assert.Equal(["راهنمای ثبت‌نام عمره"], await OfferedAsync(expert, request.Id));

        var audit = await app.AdminAuditAsync();
        Assert.Equal(
            [AuditActions.CannedCreate, AuditActions.CannedUpdate, AuditActions.CannedDeactivate, AuditActions.CannedActivate],
            audit.Select(a => a.Action));
        Assert.Equal("«راهنمای ثبت‌نام» ← «راهنمای ثبت‌نام عمره»", audit[1].Details);
        Assert.All(audit, a => Assert.Equal(world.Admin.Id, a.UserId));
    }

    [Fact]
    public async Task MissingOrDuplicateTitleAndMissingText_AreRefusedInPersian()
    {
        await using var app = await HajDeskFactory.CreateAsync();
        await StaffWorld.CreateAsync(app);
        var admin = await app.SignInAsync("admin.test");
        await (await admin.PostPageFormAsync("/staff/admin/canned/new", "[data-testid=canned-form]",
            new Dictionary<string, string?> { ["Title"] = "عنوان", ["Text"] = "متن" })).AssertRedirectAsync();

        var page = await (await admin.PostPageFormAsync("/staff/admin/canned/new", "[data-testid=canned-form]",
            new Dictionary<string, string?> { ["Title"] = "عنوان", ["Text"] = " " })).AssertPageAsync(HttpStatusCode.BadRequest);
        var errors = page.TextOf("[data-testid=errors]");
        Assert.Contains("پاسخ آماده دیگری با عنوان «عنوان» هست.", errors, StringComparison.Ordinal);
        Assert.Contains("متن پاسخ آماده را بنویسید.", errors, StringComparison.Ordinal);
        page = await (await admin.PostPageFormAsync("/staff/admin/canned/new", "[data-testid=canned-form]",
            new Dictionary<string, string?> { ["Title"] = "", ["Text"] = new string('م', 4001) })).AssertPageAsync(HttpStatusCode.BadRequest);
        Assert.Contains("عنوان پاسخ آماده را بنویسید.", page.TextOf("[data-testid=errors]"), StringComparison.Ordinal);
        Assert.Contains("متن باید حداکثر ۴۰۰۰ نویسه باشد.", page.TextOf("[data-testid=errors]"), StringComparison.Ordinal);
        Assert.Equal(1, await app.WithDbAsync(db => db.CannedAnswers.CountAsync()));
    }

    private static async Task<List<string>> OfferedAsync(HttpClient expert, long requestId) =>
        (await expert.GetPageAsync($"/staff/requests/{requestId}")).QuerySelectorAll("#CannedId option")
            .Where(o => o.GetAttribute("value") is { Length: > 0 }).Select(o => o.TextContent.Trim()).ToList();
}

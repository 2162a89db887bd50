using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using HajDesk.Web.Infrastructure.Concurrency;
using HajDesk.Web.Staff;
using HajDesk.Web.Tests.Infrastructure;
using HajDesk.Web.Tests.PageTests.Requests;
using Microsoft.EntityFrameworkCore;

namespace HajDesk.Web.Tests.PageTests.Staff.Admin;

public class AdminProvinceTests
{
    [Fact]
    public async Task EditNameAndAreaCode_PersianDigitsAccepted_CitizenFormFollows_Audited()
    {
        await using var app = await HajDeskFactory.CreateAsync();
        var world = await StaffWorld.CreateAsync(app);
        var admin = await app.SignInAsync("admin.test");
        var count = await app.WithDbAsync(db => db.Provinces.CountAsync());
        var qomId = await QomIdAsync(app);

        var page = await admin.GetPageAsync("/staff/admin/provinces");
        Assert.Equal(count, page.QuerySelectorAll("[data-testid=province-form]").Length);
        Assert.Empty(page.QuerySelectorAll("[data-testid=province-list] form[action*=handler]"));
        var location = await (await admin.PostFormAsync(page.Form("[data-testid=province-form][data-code=Qom]"), new Dictionary<string, string?>
        {
            [Field(qomId, "Name")] = "قم مقدس",
            [Field(qomId, "AreaCode")] = "۰۲۵ ",
        })).AssertRedirectAsync();

        var qom = await app.WithDbAsync(db => db.Provinces.AsNoTracking().SingleAsync(p => p.Code == "Qom"));
        Assert.Equal(("قم مقدس", "025"), (qom.Name, qom.AreaCode));
        Assert.Equal($"/staff/admin/provinces#province-{qom.Id}", location);
        Assert.Equal("استان ذخیره شد.", (await admin.GetPageAsync(location)).TextOf("[data-testid=done]"));
        var citizen = await SendPage.OpenAsync(app.CreateClient());
        var option = citizen.Document.QuerySelectorAll<IHtmlOptionElement>("#Input_ProvinceId option").Single(o => o.Value == AdminPages.Id(qom.Id));
        Assert.Equal("قم مقدس", option.TextContent.Trim());
        var entry = Assert.Single(await app.AuditAsync(AuditActions.ProvinceUpdate));
        Assert.Equal("استان Qom: نام: «قم» ← «قم مقدس»", entry.Details);
        Assert.Equal(world.Admin.Id, entry.UserId);

        await (await admin.PostPageFormAsync("/staff/admin/provinces", "[data-testid=province-form][data-code=Qom]",
            new Dictionary<string, string?> { [Field(qomId, "AreaCode")] = "026" })).AssertRedirectAsync();
        Assert.Equal("استان Qom: پیش‌شماره: 025 ← 026", (await app.AuditAsync(AuditActions.ProvinceUpdate))[1].Details);
    }

    [Theory]
    [InlineData("21", "AreaCode", "پیش‌شماره باید سه رقم باشد و با ۰ آغاز شود، مانند ۰۲۱.")]
    [InlineData("121", "AreaCode", "پیش‌شماره باید سه رقم باشد و با ۰ آغاز شود، مانند ۰۲۱.")]
    [InlineData("0a1", "AreaCode", "پیش‌شماره باید سه رقم باشد و با ۰ آغاز شود، مانند ۰۲۱.")]
    [InlineData("0211", "AreaCode", "پیش‌شماره باید سه رقم باشد و با ۰ آغاز شود، مانند ۰۲۱.")]
    [InlineData("", "Name", "نام استان را بنویسید.")]
    [InlineData("تهران", "Name", "استان دیگری با نام «تهران» هست.")]
    public async Task InvalidValues_AreRefusedInPersian_TypedValuesKept(string value, string field, string message)
    {
        await using var app = await HajDeskFactory.CreateAsync();
        await StaffWorld.CreateAsync(app);
        var admin = await app.SignInAsync("admin.test");
        var before = await app.WithDbAsync(db => db.Provinces.AsNoTracking().SingleAsync(p => p.Code == "Qom"));

        var page = await (await admin.PostPageFormAsync("/staff/admin/provinces", "[data-testid=province-form][data-code=Qom]",
            new Dictionary<string, string?> { [Field(before.Id, field)] = value })).AssertPageAsync(HttpStatusCode.BadRequest);

        var form = page.QuerySelector("[data-testid=province-form][data-code=Qom]")!;
        Assert.Equal(message, form.QuerySelector($"#Rows_{before.Id}__{field}-error")!.TextContent);
        Assert.Equal(value, form.QuerySelector<IHtmlInputElement>($"input[name='{Field(before.Id, field)}']")!.Value);
        Assert.Single(page.QuerySelectorAll(".is-invalid"));
        var after = await app.WithDbAsync(db => db.Provinces.AsNoTracking().SingleAsync(p => p.Code == "Qom"));
        Assert.Equal((before.Name, before.AreaCode), (after.Name, after.AreaCode));
        Assert.Empty(await app.AuditAsync(AuditActions.ProvinceUpdate));
    }

    [Fact]
    public async Task StaleForm_Gets409_WithTheCurrentValuesShownAndTheTypedOnesKept()
    {
        await using var app = await HajDeskFactory.CreateAsync();
        await StaffWorld.CreateAsync(app);
        var admin = await app.SignInAsync("admin.test");
        var qomId = await QomIdAsync(app);
        var stale = await admin.GetPageAsync("/staff/admin/provinces");
        await (await admin.PostPageFormAsync("/staff/admin/provinces", "[data-testid=province-form][data-code=Qom]",
            new Dictionary<string, string?> { [Field(qomId, "Name")] = "قم (همکار)" })).AssertRedirectAsync();

        var page = await (await admin.PostFormAsync(stale.Form("[data-testid=province-form][data-code=Qom]"),
            new Dictionary<string, string?> { [Field(qomId, "Name")] = "قم (من)" })).AssertPageAsync(HttpStatusCode.Conflict);

        Assert.Equal(EditConflict.Message, page.TextOf("[data-testid=conflict]"));
        var form = page.QuerySelector("[data-testid=province-form][data-code=Qom]")!;
        Assert.Equal("قم (من)", form.QuerySelector<IHtmlInputElement>($"input[name='{Field(qomId, "Name")}']")!.Value);
        var current = await app.WithDbAsync(db => db.Provinces.AsNoTracking().SingleAsync(p => p.Code == "Qom"));
        Assert.Equal("قم (همکار)", current.Name);
        Assert.Equal(AdminPages.Id(current.Version), form.QuerySelector<IHtmlInputElement>($"input[name='{Field(qomId, "Version")}']")!.Value);

        // Sent again from the returned page, it applies.
        await (await admin.PostFormAsync(page.Form("[data-testid=province-form][data-code=Qom]"))).AssertRedirectAsync();
        Assert.Equal("قم (من)", await app.WithDbAsync(db => db.Provinces.Where(p => p.Code == "Qom").Select(p => p.Name).SingleAsync()));
    }

    /// <summary>The form field of one province's form: each form posts one entry of the page's <c>Rows</c>.</summary>
    internal static string Field(int provinceId, string name) => $"Rows[{AdminPages.Id(provinceId)}].{name}";

    internal static Task<int> QomIdAsync(HajDeskFactory app) =>
        app.WithDbAsync(db => db.Provinces.Where(p => p.Code == "Qom").Select(p => p.Id).SingleAsync());
}

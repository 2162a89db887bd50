using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using HajDesk.Core.Information;
using HajDesk.Core.Staff;
using HajDesk.Web.Infrastructure.Concurrency;
using HajDesk.Web.Staff;
using HajDesk.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace HajDesk.Web.Tests.PageTests.Staff.Admin;

/// <summary>
/// <c>/staff/admin/information/{key}</c>: the accessibility statement and the privacy notice edited by an
/// administrator — saved and audited, refused in Persian (empty, too long, a flood, an unknown placeholder), a stale
/// form answered 409 with the text kept, the default put back, and whatever is typed shown as text on the public
/// page. (Administrators only: see <see cref="AdminAccessTests"/>.)
/// </summary>
public class AdminInformationTests
{
    private const string Url = "/staff/admin/information/privacy";

    public static TheoryData<DatabaseProvider> Providers => [DatabaseProvider.Sqlite, DatabaseProvider.Postgres];

    [Fact]
    public async Task Post_Text_IsSavedAndAudited_AndScriptIsShownAsText()
    {
        await using var app = await HajDeskFactory.CreateAsync();
        await StaffWorld.CreateAsync(app);
        var admin = await app.SignInAsync("admin.test");
        var form = await admin.GetPageAsync(Url);
        Assert.Equal(InformationTexts.Default(InformationTexts.Privacy), form.QuerySelector<IHtmlTextAreaElement>("#Text")!.Value.ReplaceLineEndings("\n"));
        Assert.Contains("متن پیش‌فرض", form.TextOf("[data-testid=state]"), StringComparison.Ordinal);

        const string typed = "بند نخست با ي و ك عربی.\r\n\r\n<script>alert('x')</script><img src=x onerror=alert(1)>\r\n- تلفن {HelpPhone}\r\n- &lt;b&gt;";
        var location = await (await admin.PostFormAsync(form.Form("[data-testid=information-form]"), new Dictionary<string, string?> { ["Text"] = typed }))
            .AssertRedirectAsync();

        var stored = await app.WithDbAsync(db => db.InformationPages.AsNoTracking().SingleAsync(p => p.Key == InformationTexts.Privacy));
        Assert.Equal("بند نخست با ی و ک عربی.\n\n<script>alert('x')</script><img src=x onerror=alert(1)>\n- تلفن {HelpPhone}\n- &lt;b&gt;", stored.Text);
        Assert.Equal(2, stored.Version);
        var audit = Assert.Single(await app.AuditAsync(AuditActions.InformationUpdate));
        Assert.Equal(("admin.test", $"«حریم خصوصی»: متن تازه ({Persian(stored.Text!.Length)} نویسه)"), (audit.UserName, audit.Details));
        Assert.Equal("متن ذخیره شد.", (await admin.GetPageAsync(location)).TextOf("[data-testid=done]"));

        var response = await app.NewClient().GetAsync("/privacy");
        var html = await response.Content.ReadAsStringAsync();
        var page = await Html.ParseAsync(response);
        var text = page.QuerySelector("[data-testid=information-text]")!;
        Assert.Empty(text.QuerySelectorAll("script, img, b"));
        Assert.Contains("<script>alert('x')</script><img src=x onerror=alert(1)>", text.TextContent, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", html, StringComparison.Ordinal);
        Assert.Equal(["تلفن ۱۱۱", "&lt;b&gt;"], text.QuerySelectorAll("li").Select(li => li.TextContent).ToArray());
    }

    public static TheoryData<string, string> Refused => new()
    {
        { "   \r\n  ", "متن صفحه را بنویسید." },
        { new string('ب', InformationPage.MaxTextLength + 1), "متن صفحه حداکثر ۲۰۰۰۰ نویسه است؛ اکنون ۲۰۰۰۱ نویسه است." },
        { "دوره: {RetentionPeriod} و {Password} و {NationalCode}", "{Password}، {NationalCode} شناخته نیست؛" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task Post_BadText_IsRefusedInPersian_TypedTextKept_NothingSaved(string typed, string message)
    {
        await using var app = await HajDeskFactory.CreateAsync();
        await StaffWorld.CreateAsync(app);
        var admin = await app.SignInAsync("admin.test");

        var page = await (await admin.PostPageFormAsync(Url, "[data-testid=information-form]", new Dictionary<string, string?> { ["Text"] = typed }))
            .AssertPageAsync(HttpStatusCode.BadRequest);

        Assert.Contains(message, page.TextOf("[data-testid=errors]"), StringComparison.Ordinal);
        Assert.Equal("true", page.QuerySelector("#Text")!.GetAttribute("aria-invalid"));
        Assert.Equal(typed.ReplaceLineEndings("\n"), page.QuerySelector<IHtmlTextAreaElement>("#Text")!.Value.ReplaceLineEndings("\n"));
        await AssertUnchangedAsync(app);
    }

    [Fact]
    public async Task Post_AFloodOfText_IsRefused_NothingSaved()
    {
        await using var app = await HajDeskFactory.CreateAsync();
        await StaffWorld.CreateAsync(app);
        var admin = await app.SignInAsync("admin.test");
        var flood = string.Concat(Enumerable.Repeat("<script>alert(1)</script>\n", 120_000));

        var response = await admin.PostPageFormAsync(Url, "[data-testid=information-form]", new Dictionary<string, string?> { ["Text"] = flood });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await AssertUnchangedAsync(app);
    }

    [Fact]
    public async Task Post_WithoutAntiforgeryToken_IsRefused_NothingSaved()
    {
        await using var app = await HajDeskFactory.CreateAsync();
        await StaffWorld.CreateAsync(app);
        var admin = await app.SignInAsync("admin.test");

        var response = await admin.PostAsync(Url, new FormUrlEncodedContent(new Dictionary<string, string> { ["Text"] = "متن", ["Version"] = "1" }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await AssertUnchangedAsync(app);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Post_StaleForm_Gets409WithTextKept_AndTheFirstSaveStays(DatabaseProvider provider)
    {
        await using var app = await HajDeskFactory.CreateAsync(provider);
        var world = await StaffWorld.CreateAsync(app);
        await world.Data.CreateStaffAsync("admin.two", StaffRole.Administrator);
        var admin = await app.SignInAsync("admin.test");
        var colleague = await app.SignInAsync("admin.two");
        var mine = await admin.GetPageAsync(Url);

        await (await colleague.PostPageFormAsync(Url, "[data-testid=information-form]", new Dictionary<string, string?> { ["Text"] = "متن همکار" }))
            .AssertRedirectAsync();
        var conflict = await (await admin.PostFormAsync(mine.Form("[data-testid=information-form]"), new Dictionary<string, string?> { ["Text"] = "متن من" }))
            .AssertPageAsync(HttpStatusCode.Conflict);

        Assert.Equal(EditConflict.Message, conflict.TextOf("[data-testid=conflict]"));
        Assert.Equal("متن من", conflict.QuerySelector<IHtmlTextAreaElement>("#Text")!.Value);
        var stored = await app.WithDbAsync(db => db.InformationPages.AsNoTracking().SingleAsync(p => p.Key == InformationTexts.Privacy));
        Assert.Equal(("متن همکار", 2), (stored.Text, stored.Version));
        Assert.Equal(["admin.two"], (await app.AuditAsync(AuditActions.InformationUpdate)).Select(a => a.UserName));

        // Sent again from the returned page, it applies.
        await (await admin.PostFormAsync(conflict.Form("[data-testid=information-form]"))).AssertRedirectAsync();
        stored = await app.WithDbAsync(db => db.InformationPages.AsNoTracking().SingleAsync(p => p.Key == InformationTexts.Privacy));
        Assert.Equal(("متن من", 3), (stored.Text, stored.Version));

        // Putting the default back from a stale page is refused the same way.
        var staleReset = await admin.GetPageAsync(Url);
        await (await colleague.PostPageFormAsync(Url, "[data-testid=information-form]", new Dictionary<string, string?> { ["Text"] = "متن دوم همکار" }))
            .AssertRedirectAsync();
        var refused = await (await admin.PostFormAsync(staleReset.Form("[data-testid=reset-form]"))).AssertPageAsync(HttpStatusCode.Conflict);
        Assert.Equal(EditConflict.Message, refused.TextOf("[data-testid=conflict]"));
        Assert.Equal("متن دوم همکار", await app.WithDbAsync(db => db.InformationPages.Where(p => p.Key == InformationTexts.Privacy).Select(p => p.Text).SingleAsync()));
        Assert.Empty(await app.AuditAsync(AuditActions.InformationReset));
    }

    [Fact]
    public async Task Reset_PutsTheDefaultBack_Audited_AndSavingTheDefaultStoresNoCopy()
    {
        await using var app = await HajDeskFactory.CreateAsync();
        await StaffWorld.CreateAsync(app);
        var admin = await app.SignInAsync("admin.test");
        const string accessibility = "/staff/admin/information/accessibility";
        Assert.Null((await admin.GetPageAsync(accessibility)).QuerySelector("[data-testid=reset-form]"));

        // The default sent back unchanged: still the default (it follows later improvements), nothing audited.
        await (await admin.PostPageFormAsync(accessibility, "[data-testid=information-form]")).AssertRedirectAsync();
        Assert.Null(await app.WithDbAsync(db => db.InformationPages.Where(p => p.Key == InformationTexts.Accessibility).Select(p => p.Text).SingleAsync()));
        Assert.Empty(await app.AuditAsync(AuditActions.InformationUpdate));

        await (await admin.PostPageFormAsync(accessibility, "[data-testid=information-form]", new Dictionary<string, string?> { ["Text"] = "بیانیه کوتاه" }))
            .AssertRedirectAsync();
        Assert.Equal("بیانیه کوتاه", (await app.NewClient().GetDocumentAsync("/accessibility")).TextOf("[data-testid=information-text]"));
        var location = await (await admin.PostPageFormAsync(accessibility, "[data-testid=reset-form]")).AssertRedirectAsync();

        Assert.Equal("متن پیش‌فرض بازگردانده شد.", (await admin.GetPageAsync(location)).TextOf("[data-testid=done]"));
        Assert.Null(await app.WithDbAsync(db => db.InformationPages.Where(p => p.Key == InformationTexts.Accessibility).Select(p => p.Text).SingleAsync()));
        var reset = Assert.Single(await app.AuditAsync(AuditActions.InformationReset));
        Assert.Equal(("admin.test", "«بیانیه دسترس‌پذیری»: بازگشت به متن پیش‌فرض"), (reset.UserName, reset.Details));
        Assert.Contains("صفحه‌خوان", (await app.NewClient().GetDocumentAsync("/accessibility")).TextOf("[data-testid=information-text]"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/staff/admin/information/terms")).StatusCode);
    }

    private static async Task AssertUnchangedAsync(HajDeskFactory app)
    {
        var rows = await app.WithDbAsync(db => db.InformationPages.AsNoTracking().OrderBy(p => p.Key).Select(p => new { p.Text, p.Version }).ToListAsync());
        Assert.All(rows, r => Assert.Equal(((string?)null, 1), (r.Text, r.Version)));
        Assert.Empty(await app.AuditAsync(AuditActions.InformationUpdate));
    }

    private static string Persian(int n) => HajDesk.Core.Persian.PersianText.ToPersianDigits(n.ToString("#,0", System.Globalization.CultureInfo.InvariantCulture)).Replace(',', '٬');
}

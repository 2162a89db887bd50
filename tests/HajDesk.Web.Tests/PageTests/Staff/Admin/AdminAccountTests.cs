using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using HajDesk.Core.Staff;
using HajDesk.Web.Infrastructure.Concurrency;
using HajDesk.Web.Staff;
using HajDesk.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace HajDesk.Web.Tests.PageTests.Staff.Admin;

public class AdminAccountTests
{
    private const string NewPassword = "Fresh-Passw0rd-2";

    private static Task<StaffUser> UserAsync(HajDeskFactory app, string userName) =>
        app.WithDbAsync(db => db.Users.AsNoTracking().Include(u => u.Subjects).SingleAsync(u => u.UserName == userName));

    private static Task<HttpResponseMessage> CreateAsync(HttpClient admin, IDictionary<string, string?> values) =>
        admin.PostPageFormAsync("/staff/admin/accounts/new", "[data-testid=account-form]", values);

    [Fact]
    public async Task CreateExpertWithSubjects_CanSignIn_AndSeesOnlyThoseSubjects_Audited()
    {
        await using var app = await HajDeskFactory.CreateAsync();
        var world = await StaffWorld.CreateAsync(app);
        var admin = await app.SignInAsync("admin.test");
        var tehran = await world.Data.ProvinceIdAsync("Tehran");

        var page = await admin.GetPageAsync("/staff/admin/accounts/new");
        var values = Html.FormValues(page.Form("[data-testid=account-form]"), new Dictionary<string, string?>
        {
            ["UserName"] = "tehran.new-expert1",
            ["DisplayName"] = "علي  رضايي",
            ["Email"] = "ali@example.ir",
            ["Role"] = "Expert",
            ["ProvinceId"] = AdminPages.Id(tehran),
            ["Password"] = StaffTestData.Password,
            ["ConfirmPassword"] = StaffTestData.Password,
        });
        values.Add(new("SubjectIds", AdminPages.Id(world.SubjectX)));
        values.Add(new("SubjectIds", AdminPages.Id(world.SubjectY)));
        var response = await admin.PostAsync("/staff/admin/accounts/new", new FormUrlEncodedContent(values));
        Assert.Equal("/staff/admin/accounts", await response.AssertRedirectAsync());

        var user = await UserAsync(app, "tehran.new-expert1");
        Assert.Equal(("علی  رضایی", StaffRole.Expert, tehran, false, "ali@example.ir"), (user.DisplayName, user.Role, user.ProvinceId, user.IsDisabled, user.Email));
        Assert.Equal([world.SubjectX, world.SubjectY], user.Subjects.Select(s => s.SubjectId).Order());
        var list = await admin.GetPageAsync("/staff/admin/accounts");
        Assert.Equal("حساب ساخته شد.", list.TextOf("[data-testid=done]"));
        Assert.NotNull(list.QuerySelector("[data-testid=account-row][data-user='tehran.new-expert1']"));

        var expert = await app.SignInAsync("tehran.new-expert1");
        var onY = await world.Data.CreateRequestAsync("Tehran", world.SubjectY);
        var other = (await world.Data.MainSubjectIdsAsync())[2];
        var onOther = await world.Data.CreateRequestAsync("Tehran", other);
        Assert.Equal(HttpStatusCode.OK, (await expert.GetAsync($"/staff/requests/{onY.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await expert.GetAsync($"/staff/requests/{onOther.Id}")).StatusCode);

        var entry = Assert.Single(await app.AuditAsync(AuditActions.StaffCreate));
        Assert.Equal(world.Admin.Id, entry.UserId);
        Assert.StartsWith("حساب «tehran.new-expert1» (علی  رضایی)؛ کارشناس، استان تهران، فقط موضوع‌های «حج تمتع»، «عمره مفرده»", entry.Details, StringComparison.Ordinal);
        Assert.DoesNotContain(StaffTestData.Password, entry.Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_PasswordPolicyProblems_AreListedInPersian_AndThePasswordIsNotEchoed()
    {
        await using var app = await HajDeskFactory.CreateAsync();
        var world = await StaffWorld.CreateAsync(app);
        var admin = await app.SignInAsync("admin.test");
        var tehran = AdminPages.Id(await world.Data.ProvinceIdAsync("Tehran"));

        var page = await (await CreateAsync(admin, new Dictionary<string, string?>
        {
            ["UserName"] = "weak.user",
            ["DisplayName"] = "کاربر",
            ["Role"] = "Supervisor",
            ["ProvinceId"] = tehran,
            ["Password"] = "short",
            ["ConfirmPassword"] = "other",
        })).AssertPageAsync(HttpStatusCode.BadRequest);

        var error = page.TextOf("#Password-error");
        Assert.Contains("رمز عبور باید دست‌کم ۱۰ نویسه باشد.", error, StringComparison.Ordinal);
        Assert.Contains("رمز عبور باید دست‌کم یک رقم (۰ تا ۹) داشته باشد.", error, StringComparison.Ordinal);
        Assert.Contains("رمز عبور باید دست‌کم یک حرف بزرگ انگلیسی (A تا Z) داشته باشد.", error, StringComparison.Ordinal);
        Assert.Contains("رمز عبور و تکرار آن یکی نیستند.", error, StringComparison.Ordinal);
        Assert.DoesNotContain("Passwords must", page.Body!.TextContent, StringComparison.Ordinal);
        Assert.Equal(string.Empty, page.QuerySelector<IHtmlInputElement>("#Password")!.Value);
        Assert.DoesNotContain("short", page.Body!.InnerHtml, StringComparison.Ordinal);
        Assert.Equal("weak.user", page.QuerySelector<IHtmlInputElement>("#UserName")!.Value);
        Assert.Equal("Supervisor", page.QuerySelector<IHtmlSelectElement>("#Role")!.Value);
        Assert.False(await app.WithDbAsync(db => db.Users.AnyAsync(u => u.UserName == "weak.user")));
        Assert.Empty(await app.AdminAuditAsync());
    }

    [Theory]
    [InlineData("Expert", "", null, "ProvinceId", "استانِ کارشناس را برگزینید.")]
    [InlineData("Supervisor", "", null, "ProvinceId", "استانِ سرپرست را برگزینید.")]
    [InlineData("Administrator", "Tehran", null, "ProvinceId", "مدیر سامانه به استانی وابسته نیست؛ استان را خالی بگذارید.")]
    [InlineData("Supervisor", "Tehran", "X", "SubjectIds", "محدود کردن به موضوع‌ها فقط برای کارشناس است؛ برای این نقش هیچ موضوعی را برنگزینید.")]
    [InlineData("", "Tehran", null, "Role", "نقش را برگزینید.")]
    [InlineData("Owner", "Tehran", null, "Role", "نقش را برگزینید.")]
    public async Task Create_RoleProvinceAndSubjectRules(string role, string province, string? subject, string field, string message)
    {
        await using var app = await HajDeskFactory.CreateAsync();
        var world = await StaffWorld.CreateAsync(app);
        var admin = await app.SignInAsync("admin.test");
        var page = await admin.GetPageAsync("/staff/admin/accounts/new");
        var values = Html.FormValues(page.Form("[data-testid=account-form]"), new Dictionary<string, string?>
        {
            ["UserName"] = "rule.user",
            ["DisplayName"] = "کاربر",
            ["Role"] = role,
            ["ProvinceId"] = province.Length == 0 ? "" : AdminPages.Id(await world.Data.ProvinceIdAsync(province)),
            ["Password"] = StaffTestData.Password,
            ["ConfirmPassword"] = StaffTestData.Password,
        });
        if (subject is not null)
        {
            values.Add(new("SubjectIds", AdminPages.Id(world.SubjectX)));
        }

        var result = await (await admin.PostAsync("/staff/admin/accounts/new", new FormUrlEncodedContent(values))).AssertPageAsync(HttpStatusCode.BadRequest);

        Assert.Equal(message, result.TextOf($"#{field}-error"));
        Assert.False(await app.WithDbAsync(db => db.Users.AnyAsync(u => u.UserName == "rule.user")));
    }

    [Theory]
    [InlineData("ali reza", "نام کاربری را با حرف‌ها و رقم‌های انگلیسی بنویسید")]
    [InlineData("علی", "نام کاربری را با حرف‌ها و رقم‌های انگلیسی بنویسید")]
    [InlineData("ali@example.ir", "نام کاربری را با حرف‌ها و رقم‌های انگلیسی بنویسید")]
    [InlineData(".ali", "نام کاربری را با حرف‌ها و رقم‌های انگلیسی بنویسید")]
    [InlineData("", "نام کاربری را با حرف‌ها و رقم‌های انگلیسی بنویسید")]
    [InlineData("TEHRAN.Expert", "این نام کاربری پیش‌تر به کار رفته است.")]
    public async Task Create_UserNameRules(string userName, string message)
    {
        await using var app = await HajDeskFactory.CreateAsync();
        var world = await StaffWorld.CreateAsync(app);
        var admin = await app.SignInAsync("admin.test");
        var users = await app.WithDbAsync(db => db.Users.CountAsync());

        var page = await (await CreateAsync(admin, new Dictionary<string, string?>
        {
            ["UserName"] = userName,
            ["DisplayName"] = "کاربر",
            ["Role"] = "Expert",
            ["ProvinceId"] = AdminPages.Id(await world.Data.ProvinceIdAsync("Tehran")),
            ["Password"] = StaffTestData.Password,
            ["ConfirmPassword"] = StaffTestData.Password,
        })).AssertPageAsync(HttpStatusCode.BadRequest);

        Assert.StartsWith(message, page.TextOf("#UserName-error"), StringComparison.Ordinal);
        Assert.Equal(users, await app.WithDbAsync(db => db.Users.CountAsync()));
    }

    [Fact]
    public async Task Edit_ChangesRoleProvinceAndSubjects_WhichApplyOnTheNextClick()
    {
        await using var app = await HajDeskFactory.CreateAsync();
        var world = await StaffWorld.CreateAsync(app);
        var admin = await app.SignInAsync("admin.test");
        var expert = await app.SignInAsync("tehran.expert");
        var onX = await world.Data.CreateRequestAsync("Tehran", world.SubjectX);
        var onY = await world.Data.CreateRequestAsync("Tehran", world.SubjectY);
        var isfahanRequest = await world.Data.CreateRequestAsync("Isfahan", world.SubjectX);
        Assert.Equal(HttpStatusCode.OK, (await expert.GetAsync($"/staff/requests/{onY.Id}")).StatusCode);

        // Limit the Tehran expert to subject X.
        var page = await admin.GetPageAsync($"/staff/admin/accounts/{world.TehranExpert.Id}");
        Assert.Equal("Expert", page.QuerySelector<IHtmlSelectElement>("#Role")!.Value);
        var values = Html.FormValues(page.Form("[data-testid=account-form]"));
        values.Add(new("SubjectIds", AdminPages.Id(world.SubjectX)));
        var saved = await admin.PostAsync(StaffClient.ActionPath(page.Form("[data-testid=account-form]")), new FormUrlEncodedContent(values));
        Assert.Equal($"/staff/admin/accounts/{world.TehranExpert.Id}", await saved.AssertRedirectAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await expert.GetAsync($"/staff/requests/{onY.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await expert.GetAsync($"/staff/requests/{onX.Id}")).StatusCode);
        page = await admin.GetPageAsync($"/staff/admin/accounts/{world.TehranExpert.Id}");
        Assert.True(page.QuerySelector<IHtmlInputElement>($"#subject-{world.SubjectX}")!.IsChecked);
        Assert.Equal("حساب ذخیره شد.", page.TextOf("[data-testid=done]"));

        // Move them to Isfahan as a supervisor: the subjects go (only experts have them).
        await (await admin.PostFormAsync(page.Form("[data-testid=account-form]"), new Dictionary<string, string?>
        {
            ["Role"] = "Supervisor",
            ["ProvinceId"] = AdminPages.Id(await world.Data.ProvinceIdAsync("Isfahan")),
            ["SubjectIds"] = null,
            ["DisplayName"] = "سرپرست تازه اصفهان",
        })).AssertRedirectAsync();
        var user = await UserAsync(app, "tehran.expert");
        Assert.Equal((StaffRole.Supervisor, "سرپرست تازه اصفهان"), (user.Role, user.DisplayName));
        Assert.Empty(user.Subjects);
        Assert.Equal(HttpStatusCode.NotFound, (await expert.GetAsync($"/staff/requests/{onX.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await expert.GetAsync($"/staff/requests/{isfahanRequest.Id}")).StatusCode);

        var updates = await app.AuditAsync(AuditActions.StaffUpdate);
        Assert.Equal(2, updates.Count);
        Assert.Equal("حساب «tehran.expert»؛ کارشناس، استان تهران ← کارشناس، استان تهران، فقط موضوع‌های «حج تمتع»", updates[0].Details);
        Assert.Contains("← سرپرست، استان اصفهان", updates[1].Details, StringComparison.Ordinal);

        // The list filters by role and province.
        var isfahanId = await world.Data.ProvinceIdAsync("Isfahan");
        var filtered = await admin.GetPageAsync($"/staff/admin/accounts?role=Supervisor&province={isfahanId}");
        Assert.Equal(["tehran.expert"], filtered.QuerySelectorAll("[data-testid=account-row]").Select(r => r.GetAttribute("data-user")));
        var experts = await admin.GetPageAsync("/staff/admin/accounts?role=Expert");
        Assert.Equal(["isfahan.expert", "tehran.limited"], experts.QuerySelectorAll("[data-testid=account-row]").Select(r => r.GetAttribute("data-user")));
    }

    [Fact]
    public async Task Disable_EndsTheSessionOnTheNextRequestAndRefusesSignIn_EnableRestores()
    {
        await using var app = await HajDeskFactory.CreateAsync();
        var world = await StaffWorld.CreateAsync(app);
        var admin = await app.SignInAsync("admin.test");
        var expert = await app.SignInAsync("tehran.expert");
        var stampBefore = (await UserAsync(app, "tehran.expert")).SecurityStamp;

        await (await admin.PostPageFormAsync($"/staff/admin/accounts/{world.TehranExpert.Id}", "[data-testid=disable-form]")).AssertRedirectAsync();

        var next = await expert.GetAsync("/staff/inbox");
        Assert.Equal(HttpStatusCode.Redirect, next.StatusCode);
        Assert.StartsWith("http://localhost/staff/sign-in", next.Location(), StringComparison.Ordinal);
        var user = await UserAsync(app, "tehran.expert");
        Assert.True(user.IsDisabled);
        Assert.NotEqual(stampBefore, user.SecurityStamp);
        Assert.Equal(HttpStatusCode.OK, (await app.NewClient().PostSignInAsync("tehran.expert", StaffTestData.Password)).StatusCode);
        var list = await admin.GetPageAsync("/staff/admin/accounts");
        Assert.NotNull(list.QuerySelector("[data-testid=account-row][data-user='tehran.expert'] [data-testid=disabled]"));

        await (await admin.PostPageFormAsync($"/staff/admin/accounts/{world.TehranExpert.Id}", "[data-testid=enable-form]")).AssertRedirectAsync();
        Assert.False((await UserAsync(app, "tehran.expert")).IsDisabled);
        await app.SignInAsync("tehran.expert");

        Assert.Equal("حساب «tehran.expert»", Assert.Single(await app.AuditAsync(AuditActions.StaffDisable)).Details);
        Assert.Single(await app.AuditAsync(AuditActions.StaffEnable));
    }

    [Fact]
    public async Task ResetPassword_OldFailsNewWorks_UnlocksAndEndsSessions_PolicyInPersian()
    {
        await using var app = await HajDeskFactory.CreateAsync();
        var world = await StaffWorld.CreateAsync(app);
        var admin = await app.SignInAsync("admin.test");
        var expert = await app.SignInAsync("tehran.expert");
        for (var i = 0; i < 5; i++)
        {
            await app.NewClient().PostSignInAsync("tehran.expert", "Wrong-Passw0rd");
        }

        var locked = await admin.GetPageAsync($"/staff/admin/accounts/{world.TehranExpert.Id}");
        Assert.NotNull(locked.QuerySelector("[data-testid=locked]"));

        var weak = await (await admin.PostFormAsync(locked.Form("[data-testid=password-form]"), new Dictionary<string, string?>
        {
            ["NewPassword"] = "alllowercase1",
            ["ConfirmNewPassword"] = "alllowercase1",
        })).AssertPageAsync(HttpStatusCode.BadRequest);
        Assert.Equal("رمز عبور باید دست‌کم یک حرف بزرگ انگلیسی (A تا Z) داشته باشد.", weak.TextOf("[data-testid=errors]"));

        await (await admin.PostFormAsync(weak.Form("[data-testid=password-form]"), new Dictionary<string, string?>
        {
            ["NewPassword"] = NewPassword,
            ["ConfirmNewPassword"] = NewPassword,
        })).AssertRedirectAsync();

        Assert.Equal(HttpStatusCode.Redirect, (await expert.GetAsync("/staff/inbox")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.NewClient().PostSignInAsync("tehran.expert", StaffTestData.Password)).StatusCode);
        await app.SignInAsync("tehran.expert", NewPassword);
        var user = await UserAsync(app, "tehran.expert");
        Assert.Null(user.LockoutEnd);
        Assert.Equal(0, user.AccessFailedCount);
        var entry = Assert.Single(await app.AuditAsync(AuditActions.StaffPasswordReset));
        Assert.Equal("حساب «tehran.expert»؛ قفل حساب هم برداشته شد", entry.Details);
        Assert.DoesNotContain(NewPassword, await app.WithDbAsync(db => db.AuditEntries.Select(a => a.Details ?? "").ToListAsync()).ContinueWith(t => string.Join("\n", t.Result)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ResetPassword_ForOneself_KeepsThisSessionSignedIn()
    {
        await using var app = await HajDeskFactory.CreateAsync();
        var world = await StaffWorld.CreateAsync(app);
        var admin = await app.SignInAsync("admin.test");

        await (await admin.PostPageFormAsync($"/staff/admin/accounts/{world.Admin.Id}", "[data-testid=password-form]", new Dictionary<string, string?>
        {
            ["NewPassword"] = NewPassword,
            ["ConfirmNewPassword"] = NewPassword,
        })).AssertRedirectAsync();

        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/staff/admin")).StatusCode);
        await app.SignInAsync("admin.test", NewPassword);
    }

    [Fact]
    public async Task ResetTwoFactor_TurnsTotpOffAndRemovesTheKey_SignInNeedsOnlyThePassword()
    {
        await using var app = await HajDeskFactory.CreateAsync();
        var world = await StaffWorld.CreateAsync(app);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
            var user = (await users.FindByNameAsync("tehran.expert"))!;
            await users.ResetAuthenticatorKeyAsync(user);
            await users.SetTwoFactorEnabledAsync(user, true);
        }

        Assert.Equal("/staff/sign-in/code", (await app.NewClient().PostSignInAsync("tehran.expert", StaffTestData.Password)).Location());
        var admin = await app.SignInAsync("admin.test");
        var page = await admin.GetPageAsync($"/staff/admin/accounts/{world.TehranExpert.Id}");
        Assert.Equal("روشن", page.TextOf("[data-testid=two-factor]"));

        await (await admin.PostFormAsync(page.Form("[data-testid=reset-2fa-form]"))).AssertRedirectAsync();

        var stored = await UserAsync(app, "tehran.expert");
        Assert.False(stored.TwoFactorEnabled);
        Assert.False(await app.WithDbAsync(db => db.UserTokens.AnyAsync(t => t.UserId == stored.Id)));
        await app.SignInAsync("tehran.expert");
        Assert.Equal("حساب «tehran.expert»", Assert.Single(await app.AuditAsync(AuditActions.StaffTwoFactorReset)).Details);
    }

    [Fact]
    public async Task Administrator_CannotDisableOrDemoteThemselvesOrResetTheirOwnTwoFactorHere()
    {
        await using var app = await HajDeskFactory.CreateAsync();
        var world = await StaffWorld.CreateAsync(app);
        var admin = await app.SignInAsync("admin.test");
        var url = $"/staff/admin/accounts/{world.Admin.Id}";
        var page = await admin.GetPageAsync(url);
        Assert.Null(page.QuerySelector("[data-testid=disable-form]"));
        Assert.Null(page.QuerySelector("[data-testid=reset-2fa-form]"));
        var version = page.QuerySelector<IHtmlInputElement>("[data-testid=account-form] input[name=Version]")!.Value;
        var anyForm = page.Form("[data-testid=account-form]");

        var disable = await (await admin.PostWithTokenAsync(anyForm, url + "?handler=Disable", new Dictionary<string, string?> { ["Version"] = version }))
            .AssertPageAsync(HttpStatusCode.BadRequest);
        Assert.Equal("نمی‌توانید حساب خودتان را غیرفعال کنید؛ همیشه دست‌کم یک مدیر سامانه فعال باید بماند.", disable.TextOf("[data-testid=errors]"));
        var twoFactor = await (await admin.PostWithTokenAsync(anyForm, url + "?handler=ResetTwoFactor", new Dictionary<string, string?> { ["Version"] = version }))
            .AssertPageAsync(HttpStatusCode.BadRequest);
        Assert.Contains("ورود دومرحله‌ای خودتان", twoFactor.TextOf("[data-testid=errors]"), StringComparison.Ordinal);
        var demote = await (await admin.PostFormAsync(anyForm, new Dictionary<string, string?>
        {
            ["Role"] = "Supervisor",
            ["ProvinceId"] = AdminPages.Id(await world.Data.ProvinceIdAsync("Tehran")),
        })).AssertPageAsync(HttpStatusCode.BadRequest);
        Assert.Contains("نمی‌توانید نقش خودتان را تغییر دهید", demote.TextOf("[data-testid=errors]"), StringComparison.Ordinal);
        Assert.Equal("Supervisor", demote.QuerySelector<IHtmlSelectElement>("#Role")!.Value);

        var me = await UserAsync(app, "admin.test");
        Assert.Equal((StaffRole.Administrator, false, (int?)null), (me.Role, me.IsDisabled, me.ProvinceId));
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/staff/admin")).StatusCode);
        Assert.Empty(await app.AdminAuditAsync());
    }

    [Fact]
    public async Task StaleForm_Gets409_WithTheAccountAsItIsNowAndTheTypedValuesKept()
    {
        await using var app = await HajDeskFactory.CreateAsync();
        var world = await StaffWorld.CreateAsync(app);
        await world.Data.CreateStaffAsync("admin.two", StaffRole.Administrator);
        var admin = await app.SignInAsync("admin.test");
        var colleague = await app.SignInAsync("admin.two");
        var url = $"/staff/admin/accounts/{world.TehranExpert.Id}";
        var stale = await admin.GetPageAsync(url);

        await (await colleague.PostPageFormAsync(url, "[data-testid=account-form]", new Dictionary<string, string?> { ["DisplayName"] = "نام همکار" }))
            .AssertRedirectAsync();
        var conflict = await (await admin.PostFormAsync(stale.Form("[data-testid=account-form]"), new Dictionary<string, string?> { ["DisplayName"] = "نام من" }))
            .AssertPageAsync(HttpStatusCode.Conflict);

        Assert.Equal(EditConflict.Message, conflict.TextOf("[data-testid=conflict]"));
        Assert.Equal("نام من", conflict.QuerySelector<IHtmlInputElement>("#DisplayName")!.Value);
        Assert.Equal("نام همکار", (await UserAsync(app, "tehran.expert")).DisplayName);
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostFormAsync(stale.Form("[data-testid=disable-form]"))).StatusCode);
        Assert.False((await UserAsync(app, "tehran.expert")).IsDisabled);

        await (await admin.PostFormAsync(conflict.Form("[data-testid=account-form]"))).AssertRedirectAsync();
        Assert.Equal("نام من", (await UserAsync(app, "tehran.expert")).DisplayName);
    }

    [Fact]
    public async Task ChangeCommittedBetweenLoadAndSave_Gets409AndWritesNothing()
    {
        var race = new AccountRace();
        await using var baseApp = await HajDeskFactory.CreateAsync();
        var app = baseApp.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.ConfigureDbContext<Core.Data.HajDeskDbContext>(o => o.AddInterceptors(race))));
        var world = await StaffWorld.CreateAsync(baseApp);
        var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostSignInAsync("admin.test", StaffTestData.Password)).StatusCode);
        var page = await client.GetPageAsync($"/staff/admin/accounts/{world.TehranExpert.Id}");

        race.Armed = true;
        var response = await client.PostFormAsync(page.Form("[data-testid=disable-form]"));

        Assert.True(race.Fired);
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.False((await UserAsync(baseApp, "tehran.expert")).IsDisabled);
        Assert.Empty(await baseApp.AuditAsync(AuditActions.StaffDisable));
    }

    /// <summary>When armed, moves an account's version behind the context's back (as any other save would) just before it saves it.</summary>
    private sealed class AccountRace : SaveChangesInterceptor
    {
        public bool Armed { get; set; }

        public bool Fired { get; private set; }

        public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
            DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            var db = eventData.Context!;
            var entry = db.ChangeTracker.Entries<StaffUser>().FirstOrDefault(e => e.State == EntityState.Modified);
            if (Armed && entry is not null)
            {
                Armed = false;
                Fired = true;
                var id = entry.Entity.Id;
                await db.Database.ExecuteSqlAsync($"UPDATE \"AspNetUsers\" SET \"Version\" = \"Version\" + 1 WHERE \"Id\" = {id}", cancellationToken);
            }

            return result;
        }
    }
}

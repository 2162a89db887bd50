using System.Net;
using HajDesk.Core.Persian;
using HajDesk.Core.Staff;
using HajDesk.Web.Pages.Staff;
using HajDesk.Web.Staff;
using HajDesk.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace HajDesk.Web.Tests.PageTests.Staff;

public class StaffAccountTests
{
    private const string FailureMessage = "نام کاربری یا رمز عبور درست نیست.";

    [Fact]
    public async Task SignIn_WithCorrectPassword_OpensTheInboxAndIsAudited()
    {
        await using var app = await HajDeskFactory.CreateAsync();
        var data = new StaffTestData(app);
        var expert = await data.CreateStaffAsync("tehran.expert", StaffRole.Expert, "Tehran");
        var client = app.NewClient();

        var response = await client.PostSignInAsync("tehran.expert", StaffTestData.Password);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/staff/inbox", response.Location());
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("hajdesk.staff=", StringComparison.Ordinal));
        Assert.Contains("path=/staff", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("expires=", cookie, StringComparison.OrdinalIgnoreCase);
        var inbox = await client.GetPageAsync("/staff/inbox");
        Assert.Equal(expert.DisplayName, inbox.QuerySelector("[data-testid=staff-name]")!.TextContent.Trim());
        Assert.Null(inbox.QuerySelector("a[href='/staff/admin']"));
        var audit = await app.WithDbAsync(db => db.AuditEntries.Where(a => a.Action == AuditActions.SignIn).ToListAsync());
        var entry = Assert.Single(audit);
        Assert.Equal(expert.Id, entry.UserId);
        Assert.Equal("tehran.expert", entry.UserName);
    }

    [Fact]
    public async Task SignIn_AsAdministrator_ShowsTheAdministrationLink()
    {
        await using var app = await HajDeskFactory.CreateAsync();
        await new StaffTestData(app).CreateStaffAsync("chief", StaffRole.Administrator);

        var inbox = await (await app.SignInAsync("chief")).GetPageAsync("/staff/inbox");

        Assert.NotNull(inbox.QuerySelector("a[href='/staff/admin']"));
    }

    [Fact]
    public async Task StaffPages_WithoutSignIn_RedirectToSignIn()
    {
        await using var app = await HajDeskFactory.CreateAsync();
        var client = app.NewClient();

        foreach (var url in new[] { "/staff/inbox", "/staff/requests/1", "/staff/account/two-factor", $"/staff/requests/1/files/{Guid.NewGuid()}" })
        {
            var response = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("http://localhost/staff/sign-in?returnUrl=", response.Location(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task SignIn_UnknownUserWrongPasswordAndDisabledAccount_GetTheSameMessage()
    {
        await using var app = await HajDeskFactory.CreateAsync();
        var data = new StaffTestData(app);
        await data.CreateStaffAsync("tehran.expert", StaffRole.Expert, "Tehran");
        var disabled = await data.CreateStaffAsync("gone.expert", StaffRole.Expert, "Tehran");
        await app.WithDbAsync(db => db.Users.Where(u => u.Id == disabled.Id).ExecuteUpdateAsync(u => u.SetProperty(x => x.IsDisabled, true)));
        var client = app.NewClient();

        var messages = new List<string>();
        foreach (var (user, password) in new[]
                 {
                     ("nobody.4499370899", "Wrong-Passw0rd-1"),
                     ("tehran.expert", "Wrong-Passw0rd-2"),
                     ("gone.expert", StaffTestData.Password),
                 })
        {
            var response = await client.PostSignInAsync(user, password);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.False(response.Headers.TryGetValues("Set-Cookie", out var cookies)
                && cookies.Any(c => c.StartsWith("hajdesk.staff=", StringComparison.Ordinal) && !c.StartsWith("hajdesk.staff=;", StringComparison.Ordinal)));
            var page = await Html.ParseAsync(response);
            messages.Add(page.QuerySelector("[data-testid=errors] li")!.TextContent.Trim());
        }

        Assert.All(messages, m => Assert.Equal(FailureMessage, m));
        var failures = await app.WithDbAsync(db => db.AuditEntries.Where(a => a.Action == AuditActions.SignInFailure).OrderBy(a => a.Id).ToListAsync());
        Assert.Equal(3, failures.Count);
        Assert.Equal("nobody.**********", failures[0].UserName);
        Assert.Null(failures[0].UserId);
        Assert.Equal("tehran.expert", failures[1].UserName);
        Assert.Equal(disabled.Id, failures[2].UserId);
        Assert.All(failures, f => Assert.DoesNotContain("Passw0rd", (f.UserName ?? string.Empty) + f.Details, StringComparison.Ordinal));
    }

    [Fact]
    public async Task SignIn_AfterFiveFailures_IsLockedOutEvenWithTheRightPassword()
    {
        await using var app = await HajDeskFactory.CreateAsync();
        var expert = await new StaffTestData(app).CreateStaffAsync("tehran.expert", StaffRole.Expert, "Tehran");
        var client = app.NewClient();

        for (var i = 0; i < 5; i++)
        {
            var wrong = await client.PostSignInAsync("tehran.expert", "Wrong-Passw0rd-" + i);
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        }

        var right = await client.PostSignInAsync("tehran.expert", StaffTestData.Password);

        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Equal(FailureMessage, (await Html.ParseAsync(right)).QuerySelector("[data-testid=errors] li")!.TextContent.Trim());
        var lockoutEnd = await app.WithDbAsync(db => db.Users.Where(u => u.Id == expert.Id).Select(u => u.LockoutEnd).SingleAsync());
        Assert.NotNull(lockoutEnd);
        Assert.InRange(lockoutEnd.Value - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(14), TimeSpan.FromMinutes(15.5));
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/staff/inbox")).StatusCode);
    }

    [Fact]
    public async Task SignOut_EndsTheSessionAndTheOldCookieStopsWorking()
    {
        await using var app = await HajDeskFactory.CreateAsync();
        await new StaffTestData(app).CreateStaffAsync("tehran.expert", StaffRole.Expert, "Tehran");
        var client = app.NewClient();
        var signIn = await client.PostSignInAsync("tehran.expert", StaffTestData.Password);
        var oldCookie = signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("hajdesk.staff=", StringComparison.Ordinal)).Split(';')[0];
        var inbox = await client.GetPageAsync("/staff/inbox");

        var signOut = await client.PostFormAsync(inbox.Form("[data-testid=sign-out-form]"));

        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        Assert.Equal("/staff/sign-in", signOut.Location());
        var after = await client.GetAsync("/staff/inbox");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("http://localhost/staff/sign-in", after.Location(), StringComparison.Ordinal);
        // A copy of the cookie taken before sign-out (another tab, a stolen cookie) is refused as well.
        using var replay = new HttpRequestMessage(HttpMethod.Get, "/staff/inbox");
        replay.Headers.Add("Cookie", oldCookie);
        var replayed = await app.NewClient().SendAsync(replay);
        Assert.Equal(HttpStatusCode.Redirect, replayed.StatusCode);
        Assert.Equal(1, await app.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == AuditActions.SignOut)));
    }

    [Fact]
    public async Task SignOut_ByGet_DoesNothing()
    {
        await using var app = await HajDeskFactory.CreateAsync();
        await new StaffTestData(app).CreateStaffAsync("tehran.expert", StaffRole.Expert, "Tehran");
        var client = await app.SignInAsync("tehran.expert");

        await client.GetAsync("/staff/sign-out");

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/staff/inbox")).StatusCode);
    }

    /// <summary>
    /// Idle expiry with a fake <see cref="TimeProvider"/> (the cookie handler and the security-stamp validator take
    /// theirs from DI): activity within the window slides it; a longer silence ends the session.
    /// </summary>
    [Fact]
    public async Task Session_ExpiresAfterTheIdleTimeoutAndSlidesWhileActive()
    {
        var clock = new FakeClock(DateTimeOffset.UtcNow);
        await using var baseApp = await HajDeskFactory.CreateAsync(settings: new Dictionary<string, string?>
        {
            ["Staff:IdleTimeout"] = "00:10:00",
        });
        var app = baseApp.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(clock)));
        await new StaffTestData(baseApp).CreateStaffAsync("tehran.expert", StaffRole.Expert, "Tehran");
        var options = app.Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(IdentityConstants.ApplicationScheme);
        Assert.Equal(TimeSpan.FromMinutes(10), options.ExpireTimeSpan);
        Assert.True(options.SlidingExpiration);
        var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostSignInAsync("tehran.expert", StaffTestData.Password)).StatusCode);

        clock.Advance(TimeSpan.FromMinutes(6));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/staff/inbox")).StatusCode);
        clock.Advance(TimeSpan.FromMinutes(6));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/staff/inbox")).StatusCode);
        clock.Advance(TimeSpan.FromMinutes(11));
        var expired = await client.GetAsync("/staff/inbox");

        Assert.Equal(HttpStatusCode.Redirect, expired.StatusCode);
        Assert.StartsWith("http://localhost/staff/sign-in", expired.Location(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task IdleTimeout_DefaultsToThirtyMinutes()
    {
        await using var app = await HajDeskFactory.CreateAsync();

        var options = app.Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(IdentityConstants.ApplicationScheme);

        Assert.Equal(TimeSpan.FromMinutes(30), options.ExpireTimeSpan);
        Assert.True(options.SlidingExpiration);
        Assert.Equal("hajdesk.staff", options.Cookie.Name);
        Assert.Equal(Microsoft.AspNetCore.Http.CookieSecurePolicy.SameAsRequest, options.Cookie.SecurePolicy);
    }

    [Fact]
    public async Task DisabledAccount_LosesItsSessionOnTheNextRequest()
    {
        await using var app = await HajDeskFactory.CreateAsync();
        var expert = await new StaffTestData(app).CreateStaffAsync("tehran.expert", StaffRole.Expert, "Tehran");
        var client = await app.SignInAsync("tehran.expert");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/staff/inbox")).StatusCode);

        await app.WithDbAsync(db => db.Users.Where(u => u.Id == expert.Id).ExecuteUpdateAsync(u => u.SetProperty(x => x.IsDisabled, true)));
        var response = await client.GetAsync("/staff/inbox");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("http://localhost/staff/sign-in", response.Location(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TwoFactor_EnableThenSignInAsksForTheCodeAndAcceptsPersianDigits()
    {
        await using var app = await HajDeskFactory.CreateAsync();
        await new StaffTestData(app).CreateStaffAsync("tehran.expert", StaffRole.Expert, "Tehran");
        var client = await app.SignInAsync("tehran.expert");

        var setup = await client.GetPageAsync("/staff/account/two-factor");
        var key = setup.QuerySelector("[data-testid=authenticator-key]")!.TextContent.Replace(" ", string.Empty, StringComparison.Ordinal);
        var uri = setup.QuerySelector("[data-testid=authenticator-uri]")!.TextContent;
        Assert.Matches("^[A-Z2-7]{16,}$", key);
        Assert.StartsWith("otpauth://totp/HajDesk:tehran.expert?secret=" + key, uri, StringComparison.Ordinal);
        var wrong = await client.PostFormAsync(setup.Form("form[action*=Enable]"), new Dictionary<string, string?> { ["Code"] = "000000" == Totp.Code(key, DateTimeOffset.UtcNow) ? "111111" : "000000" });
        Assert.True(wrong.StatusCode == HttpStatusCode.BadRequest, wrong.RequestMessage!.RequestUri + " " + await wrong.Content.ReadAsStringAsync());
        setup = await client.GetPageAsync("/staff/account/two-factor");
        var enable = await client.PostFormAsync(setup.Form("form[action*=Enable]"), new Dictionary<string, string?>
        {
            ["Code"] = PersianText.ToPersianDigits(Totp.Code(key, DateTimeOffset.UtcNow)),
        });
        // Rendered, not redirected: the recovery codes are on this response only.
        Assert.Equal(HttpStatusCode.OK, enable.StatusCode);
        Assert.Equal(10, (await Html.ParseAsync(enable)).QuerySelectorAll("[data-testid=recovery-codes] li").Length);
        // The change renewed the security stamp; this browser's session was renewed with it.
        var state = await client.GetPageAsync("/staff/account/two-factor");
        Assert.Contains("روشن", state.QuerySelector("[data-testid=two-factor-state]")!.TextContent, StringComparison.Ordinal);
        await client.PostFormAsync(state.Form("[data-testid=sign-out-form]"));

        var client2 = app.NewClient();
        var step1 = await client2.PostSignInAsync("tehran.expert", StaffTestData.Password);
        Assert.Equal(HttpStatusCode.Redirect, step1.StatusCode);
        Assert.Equal("/staff/sign-in/code", step1.Location());
        Assert.Equal(HttpStatusCode.Redirect, (await client2.GetAsync("/staff/inbox")).StatusCode);
        var codePage = await client2.GetPageAsync("/staff/sign-in/code");
        var bad = await client2.PostFormAsync(codePage.Form("[data-testid=code-form]"), new Dictionary<string, string?> { ["Code"] = "12" });
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        Assert.NotNull((await Html.ParseAsync(bad)).QuerySelector("[data-testid=errors] li"));
        codePage = await client2.GetPageAsync("/staff/sign-in/code");
        var code = Totp.Code(key, DateTimeOffset.UtcNow);
        var step2 = await client2.PostFormAsync(codePage.Form("[data-testid=code-form]"), new Dictionary<string, string?>
        {
            ["Code"] = PersianText.ToPersianDigits(code[..3]) + " " + PersianText.ToPersianDigits(code[3..]),
        });

        Assert.Equal(HttpStatusCode.Redirect, step2.StatusCode);
        Assert.Equal("/staff/inbox", step2.Location());
        Assert.Equal(HttpStatusCode.OK, (await client2.GetAsync("/staff/inbox")).StatusCode);
        var actions = await app.WithDbAsync(db => db.AuditEntries.OrderBy(a => a.Id).Select(a => a.Action).ToListAsync());
        Assert.Contains(AuditActions.TwoFactorEnable, actions);
        Assert.Contains(AuditActions.TwoFactorFailure, actions);
        Assert.Equal(2, actions.Count(a => a == AuditActions.SignIn));
    }

    [Fact]
    public async Task TwoFactor_SetUpShowsTheKeyAsAQrCode_AndEnablingShowsTenRecoveryCodesOnce()
    {
        await using var app = await HajDeskFactory.CreateAsync();
        await new StaffTestData(app).CreateStaffAsync("admin2", StaffRole.Administrator, null);
        var client = await app.SignInAsync("admin2");

        var setup = await client.GetPageAsync("/staff/account/two-factor");
        var qr = setup.QuerySelector("img[data-testid=authenticator-qr]")!;
        var png = Convert.FromBase64String(qr.GetAttribute("src")!["data:image/png;base64,".Length..]);
        Assert.StartsWith("data:image/png;base64,", qr.GetAttribute("src"), StringComparison.Ordinal);
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, png[..4]);
        Assert.Contains("QR", qr.GetAttribute("alt"), StringComparison.Ordinal);
        var key = setup.QuerySelector("[data-testid=authenticator-key]")!.TextContent.Replace(" ", string.Empty, StringComparison.Ordinal);

        var enabled = await Html.ParseAsync(await client.PostFormAsync(setup.Form("form[action*=Enable]"),
            new Dictionary<string, string?> { ["Code"] = Totp.Code(key, DateTimeOffset.UtcNow) }));
        var codes = enabled.QuerySelectorAll("[data-testid=recovery-codes] li").Select(li => li.TextContent.Trim()).ToList();

        Assert.Equal(10, codes.Distinct().Count());
        Assert.All(codes, code => Assert.InRange(code.Length, 8, 20));
        // Shown once: the page opened again lists none, only how many are left.
        var again = await client.GetPageAsync("/staff/account/two-factor");
        Assert.Null(again.QuerySelector("[data-testid=recovery-codes]"));
        Assert.Contains("۱۰", again.QuerySelector("[data-testid=recovery-codes-left]")!.TextContent, StringComparison.Ordinal);
        Assert.All(codes, code => Assert.DoesNotContain(code, again.Body!.InnerHtml, StringComparison.Ordinal));
    }

    [Fact]
    public async Task RecoveryCode_SignsInOnceWithoutThePhone_ThenNeverAgain_AndANewSetSpoilsTheOld()
    {
        await using var app = await HajDeskFactory.CreateAsync();
        await new StaffTestData(app).CreateStaffAsync("admin2", StaffRole.Administrator, null);
        var (key, codes) = await EnableTwoFactorAsync(app, "admin2");

        // The code page offers the way without the phone.
        var (client, page) = await PasswordThenRecoveryPageAsync(app, "admin2");
        var used = await client.PostFormAsync(page.Form("[data-testid=recovery-form]"), new Dictionary<string, string?>
        {
            // Copied from paper with spaces around: accepted.
            ["RecoveryCode"] = " " + codes[0] + " ",
        });
        Assert.Equal(HttpStatusCode.Redirect, used.StatusCode);
        Assert.Equal("/staff/inbox", used.Location());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/staff/inbox")).StatusCode);

        (client, page) = await PasswordThenRecoveryPageAsync(app, "admin2");
        var reused = await client.PostFormAsync(page.Form("[data-testid=recovery-form]"), new Dictionary<string, string?> { ["RecoveryCode"] = codes[0] });
        Assert.Equal(HttpStatusCode.BadRequest, reused.StatusCode);
        Assert.Contains(SignInRecoveryModel.FailureMessage, await reused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain(codes[0], await reused.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // A new set, proved by a current code from the app, spoils every old code.
        var signedIn = app.NewClient();
        await signedIn.PostSignInAsync("admin2", StaffTestData.Password);
        var step2 = await signedIn.PostFormAsync((await signedIn.GetPageAsync("/staff/sign-in/code")).Form("[data-testid=code-form]"),
            new Dictionary<string, string?> { ["Code"] = Totp.Code(key, DateTimeOffset.UtcNow) });
        Assert.Equal("/staff/inbox", step2.Location());
        var form = (await signedIn.GetPageAsync("/staff/account/two-factor")).Form("form[action*=two-factor]");
        var renewed = await Html.ParseAsync(await signedIn.PostWithTokenAsync(form, "/staff/account/two-factor?handler=RecoveryCodes",
            new Dictionary<string, string?> { ["Code"] = Totp.Code(key, DateTimeOffset.UtcNow) }));
        var fresh = renewed.QuerySelectorAll("[data-testid=recovery-codes] li").Select(li => li.TextContent.Trim()).ToList();
        Assert.Equal(10, fresh.Count);
        (client, page) = await PasswordThenRecoveryPageAsync(app, "admin2");
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostFormAsync(page.Form("[data-testid=recovery-form]"),
            new Dictionary<string, string?> { ["RecoveryCode"] = codes[1] })).StatusCode);
        (client, page) = await PasswordThenRecoveryPageAsync(app, "admin2");
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostFormAsync(page.Form("[data-testid=recovery-form]"),
            new Dictionary<string, string?> { ["RecoveryCode"] = fresh[0] })).StatusCode);
        var actions = await app.WithDbAsync(db => db.AuditEntries.Select(a => a.Action).ToListAsync());
        Assert.Equal(2, actions.Count(a => a == AuditActions.RecoveryCodeSignIn));
        Assert.Equal(2, actions.Count(a => a == AuditActions.RecoveryCodesNew));
    }

    [Fact]
    public async Task RecoveryCode_WrongOnes_LockTheAccountOut_ThenEvenARightOneIsRefused()
    {
        await using var app = await HajDeskFactory.CreateAsync();
        await new StaffTestData(app).CreateStaffAsync("admin2", StaffRole.Administrator, null);
        var (_, codes) = await EnableTwoFactorAsync(app, "admin2");
        var (client, page) = await PasswordThenRecoveryPageAsync(app, "admin2");

        for (var i = 0; i < 5; i++)
        {
            var wrong = await client.PostFormAsync(page.Form("[data-testid=recovery-form]"), new Dictionary<string, string?> { ["RecoveryCode"] = $"wrong-{i}" });
            Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
            page = await Html.ParseAsync(wrong);
        }

        var right = await client.PostFormAsync(page.Form("[data-testid=recovery-form]"), new Dictionary<string, string?> { ["RecoveryCode"] = codes[0] });

        Assert.Equal(HttpStatusCode.BadRequest, right.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/staff/inbox")).StatusCode);
    }

    /// <summary>Turns two-factor sign-in on for <paramref name="userName"/>; the key and the recovery codes shown.</summary>
    private static async Task<(string Key, List<string> Codes)> EnableTwoFactorAsync(HajDeskFactory app, string userName)
    {
        var client = await app.SignInAsync(userName);
        var setup = await client.GetPageAsync("/staff/account/two-factor");
        var key = setup.QuerySelector("[data-testid=authenticator-key]")!.TextContent.Replace(" ", string.Empty, StringComparison.Ordinal);
        var enabled = await Html.ParseAsync(await client.PostFormAsync(setup.Form("form[action*=Enable]"),
            new Dictionary<string, string?> { ["Code"] = Totp.Code(key, DateTimeOffset.UtcNow) }));
        return (key, enabled.QuerySelectorAll("[data-testid=recovery-codes] li").Select(li => li.TextContent.Trim()).ToList());
    }

    /// <summary>A new browser past the password step, on the recovery-code page reached by the code page's link.</summary>
    private static async Task<(HttpClient Client, AngleSharp.Dom.IDocument Page)> PasswordThenRecoveryPageAsync(HajDeskFactory app, string userName)
    {
        var client = app.NewClient();
        Assert.Equal("/staff/sign-in/code", (await client.PostSignInAsync(userName, StaffTestData.Password)).Location());
        var codePage = await client.GetPageAsync("/staff/sign-in/code");
        var link = codePage.QuerySelectorAll("a").Single(a => a.TextContent.Contains("کد بازیابی", StringComparison.Ordinal)).GetAttribute("href")!;
        return (client, await client.GetPageAsync(link));
    }

    [Fact]
    public async Task SignIn_TooManyPostsFromOneAddress_AreRefusedWith429()
    {
        await using var app = await HajDeskFactory.CreateAsync(settings: new Dictionary<string, string?>
        {
            ["RateLimits:StaffSignInPerMinute"] = "3",
        });
        var client = app.NewClient();

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.PostSignInAsync("nobody", "Wrong-Passw0rd-1")).StatusCode);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, (await client.PostSignInAsync("nobody", "Wrong-Passw0rd-1")).StatusCode);
        // Opening the form is never limited.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/staff/sign-in")).StatusCode);
    }

    [Fact]
    public async Task ReturnUrl_OutsideTheBackOffice_IsIgnored()
    {
        await using var app = await HajDeskFactory.CreateAsync();
        await new StaffTestData(app).CreateStaffAsync("tehran.expert", StaffRole.Expert, "Tehran");
        var client = app.NewClient();
        var page = await client.GetDocumentAsync("/staff/sign-in?returnUrl=https%3A%2F%2Fevil.example%2F");

        var response = await client.PostFormAsync(page.Form("[data-testid=sign-in-form]"), new Dictionary<string, string?>
        {
            ["UserName"] = "tehran.expert",
            ["Password"] = StaffTestData.Password,
        });

        Assert.Equal("/staff/inbox", response.Location());
    }
}

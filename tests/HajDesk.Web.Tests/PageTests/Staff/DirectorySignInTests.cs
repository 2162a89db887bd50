using System.Net;
using HajDesk.Core.Staff;
using HajDesk.Web.Pages.Staff;
using HajDesk.Web.Staff;
using HajDesk.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace HajDesk.Web.Tests.PageTests.Staff;

/// <summary>
/// Staff sign-in from the organisation's directory, against the real OpenLDAP server of the tests
/// (<c>scripts/test-ldap.sh</c>): bind, group mapping, refusals, lockout, hostile user names, and revocation at the
/// session's re-check on a controllable clock.
/// </summary>
public class DirectorySignInTests
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task DirectoryExpert_SignsIn_GetsALocalAccountWithTheMappedRoleAndProvince(DatabaseProvider provider)
    {
        await using var app = await HajDeskFactory.CreateAsync(provider, TestDirectory.OpenLdapSettings());
        var uid = TestDirectory.NewUserName("expert");
        TestDirectory.AddPerson(uid, "کارشناس سازمانی", TestDirectory.TehranExperts);
        var client = app.NewClient();

        var response = await client.PostSignInAsync(uid, TestDirectory.Password);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/staff/inbox", response.Location());
        var inbox = await client.GetPageAsync("/staff/inbox");
        Assert.Equal("کارشناس سازمانی", inbox.QuerySelector("[data-testid=staff-name]")!.TextContent.Trim());
        var (user, tehran) = await app.WithDbAsync(async db => (
            await db.Users.Include(u => u.Subjects).SingleAsync(u => u.UserName == uid),
            await db.Provinces.Where(p => p.Code == "Tehran").Select(p => p.Id).SingleAsync()));
        Assert.Equal(StaffRole.Expert, user.Role);
        Assert.Equal(tehran, user.ProvinceId);
        Assert.Empty(user.Subjects);
        Assert.Equal(TestDirectory.Dn(uid), user.DirectoryDn);
        Assert.NotNull(user.DirectoryCheckedAt);
        Assert.Null(user.PasswordHash);
        Assert.Equal(uid + "@hajdesk.test", user.Email);
        var audit = await app.WithDbAsync(db => db.AuditEntries.Where(a => a.UserId == user.Id && a.Action == AuditActions.SignIn).SingleAsync());
        Assert.Equal("حساب سازمانی", audit.Details);
    }

    [Fact]
    public async Task SeveralMappedGroups_TheHighestRoleWins_AndGroupDnsCompareWithoutCaseOrSpaces()
    {
        await using var app = await HajDeskFactory.CreateAsync(settings: TestDirectory.OpenLdapSettings());
        var supervisor = TestDirectory.NewUserName("super");
        var isfahan = TestDirectory.NewUserName("isfahan");
        TestDirectory.AddPerson(supervisor, "سرپرست", TestDirectory.TehranExperts, TestDirectory.TehranSupervisors, TestDirectory.OtherStaff);
        TestDirectory.AddPerson(isfahan, "کارشناس اصفهان", TestDirectory.IsfahanExperts);

        await app.SignInAsync(supervisor, TestDirectory.Password);
        await app.SignInAsync(isfahan, TestDirectory.Password);

        var users = await app.WithDbAsync(db => db.Users.Where(u => u.UserName == supervisor || u.UserName == isfahan)
            .Join(db.Provinces, u => u.ProvinceId, p => p.Id, (u, p) => new { u.UserName, u.Role, p.Code }).ToListAsync());
        Assert.Contains(users, u => u.UserName == supervisor && u.Role == StaffRole.Supervisor && u.Code == "Tehran");
        Assert.Contains(users, u => u.UserName == isfahan && u.Role == StaffRole.Expert && u.Code == "Isfahan");
    }

    [Fact]
    public async Task DirectoryAdministrator_SeesTheAdministration()
    {
        await using var app = await HajDeskFactory.CreateAsync(settings: TestDirectory.OpenLdapSettings());
        var uid = TestDirectory.NewUserName("admin");
        TestDirectory.AddPerson(uid, "مدیر سازمانی", TestDirectory.Admins);

        var client = await app.SignInAsync(uid, TestDirectory.Password);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/staff/admin")).StatusCode);
        var accounts = await client.GetPageAsync("/staff/admin/accounts");
        Assert.NotNull(accounts.QuerySelector($"[data-testid=account-row][data-user='{uid}'] [data-testid=directory-account]"));
        Assert.Null(await app.WithDbAsync(db => db.Users.Where(u => u.UserName == uid).Select(u => u.ProvinceId).SingleAsync()));
    }

    [Fact]
    public async Task WrongPassword_UnknownUser_AndNoMappedGroup_GetTheOneMessage_AndNoAccountIsMade()
    {
        await using var app = await HajDeskFactory.CreateAsync(settings: TestDirectory.OpenLdapSettings());
        var member = TestDirectory.NewUserName("member");
        var outsider = TestDirectory.NewUserName("outsider");
        TestDirectory.AddPerson(member, "عضو", TestDirectory.TehranExperts);
        TestDirectory.AddPerson(outsider, "بیرون از گروه‌ها", TestDirectory.OtherStaff);

        foreach (var (userName, password, reason) in new[]
        {
            (member, "Wrong-Passw0rd-1", "رمز عبور نادرست"),
            (TestDirectory.NewUserName("nobody"), TestDirectory.Password, "در فهرست سازمان نیست"),
            (outsider, TestDirectory.Password, "عضو هیچ گروه نگاشته‌شده‌ای نیست"),
        })
        {
            var response = await app.NewClient().PostSignInAsync(userName, password);
            var page = await Html.ParseAsync(response);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(SignInModel.FailureMessage, page.QuerySelector("[data-testid=errors] li")!.TextContent.Trim());
            Assert.Equal(userName, page.GetElementById("UserName")!.GetAttribute("value"));
            Assert.DoesNotContain(password, page.DocumentElement.OuterHtml, StringComparison.Ordinal);
            var audited = await app.WithDbAsync(db => db.AuditEntries.Where(a => a.Action == AuditActions.SignInFailure && a.UserName == userName).SingleAsync());
            Assert.Equal(reason, audited.Details);
        }

        Assert.Equal(0, await app.WithDbAsync(db => db.Users.CountAsync(u => u.DirectoryDn != null)));
        Assert.DoesNotContain(app.Logs, line => line.Contains("Wrong-Passw0rd-1", StringComparison.Ordinal) || line.Contains(TestDirectory.Password, StringComparison.Ordinal));
    }

    /// <summary>
    /// Hostile user names are escaped (RFC 4515), never widen the search and never sign anyone in. (A NUL never gets
    /// that far: the form reader refuses the post with 400; <c>DirectoryRulesTests</c> checks its escaping.)
    /// </summary>
    [Theory]
    [InlineData("*")]
    [InlineData(")(uid=*")]
    [InlineData("*)(|(uid=*")]
    [InlineData("کارشناس")]
    [InlineData("\\2a")]
    [InlineData("target\\")]
    public async Task HostileUserName_IsRefusedWithTheOneMessage(string userName)
    {
        await using var app = await HajDeskFactory.CreateAsync(settings: TestDirectory.OpenLdapSettings());
        // Someone the wildcard would find, with the password the attacker types.
        TestDirectory.AddPerson(TestDirectory.NewUserName("target"), "هدف", TestDirectory.Admins);

        var response = await app.NewClient().PostSignInAsync(userName, TestDirectory.Password);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await Html.ParseAsync(response);
        Assert.Equal(SignInModel.FailureMessage, page.QuerySelector("[data-testid=errors] li")!.TextContent.Trim());
        Assert.Equal(0, await app.WithDbAsync(db => db.Users.CountAsync()));
    }

    [Fact]
    public async Task FiveWrongPasswords_LockTheDirectoryAccount_LikeALocalOne()
    {
        await using var app = await HajDeskFactory.CreateAsync(settings: TestDirectory.OpenLdapSettings());
        var uid = TestDirectory.NewUserName("locked");
        TestDirectory.AddPerson(uid, "قفل", TestDirectory.TehranExperts);
        await app.SignInAsync(uid, TestDirectory.Password);

        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await app.NewClient().PostSignInAsync(uid, "Wrong-Passw0rd-" + i)).StatusCode);
        }

        var refused = await app.NewClient().PostSignInAsync(uid, TestDirectory.Password);

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var audited = await app.WithDbAsync(db => db.AuditEntries.Where(a => a.Action == AuditActions.SignInFailure && a.UserName == uid)
            .OrderByDescending(a => a.Id).Select(a => a.Details).FirstAsync());
        Assert.Equal("حساب قفل است", audited);
    }

    [Fact]
    public async Task LocalAccount_StillSignsInWithItsPassword_AndADirectoryEntryOfTheSameNameCannotTakeItOver()
    {
        await using var app = await HajDeskFactory.CreateAsync(settings: TestDirectory.OpenLdapSettings());
        var name = TestDirectory.NewUserName("local");
        await new StaffTestData(app).CreateStaffAsync(name, StaffRole.Administrator);
        TestDirectory.AddPerson(name, "هم‌نام در فهرست", TestDirectory.Admins);

        var withDirectoryPassword = await app.NewClient().PostSignInAsync(name, TestDirectory.Password);
        await app.SignInAsync(name, StaffTestData.Password);

        Assert.Equal(HttpStatusCode.OK, withDirectoryPassword.StatusCode);
        Assert.Null(await app.WithDbAsync(db => db.Users.Where(u => u.UserName == name).Select(u => u.DirectoryDn).SingleAsync()));
    }

    [Fact]
    public async Task DirectoryDown_SaysSoInPersian_AndLogsNoPassword()
    {
        await using var app = await HajDeskFactory.CreateAsync(settings: TestDirectory.OpenLdapSettings(port: ClosedPort()));

        var response = await app.NewClient().PostSignInAsync("someone", "Secret-Passw0rd-7");

        var page = await Html.ParseAsync(response);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(SignInModel.DirectoryUnavailableMessage, page.QuerySelector("[data-testid=errors] li")!.TextContent.Trim());
        Assert.Equal("someone", page.GetElementById("UserName")!.GetAttribute("value"));
        Assert.Contains(app.Logs, line => line.Contains("Directory unavailable at the service bind", StringComparison.Ordinal));
        var password = Environment.GetEnvironmentVariable("HAJDESK_TEST_LDAP_SERVICE_PASSWORD")!;
        Assert.DoesNotContain(app.Logs, line => line.Contains("Secret-Passw0rd-7", StringComparison.Ordinal) || line.Contains(password, StringComparison.Ordinal));
    }

    public static TheoryData<string, string> Revocations => new()
    {
        { "removed-from-group", "عضو هیچ گروه نگاشته‌شده‌ای نیست" },
        { "deleted", "در فهرست سازمان نیست" },
        { "locked-openldap", "در فهرست سازمان غیرفعال است" },
    };

    /// <summary>
    /// The session stays while the re-check is not due, and ends at the first request after it once the directory
    /// has changed; the account is disabled and the revocation audited.
    /// </summary>
    [Theory]
    [MemberData(nameof(Revocations))]
    public async Task Revoked_InTheDirectory_SignedOutAtTheFirstRequestAfterTheRecheckInterval(string change, string reason)
    {
        var clock = new FakeClock(DateTimeOffset.UtcNow);
        await using var baseApp = await HajDeskFactory.CreateAsync(settings: TestDirectory.OpenLdapSettings());
        var app = baseApp.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(clock)));
        var uid = TestDirectory.NewUserName("revoked");
        TestDirectory.AddPerson(uid, "لغو", TestDirectory.TehranExperts);
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostSignInAsync(uid, TestDirectory.Password)).StatusCode);

        switch (change)
        {
            case "removed-from-group":
                TestDirectory.RemoveFromGroup(uid, TestDirectory.TehranExperts);
                break;
            case "deleted":
                TestDirectory.Delete(uid);
                break;
            default:
                TestDirectory.LockAsOpenLdap(uid);
                break;
        }

        clock.Advance(TimeSpan.FromMinutes(4));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/staff/inbox")).StatusCode);
        clock.Advance(TimeSpan.FromMinutes(1.5));
        var after = await client.GetAsync("/staff/inbox");

        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("http://localhost/staff/sign-in", after.Location(), StringComparison.Ordinal);
        var (disabled, audited) = await baseApp.WithDbAsync(async db => (
            await db.Users.Where(u => u.UserName == uid).Select(u => u.IsDisabled).SingleAsync(),
            await db.AuditEntries.Where(a => a.UserName == uid && a.Action == AuditActions.DirectoryRevoke).Select(a => a.Details).SingleAsync()));
        Assert.True(disabled);
        Assert.Equal(reason, audited);
        // And the password no longer opens it.
        Assert.Equal(HttpStatusCode.OK, (await app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false })
            .PostSignInAsync(uid, TestDirectory.Password)).StatusCode);
    }

    [Fact]
    public async Task ActiveDirectorySettings_SignInBySamAccountName_AndTheDisabledBitRevokes()
    {
        var clock = new FakeClock(DateTimeOffset.UtcNow);
        await using var baseApp = await HajDeskFactory.CreateAsync(settings: TestDirectory.ActiveDirectorySettings());
        var app = baseApp.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(clock)));
        var uid = TestDirectory.NewUserName("ad");
        TestDirectory.AddPerson(uid, "کاربر اکتیو دایرکتوری", TestDirectory.TehranSupervisors);
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostSignInAsync(uid, TestDirectory.Password)).StatusCode);
        Assert.Equal(StaffRole.Supervisor, await baseApp.WithDbAsync(db => db.Users.Where(u => u.UserName == uid).Select(u => u.Role).SingleAsync()));

        TestDirectory.DisableAsActiveDirectory(uid);
        clock.Advance(TimeSpan.FromMinutes(5));
        var after = await client.GetAsync("/staff/inbox");

        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.Equal("در فهرست سازمان غیرفعال است", await baseApp.WithDbAsync(db => db.AuditEntries
            .Where(a => a.UserName == uid && a.Action == AuditActions.DirectoryRevoke).Select(a => a.Details).SingleAsync()));
    }

    [Fact]
    public async Task GroupChange_AppliesTheNewRoleAndProvinceAtTheRecheck_WithoutSigningOut()
    {
        var clock = new FakeClock(DateTimeOffset.UtcNow);
        await using var baseApp = await HajDeskFactory.CreateAsync(settings: TestDirectory.OpenLdapSettings());
        var app = baseApp.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(clock)));
        var uid = TestDirectory.NewUserName("moved");
        TestDirectory.AddPerson(uid, "جابه‌جا", TestDirectory.TehranExperts);
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostSignInAsync(uid, TestDirectory.Password)).StatusCode);

        TestDirectory.RemoveFromGroup(uid, TestDirectory.TehranExperts);
        TestDirectory.AddToGroup(uid, TestDirectory.IsfahanExperts);
        clock.Advance(TimeSpan.FromMinutes(6));

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/staff/inbox")).StatusCode);
        var province = await baseApp.WithDbAsync(db => db.Users.Where(u => u.UserName == uid)
            .Join(db.Provinces, u => u.ProvinceId, p => p.Id, (u, p) => p.Code).SingleAsync());
        Assert.Equal("Isfahan", province);
        Assert.Equal(1, await baseApp.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.UserName == uid && a.Action == AuditActions.DirectoryUpdate)));
    }

    [Theory]
    [InlineData("Directory:Host", null, "Directory:Host is required")]
    [InlineData("Directory:UserFilter", "uid={0}", "Directory:UserFilter 'uid={0}' must be a filter in parentheses")]
    [InlineData("Directory:Groups:2:Province", null, "Directory:Groups:2:Province (a province code, e.g. Tehran) is required for the Expert role")]
    [InlineData("Directory:RecheckMinutes", "0", "Directory:RecheckMinutes must be between 1 and 60")]
    public async Task BadSetting_StopsStartUp_WithAMessageNamingIt(string key, string? value, string message)
    {
        var settings = TestDirectory.OpenLdapSettings();
        settings[key] = value;
        await using var app = await HajDeskFactory.CreateAsync(settings: settings);

        var error = Assert.Throws<OptionsValidationException>(() => app.CreateClient());

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    private static int ClosedPort()
    {
        var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}

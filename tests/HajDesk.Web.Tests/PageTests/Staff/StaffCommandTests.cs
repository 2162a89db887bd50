using System.Diagnostics;
using System.Net;
using HajDesk.Core.Staff;
using HajDesk.Web.Staff;
using HajDesk.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HajDesk.Web.Tests.PageTests.Staff;

public class StaffCommandTests
{
    private static async Task<(int ExitCode, string Output, string Errors)> RunWebAsync(
        TestDatabase database, string? password, string? stdin, params string[] args)
    {
        var webDll = Path.Combine(AppContext.BaseDirectory, "HajDesk.Web.dll");
        var start = new ProcessStartInfo("dotnet", [webDll, .. args])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.Environment["Database__Provider"] = "Sqlite";
        start.Environment["Database__ConnectionString"] = database.ConnectionString;
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment.Remove(CreateAdminCommand.PasswordVariable);
        if (password is not null)
        {
            start.Environment[CreateAdminCommand.PasswordVariable] = password;
        }

        using var process = Process.Start(start)!;
        if (stdin is not null)
        {
            await process.StandardInput.WriteLineAsync(stdin);
        }

        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output, await errors);
    }

    [Fact]
    public async Task CreateAdmin_WithThePasswordFromTheEnvironment_CreatesAnAdministratorWhoCanSignIn()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);

        var (exit, output, errors) = await RunWebAsync(database, "Chief-Passw0rd-1", null, "create-admin", "--user", "chief", "--name", "مدیر ارشد سامانه");

        Assert.True(exit == 0, $"exit {exit}\n{output}\n{errors}");
        Assert.Contains("Administrator 'chief' created.", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Chief-Passw0rd-1", output + errors, StringComparison.Ordinal);
        await using var app = new HajDeskFactory(database, ownsDatabase: false);
        var admin = await app.WithDbAsync(db => db.Users.SingleAsync(u => u.UserName == "chief"));
        Assert.Equal(StaffRole.Administrator, admin.Role);
        Assert.Equal("مدیر ارشد سامانه", admin.DisplayName);
        Assert.Null(admin.ProvinceId);
        Assert.Equal(1, await app.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == AuditActions.CreateAdmin)));
        var inbox = await (await app.SignInAsync("chief", "Chief-Passw0rd-1")).GetPageAsync("/staff/inbox");
        Assert.Equal("مدیر ارشد سامانه", inbox.QuerySelector("[data-testid=staff-name]")!.TextContent.Trim());
    }

    [Fact]
    public async Task CreateAdmin_ReadsThePasswordFromStandardInput_AndRefusesAWeakOneOrADuplicate()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);

        var weak = await RunWebAsync(database, null, "short", "create-admin", "--user", "chief", "--name", "Chief");
        Assert.True(weak.ExitCode == 1, $"exit {weak.ExitCode}\n{weak.Output}\n{weak.Errors}");
        Assert.Contains("not created", weak.Errors, StringComparison.Ordinal);

        var fromStdin = await RunWebAsync(database, null, "Stdin-Passw0rd-1", "create-admin", "--user=chief", "--name=Chief");
        Assert.True(fromStdin.ExitCode == 0, $"exit {fromStdin.ExitCode}\n{fromStdin.Output}\n{fromStdin.Errors}");

        var again = await RunWebAsync(database, "Other-Passw0rd-1", null, "create-admin", "--user", "chief", "--name", "Chief");
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("already exists", again.Errors, StringComparison.Ordinal);

        await using var app = new HajDeskFactory(database, ownsDatabase: false);
        await app.SignInAsync("chief", "Stdin-Passw0rd-1");
    }

    [Fact]
    public void CreateAdmin_RefusesAPasswordOnTheCommandLineAndMissingOptions()
    {
        Assert.False(CreateAdminCommand.TryParse(["--user", "a", "--name", "b", "--password", "x"], out _, out _, out var error));
        Assert.Contains(CreateAdminCommand.PasswordVariable, error, StringComparison.Ordinal);
        Assert.False(CreateAdminCommand.TryParse(["--user", "a"], out _, out _, out error));
        Assert.Equal(CreateAdminCommand.Usage, error);
        Assert.True(CreateAdminCommand.TryParse(["--user", "a", "--urls", "http://x", "--name", "b c"], out var parsed, out var rest, out _));
        Assert.Equal(new CreateAdminCommand.Arguments("a", "b c"), parsed);
        Assert.Equal(["--urls", "http://x"], rest);
    }

    [Fact]
    public async Task ResetAdmin_ForALockedOutDisabledAdministratorWithTwoFactor_SetsANewPasswordAndLetsThemBackIn()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using (var arrange = new HajDeskFactory(database, ownsDatabase: false))
        {
            await new StaffTestData(arrange).CreateStaffAsync("chief", StaffRole.Administrator, null);
            await new StaffTestData(arrange).CreateStaffAsync("tehran.expert", StaffRole.Expert, "Tehran");
            await using var scope = arrange.Services.CreateAsyncScope();
            var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<StaffUser>>();
            var chief = (await users.FindByNameAsync("chief"))!;
            await users.ResetAuthenticatorKeyAsync(chief);
            await users.SetTwoFactorEnabledAsync(chief, true);
            await users.GenerateNewTwoFactorRecoveryCodesAsync(chief, 10);
            await users.SetLockoutEndDateAsync(chief, DateTimeOffset.UtcNow.AddYears(1));
            chief.IsDisabled = true;
            await users.UpdateAsync(chief);
        }

        var weak = await RunWebAsync(database, "short", null, "reset-admin", "--user", "chief");
        var notAnAdmin = await RunWebAsync(database, "Expert-Passw0rd-1", null, "reset-admin", "--user", "tehran.expert");
        var unknown = await RunWebAsync(database, "Other-Passw0rd-1", null, "reset-admin", "--user", "nobody");
        var noUser = await RunWebAsync(database, "Other-Passw0rd-1", null, "reset-admin");
        var onTheCommandLine = await RunWebAsync(database, null, null, "reset-admin", "--user", "chief", "--password", "Chief-Passw0rd-2");
        var (exit, output, errors) = await RunWebAsync(database, "Chief-Passw0rd-2", null, "reset-admin", "--user", "chief");

        Assert.Equal(1, weak.ExitCode);
        Assert.Equal(1, notAnAdmin.ExitCode);
        Assert.Equal(1, unknown.ExitCode);
        Assert.Equal(2, noUser.ExitCode);
        Assert.Equal(2, onTheCommandLine.ExitCode);
        Assert.Contains("never taken from the command line", onTheCommandLine.Errors, StringComparison.Ordinal);
        Assert.True(exit == 0, $"exit {exit}\n{output}\n{errors}");
        Assert.Contains("Administrator 'chief' reset", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Chief-Passw0rd-2", output + errors, StringComparison.Ordinal);
        await using var app = new HajDeskFactory(database, ownsDatabase: false);
        // Straight in with the new password: no code step, no lockout, the account enabled.
        var inbox = await app.SignInAsync("chief", "Chief-Passw0rd-2");
        Assert.Equal(HttpStatusCode.OK, (await inbox.GetAsync("/staff/inbox")).StatusCode);
        var chiefAfter = await app.WithDbAsync(db => db.Users.SingleAsync(u => u.UserName == "chief"));
        Assert.False(chiefAfter.TwoFactorEnabled);
        Assert.False(chiefAfter.IsDisabled);
        var audited = await app.WithDbAsync(db => db.AuditEntries.Where(a => a.Action == AuditActions.ResetAdmin).ToListAsync());
        Assert.Single(audited);
        Assert.Equal(chiefAfter.Id, audited[0].UserId);
        // The expert the refused run named was not touched.
        Assert.Equal(1, await app.WithDbAsync(db => db.Users.CountAsync(u => u.UserName == "tehran.expert" && u.Role == StaffRole.Expert)));
    }

    [Fact]
    public async Task Production_SeedsNoDemoStaff()
    {
        await using var baseApp = await HajDeskFactory.CreateAsync(settings: new Dictionary<string, string?>
        {
            [DemoStaff.PasswordSetting] = "Demo-Passw0rd-1",
            ["Captcha:TestCode"] = "",
            // Production asks for a key-ring certificate; this test is about demo accounts, not about that.
            ["DataProtection:AllowUnencryptedKeys"] = "true",
        });
        var app = baseApp.WithWebHostBuilder(b => b.UseEnvironment("Production"));
        _ = app.Server;

        Assert.Equal(0, await baseApp.WithDbAsync(db => db.Users.CountAsync()));
    }

    [Fact]
    public async Task Development_SeedsTheFourDemoAccountsWithTheConfiguredPassword()
    {
        await using var baseApp = await HajDeskFactory.CreateAsync(settings: new Dictionary<string, string?>
        {
            [DemoStaff.PasswordSetting] = "Demo-Passw0rd-1",
        });
        var app = baseApp.WithWebHostBuilder(b => b.UseEnvironment("Development"));
        _ = app.Server;

        var users = await baseApp.WithDbAsync(db => db.Users.OrderBy(u => u.UserName).Select(u => new { u.UserName, u.Role, Province = db.Provinces.Where(p => p.Id == u.ProvinceId).Select(p => p.Code).FirstOrDefault() }).ToListAsync());
        Assert.Equal(
            ["admin:Administrator:", "isfahan.expert:Expert:Isfahan", "tehran.expert:Expert:Tehran", "tehran.supervisor:Supervisor:Tehran"],
            users.Select(u => $"{u.UserName}:{u.Role}:{u.Province}"));
        var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var response = await client.PostSignInAsync("tehran.supervisor", "Demo-Passw0rd-1");
        Assert.Equal("/staff/inbox", response.Location());
    }

    [Fact]
    public void DemoPassword_WhenGenerated_MeetsThePolicy()
    {
        for (var i = 0; i < 50; i++)
        {
            var password = DemoStaff.GeneratePassword();
            Assert.Equal(16, password.Length);
            Assert.Contains(password, char.IsAsciiLetterUpper);
            Assert.Contains(password, char.IsAsciiLetterLower);
            Assert.Contains(password, char.IsAsciiDigit);
        }
    }
}

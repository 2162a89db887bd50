using HajDesk.Core.Staff;
using Microsoft.AspNetCore.Identity;

namespace HajDesk.Web.Staff;

/// <summary>
/// <c>dotnet HajDesk.Web.dll reset-admin --user NAME</c>: the way back in when every administrator is locked out
/// (a lost password, a lost phone, an account disabled by mistake). Sets a new password — from
/// <c>HAJDESK_ADMIN_PASSWORD</c> or standard input, never the command line, like <c>create-admin</c> — turns two-factor
/// sign-in off (with a new authenticator key and no recovery codes left), clears the lockout, enables the account and
/// ends its sessions. Only for an administrator's account; audited. Whoever can run it already holds the server and
/// the database settings, which is the trust this needs.
/// </summary>
public static class ResetAdminCommand
{
    public const string Name = "reset-admin";

    public const string Usage =
        "Usage: reset-admin --user NAME  (new password from HAJDESK_ADMIN_PASSWORD or standard input)";

    /// <summary>Takes <c>--user</c> out of <paramref name="args"/>; the rest goes on to the host.</summary>
    public static bool TryParse(string[] args, out string? userName, out string[] rest, out string? error)
    {
        var parsed = CreateAdminCommand.TakeOptions(args, ["--user"], out rest, out error);
        userName = parsed.GetValueOrDefault("--user")?.Trim();
        if (error is null && string.IsNullOrWhiteSpace(userName))
        {
            error = Usage;
        }

        return error is null;
    }

    /// <summary>Resets the administrator; returns the process exit code.</summary>
    public static async Task<int> RunAsync(IServiceProvider services, string userName, TextReader input, TextWriter output, TextWriter errors)
    {
        var password = CreateAdminCommand.ReadPassword(input, output);
        if (string.IsNullOrEmpty(password))
        {
            await errors.WriteLineAsync($"No password: set {CreateAdminCommand.PasswordVariable} or write it to standard input.");
            return 2;
        }

        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var audit = scope.ServiceProvider.GetRequiredService<AuditLog>();
        var user = await users.FindByNameAsync(userName);
        if (user is null || user.Role != StaffRole.Administrator)
        {
            await errors.WriteLineAsync($"There is no administrator named '{userName}'. ({CreateAdminCommand.Name} makes a new one.)");
            return 1;
        }

        // The password first: a password the policy refuses changes nothing else.
        var reset = await users.ResetPasswordAsync(user, await users.GeneratePasswordResetTokenAsync(user), password);
        if (!reset.Succeeded)
        {
            await errors.WriteLineAsync("The administrator was not reset:");
            foreach (var problem in reset.Errors)
            {
                await errors.WriteLineAsync("  " + problem.Description);
            }

            return 1;
        }

        user.IsDisabled = false;
        await users.UpdateAsync(user);
        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        await users.SetTwoFactorEnabledAsync(user, false);
        await users.ResetAuthenticatorKeyAsync(user);
        await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 0);
        // Every session of the account ends (the security stamp changed with each step; once more to be sure).
        await users.UpdateSecurityStampAsync(user);

        await audit.WriteForAsync(user.Id, "(command line)", AuditActions.ResetAdmin,
            $"مدیر سامانه «{user.UserName}» بازنشانی شد: گذرواژه تازه، ورود دومرحله‌ای خاموش، قفل برداشته.");
        await output.WriteLineAsync(
            $"Administrator '{user.UserName}' reset: new password set, two-factor sign-in off, lockout cleared, account enabled, sessions ended.");
        return 0;
    }
}

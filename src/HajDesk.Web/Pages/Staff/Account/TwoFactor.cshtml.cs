using System.Text;
using HajDesk.Core.Staff;
using HajDesk.Web.Infrastructure;
using HajDesk.Web.Staff;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HajDesk.Web.Pages.Staff.Account;

/// <summary>
/// Turns two-factor sign-in (TOTP, any authenticator app) on and off for the signed-in staff member. The shared key
/// is shown as text and as an <c>otpauth://</c> address; turning it on or off needs a current code from the app.
/// </summary>
[NoStore]
public class TwoFactorModel(UserManager<StaffUser> users, SignInManager<StaffUser> signIn, AuditLog audit) : PageModel
{
    public const string Issuer = "HajDesk";

    [BindProperty]
    public string? Code { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Done { get; set; }

    public bool Enabled { get; private set; }

    /// <summary>The shared key in groups of four, for typing into the app.</summary>
    public string? SharedKey { get; private set; }

    public string? AuthenticatorUri { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        await LoadAsync(user);
        return Page();
    }

    public Task<IActionResult> OnPostEnableAsync() => SwitchAsync(enable: true);

    public Task<IActionResult> OnPostDisableAsync() => SwitchAsync(enable: false);

    /// <summary>Turns two-factor sign-in on or off once a current code from the authenticator proves the phone.</summary>
    private async Task<IActionResult> SwitchAsync(bool enable)
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        if (!await VerifyAsync(user))
        {
            await LoadAsync(user);
            return Page();
        }

        await users.SetTwoFactorEnabledAsync(user, enable);
        if (!enable)
        {
            // A later enabling starts with a new key.
            await users.ResetAuthenticatorKeyAsync(user);
        }

        // The change renews the security stamp; renew this browser's cookie so it stays signed in.
        await signIn.RefreshSignInAsync(user);
        await audit.WriteAsync(enable ? AuditActions.TwoFactorEnable : AuditActions.TwoFactorDisable, null, null);
        return Redirect("/staff/account/two-factor?done=" + (enable ? "enabled" : "disabled"));
    }

    private async Task<bool> VerifyAsync(StaffUser user)
    {
        var code = Pages.Staff.SignInCodeModel.NormalizeCode(Code);
        Code = null;
        if (code.Length == 6
            && await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code))
        {
            return true;
        }

        // A spent code is never written back into the field: only the message stays.
        ModelState.Remove(nameof(Code));
        ModelState.AddModelError(nameof(Code), SignInCodeModel.FailureMessage);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return false;
    }

    private async Task LoadAsync(StaffUser user)
    {
        Enabled = await users.GetTwoFactorEnabledAsync(user);
        if (Enabled)
        {
            return;
        }

        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            await users.ResetAuthenticatorKeyAsync(user);
            await signIn.RefreshSignInAsync(user);
            key = await users.GetAuthenticatorKeyAsync(user) ?? string.Empty;
        }

        SharedKey = FormatKey(key);
        AuthenticatorUri =
            $"otpauth://totp/{Uri.EscapeDataString(Issuer)}:{Uri.EscapeDataString(user.UserName ?? string.Empty)}" +
            $"?secret={key}&issuer={Uri.EscapeDataString(Issuer)}&digits=6";
    }

    private static string FormatKey(string key)
    {
        var builder = new StringBuilder();
        for (var i = 0; i < key.Length; i += 4)
        {
            if (i > 0)
            {
                builder.Append(' ');
            }

            builder.Append(key.AsSpan(i, Math.Min(4, key.Length - i)));
        }

        return builder.ToString();
    }
}

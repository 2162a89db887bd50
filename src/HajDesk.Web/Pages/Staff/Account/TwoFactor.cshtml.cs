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
/// is shown as a QR code, as text and as an <c>otpauth://</c> address; turning it on or off needs a current code from
/// the app. Turning it on shows ten one-time recovery codes, once (for a lost phone); a new set can be made with a
/// current code, which spoils the old one.
/// </summary>
[NoStore]
public class TwoFactorModel(UserManager<StaffUser> users, SignInManager<StaffUser> signIn, AuditLog audit) : PageModel
{
    public const string Issuer = "HajDesk";

    [BindProperty]
    public string? Code { get; set; }

    public bool Enabled { get; private set; }

    /// <summary>The shared key in groups of four, for typing into the app.</summary>
    public string? SharedKey { get; private set; }

    public string? AuthenticatorUri { get; private set; }

    /// <summary>The shared key as a QR code (a PNG data address; the page's policy allows <c>data:</c> images).</summary>
    public string? QrCodeDataUri { get; private set; }

    /// <summary>Recovery codes just made: shown on this one response only, never stored readable.</summary>
    public IReadOnlyList<string> RecoveryCodes { get; private set; } = [];

    /// <summary>How many unused recovery codes the account has left.</summary>
    public int RecoveryCodesLeft { get; private set; }

    /// <summary>How many recovery codes a set holds.</summary>
    public const int RecoveryCodeCount = 10;

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

    /// <summary>A new set of recovery codes (the old ones stop working), proved by a current code from the app.</summary>
    public async Task<IActionResult> OnPostRecoveryCodesAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        if (await users.GetTwoFactorEnabledAsync(user) && await VerifyAsync(user))
        {
            RecoveryCodes = [.. await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount) ?? []];
            await audit.WriteAsync(AuditActions.RecoveryCodesNew, null, null);
        }

        await LoadAsync(user);
        return Page();
    }

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
            // A later enabling starts with a new key, and no recovery code of this one stays usable.
            await users.ResetAuthenticatorKeyAsync(user);
            await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 0);
        }

        // The change renews the security stamp; renew this browser's cookie so it stays signed in.
        await signIn.RefreshSignInAsync(user);
        await audit.WriteAsync(enable ? AuditActions.TwoFactorEnable : AuditActions.TwoFactorDisable, null, null);
        if (!enable)
        {
            this.Flash("ورود دومرحله‌ای خاموش شد.");
            return RedirectToPage("TwoFactor");
        }

        // Rendered, not redirected: the recovery codes are shown on this response once and kept nowhere readable.
        this.Flash("ورود دومرحله‌ای روشن شد. از این پس هنگام ورود، کد برنامه رمزساز هم پرسیده می‌شود.");
        RecoveryCodes = [.. await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount) ?? []];
        await audit.WriteAsync(AuditActions.RecoveryCodesNew, null, null);
        await LoadAsync(user);
        return Page();
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
            RecoveryCodesLeft = await users.CountRecoveryCodesAsync(user);
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
        QrCodeDataUri = QrCode(AuthenticatorUri);
    }

    /// <summary>A PNG QR code of <paramref name="text"/> as a data address, black on white with its quiet zone.</summary>
    private static string QrCode(string text)
    {
        using var generator = new QRCoder.QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCoder.QRCodeGenerator.ECCLevel.M);
        using var png = new QRCoder.PngByteQRCode(data);
        return "data:image/png;base64," + Convert.ToBase64String(png.GetGraphic(6));
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

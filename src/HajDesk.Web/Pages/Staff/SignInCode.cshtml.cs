using HajDesk.Core.Persian;
using HajDesk.Core.Staff;
using HajDesk.Web.Infrastructure;
using HajDesk.Web.Staff;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace HajDesk.Web.Pages.Staff;

/// <summary>
/// Staff sign-in, step 2 for accounts with two-factor sign-in: the six-digit code of the authenticator app
/// (Persian, Arabic-Indic or ASCII digits; spaces allowed). Wrong codes count toward the lockout.
/// </summary>
[NoStore]
[EnableRateLimiting(RateLimits.StaffSignIn)]
public class SignInCodeModel(SignInManager<StaffUser> signIn, AuditLog audit) : PageModel
{
    public const string FailureMessage = "کد درست نیست. کد تازه‌ای را از برنامه رمزساز بنویسید.";

    /// <summary>The longest code the field takes: six digits with room for spaces between groups.</summary>
    public const int MaxLength = 12;

    [BindProperty]
    public string? Code { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public async Task<IActionResult> OnGetAsync() =>
        await signIn.GetTwoFactorAuthenticationUserAsync() is null ? Redirect(StaffServiceCollectionExtensions.SignInPath) : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (user is null)
        {
            return Redirect(StaffServiceCollectionExtensions.SignInPath);
        }

        var code = NormalizeCode(Code);
        Code = null;
        var result = code.Length == 6
            ? await signIn.TwoFactorAuthenticatorSignInAsync(code, isPersistent: false, rememberClient: false)
            : Microsoft.AspNetCore.Identity.SignInResult.Failed;
        if (result.Succeeded)
        {
            await audit.WriteForAsync(user.Id, user.UserName, AuditActions.SignIn, "با رمز یک‌بار مصرف");
            return Redirect(SignInModel.SafeReturnUrl(ReturnUrl));
        }

        await audit.WriteForAsync(user.Id, user.UserName, AuditActions.TwoFactorFailure, result.IsLockedOut ? "حساب قفل است" : null);
        // A spent code is never written back into the field: only the message stays.
        ModelState.Remove(nameof(Code));
        ModelState.AddModelError(nameof(Code), FailureMessage);
        return Page();
    }

    /// <summary>Digits of any script to ASCII; spaces and dashes between them dropped.</summary>
    public static string NormalizeCode(string? input) =>
        new(PersianText.NormalizeNumeric(input).Where(char.IsAsciiDigit).ToArray());
}

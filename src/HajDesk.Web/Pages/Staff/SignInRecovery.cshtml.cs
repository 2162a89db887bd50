using HajDesk.Core.Staff;
using HajDesk.Web.Infrastructure;
using HajDesk.Web.Staff;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace HajDesk.Web.Pages.Staff;

/// <summary>
/// Staff sign-in, step 2 without the phone: one of the ten recovery codes shown when two-factor sign-in was turned on.
/// Each works once; wrong ones count toward the lockout like wrong authenticator codes.
/// </summary>
[NoStore]
[EnableRateLimiting(RateLimits.StaffSignIn)]
public class SignInRecoveryModel(SignInManager<StaffUser> signIn, UserManager<StaffUser> users, AuditLog audit) : PageModel
{
    public const string FailureMessage = "کد بازیابی درست نیست یا پیش‌تر به کار رفته است.";

    /// <summary>The longest recovery code the field takes, with room for spaces.</summary>
    public const int MaxLength = 20;

    [BindProperty]
    public string? RecoveryCode { get; set; }

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

        var code = Normalize(RecoveryCode);
        RecoveryCode = null;
        // The framework's recovery sign-in neither checks nor counts toward the lockout: this page does both.
        var result = await users.IsLockedOutAsync(user) ? Microsoft.AspNetCore.Identity.SignInResult.LockedOut
            : code.Length is > 0 and <= MaxLength ? await signIn.TwoFactorRecoveryCodeSignInAsync(code)
            : Microsoft.AspNetCore.Identity.SignInResult.Failed;
        if (result.Succeeded)
        {
            await audit.WriteForAsync(user.Id, user.UserName, AuditActions.RecoveryCodeSignIn,
                $"کدهای بازیابی مانده: {await users.CountRecoveryCodesAsync(user)}");
            return Redirect(SignInModel.SafeReturnUrl(ReturnUrl));
        }

        if (!result.IsLockedOut)
        {
            // A wrong recovery code counts toward the lockout, as a wrong authenticator code does.
            await users.AccessFailedAsync(user);
        }

        await audit.WriteForAsync(user.Id, user.UserName, AuditActions.TwoFactorFailure,
            result.IsLockedOut ? "کد بازیابی؛ حساب قفل است" : "کد بازیابی");
        // A tried code is never written back into the field: only the message stays.
        ModelState.Remove(nameof(RecoveryCode));
        ModelState.AddModelError(nameof(RecoveryCode), FailureMessage);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    /// <summary>Spaces (a code copied from paper in two groups) and invisible marks dropped; letters as typed.</summary>
    private static string Normalize(string? input) =>
        new((input ?? string.Empty).Where(c => !char.IsWhiteSpace(c) && char.GetUnicodeCategory(c) != System.Globalization.UnicodeCategory.Format).ToArray());
}

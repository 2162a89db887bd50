using HajDesk.Core.Staff;
using HajDesk.Web.Infrastructure;
using HajDesk.Web.Staff;
using HajDesk.Web.Staff.Directory;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace HajDesk.Web.Pages.Staff;

/// <summary>
/// Staff sign-in, step 1: user name and password. Every failure — unknown user, wrong password, disabled or locked
/// account — shows the same message, and an unknown user costs the same password-hashing time as a known one, so
/// the page does not tell which accounts exist. Five failures lock the account for 15 minutes.
/// With <c>Directory:Enabled</c>, a user name that is not a local account (or is a directory account) is signed in
/// through the directory (<see cref="DirectoryAccounts"/>): same message, same lockout, same two-factor step.
/// </summary>
[NoStore]
[EnableRateLimiting(RateLimits.StaffSignIn)]
public class SignInModel(
    UserManager<StaffUser> users,
    SignInManager<StaffUser> signIn,
    IPasswordHasher<StaffUser> hasher,
    DirectoryAccounts directory,
    AuditLog audit) : PageModel
{
    public const string FailureMessage = "نام کاربری یا رمز عبور درست نیست.";

    public const string DirectoryUnavailableMessage =
        "ورود با حساب سازمانی اکنون ممکن نیست، چون سامانه به فهرست کاربران سازمان دسترسی ندارد. چند دقیقه دیگر دوباره تلاش کنید یا به پشتیبانی خبر دهید.";

    public const string MissingMessage = "نام کاربری و رمز عبور را بنویسید.";

    /// <summary>The longest user name or password the form takes.</summary>
    public const int MaxLength = 256;

    private static string? dummyHash;

    [BindProperty]
    public string? UserName { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public IActionResult OnGet() =>
        User.Identity?.IsAuthenticated == true ? Redirect(SafeReturnUrl(ReturnUrl)) : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        var userName = (UserName ?? string.Empty).Trim();
        var password = Password ?? string.Empty;
        Password = null;
        if (userName.Length == 0 || password.Length == 0)
        {
            // One message, on the first empty field, so the summary links to it and the field is marked.
            ModelState.AddModelError(userName.Length == 0 ? nameof(UserName) : nameof(Password), MissingMessage);
            return Page();
        }

        var user = await users.FindByNameAsync(userName);
        string reason;
        if (directory.Enabled && (user is null || user.IsDirectoryAccount))
        {
            var fromDirectory = await directory.SignInAsync(user, userName, password, HttpContext.RequestAborted);
            user = fromDirectory.User;
            if (fromDirectory.Outcome == DirectorySignInOutcome.Accepted)
            {
                var result = await ((StaffSignInManager)signIn).SignInDirectoryAccountAsync(user!);
                var done = await FinishAsync(user!, result, "حساب سازمانی");
                if (done is not null)
                {
                    return done;
                }

                reason = result.IsLockedOut ? "حساب قفل است" : "حساب غیرفعال است";
            }
            else
            {
                reason = fromDirectory.Reason ?? string.Empty;
                if (fromDirectory.Outcome == DirectorySignInOutcome.Unavailable)
                {
                    await audit.WriteForAsync(user?.Id, user?.UserName ?? AuditLog.SafeUserName(userName), AuditActions.SignInFailure, reason);
                    ModelState.AddModelError(string.Empty, DirectoryUnavailableMessage);
                    return Page();
                }
            }
        }
        else if (user is null)
        {
            SpendHashingTime(password);
            reason = "نام کاربری ناشناخته";
        }
        else
        {
            var result = await signIn.PasswordSignInAsync(user, password, isPersistent: false, lockoutOnFailure: true);
            var done = await FinishAsync(user, result, null);
            if (done is not null)
            {
                return done;
            }

            if (result.IsNotAllowed || result.IsLockedOut)
            {
                // Refused before the password was checked: take as long as a check would.
                SpendHashingTime(password);
            }

            reason = result.IsLockedOut ? "حساب قفل است" : result.IsNotAllowed ? "حساب غیرفعال است" : "رمز عبور نادرست";
        }

        await audit.WriteForAsync(user?.Id, user?.UserName ?? AuditLog.SafeUserName(userName), AuditActions.SignInFailure, reason);
        ModelState.AddModelError(string.Empty, FailureMessage);
        return Page();
    }

    /// <summary>Where a sign-in that got past the password goes: the return address, or the code step; null if refused.</summary>
    private async Task<IActionResult?> FinishAsync(StaffUser user, Microsoft.AspNetCore.Identity.SignInResult result, string? details)
    {
        if (result.Succeeded)
        {
            await audit.WriteForAsync(user.Id, user.UserName, AuditActions.SignIn, details);
            return Redirect(SafeReturnUrl(ReturnUrl));
        }

        if (result.RequiresTwoFactor)
        {
            return RedirectToPage("/Staff/SignInCode", new { returnUrl = ReturnUrl is null ? null : SafeReturnUrl(ReturnUrl) });
        }

        return null;
    }

    /// <summary>A local back-office address to go to after sign-in; the inbox for anything else.</summary>
    public static string SafeReturnUrl(string? returnUrl) =>
        returnUrl is { Length: > 1 } url && url.StartsWith("/staff/", StringComparison.Ordinal)
            && !url.StartsWith("/staff/sign-", StringComparison.Ordinal)
            && !url.Contains("//", StringComparison.Ordinal) && !url.Contains('\\', StringComparison.Ordinal)
            ? url
            : "/staff/inbox";

    private void SpendHashingTime(string password)
    {
        var nobody = new StaffUser { DisplayName = string.Empty };
        dummyHash ??= hasher.HashPassword(nobody, Guid.NewGuid().ToString());
        hasher.VerifyHashedPassword(nobody, dummyHash, password);
    }
}

using HajDesk.Core.Staff;
using HajDesk.Web.Staff;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HajDesk.Web.Pages.Staff;

/// <summary>
/// Sign-out (POST only, with the antiforgery token). The account's security stamp is renewed, so the cookie just
/// removed — or a copy of it anywhere else — stops working on its next request: signing out ends all of the
/// account's sessions.
/// </summary>
public class SignOutModel(UserManager<StaffUser> users, SignInManager<StaffUser> signIn, AuditLog audit) : PageModel
{
    public IActionResult OnGet() => RedirectToPage("/Staff/Inbox/Index");

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is not null)
        {
            await audit.WriteAsync(AuditActions.SignOut, null, null);
            await users.UpdateSecurityStampAsync(user);
        }

        await signIn.SignOutAsync();
        return Redirect(StaffServiceCollectionExtensions.SignInPath);
    }
}

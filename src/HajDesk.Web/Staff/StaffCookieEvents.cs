using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;

namespace HajDesk.Web.Staff;

/// <summary>
/// Runs on every request that carries the staff cookie: Identity's periodic security-stamp check (which also
/// refreshes the claims), then <see cref="CurrentStaff"/>'s check against the database, so a disabled account or a
/// signed-out session stops working on its next request.
/// </summary>
public sealed class StaffCookieEvents(CurrentStaff currentStaff) : CookieAuthenticationEvents
{
    public override async Task ValidatePrincipal(CookieValidatePrincipalContext context)
    {
        await SecurityStampValidator.ValidatePrincipalAsync(context);
        if (context.Principal is null
            || await currentStaff.AuthenticateAsync(context.Principal, context.HttpContext.RequestAborted) is null)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
        }
    }
}

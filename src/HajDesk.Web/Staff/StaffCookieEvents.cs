using HajDesk.Core.Staff;
using HajDesk.Web.Staff.Directory;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;

namespace HajDesk.Web.Staff;

/// <summary>
/// Runs on every request that carries the staff cookie: Identity's periodic security-stamp check (which also
/// refreshes the claims), then <see cref="CurrentStaff"/>'s check against the database, so a disabled account or a
/// signed-out session stops working on its next request. For a directory account, every
/// <c>Directory:RecheckMinutes</c> the directory is asked again (<see cref="DirectoryAccounts.RecheckIfDueAsync"/>):
/// an account gone from it, disabled in it or out of every mapped group is disabled and signed out at that request.
/// </summary>
public sealed class StaffCookieEvents(CurrentStaff currentStaff, DirectoryAccounts directory, SignInManager<StaffUser> signIn)
    : CookieAuthenticationEvents
{
    public override async Task ValidatePrincipal(CookieValidatePrincipalContext context)
    {
        await SecurityStampValidator.ValidatePrincipalAsync(context);
        var aborted = context.HttpContext.RequestAborted;
        var member = context.Principal is null ? null : await currentStaff.AuthenticateAsync(context.Principal, aborted);
        if (member is { IsDirectoryAccount: true })
        {
            switch (await directory.RecheckIfDueAsync(member, aborted))
            {
                case DirectoryRecheck.Revoked or DirectoryRecheck.Expired:
                    member = null;
                    break;
                case DirectoryRecheck.Updated:
                    // The new role and province in the cookie's claims too (the header, the navigation).
                    var user = await signIn.UserManager.FindByIdAsync(member.Id);
                    if (user is not null)
                    {
                        context.ReplacePrincipal(await signIn.CreateUserPrincipalAsync(user));
                        context.ShouldRenew = true;
                        member = await currentStaff.AuthenticateAsync(context.Principal!, aborted);
                    }

                    break;
            }
        }

        if (member is null)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
        }
    }
}

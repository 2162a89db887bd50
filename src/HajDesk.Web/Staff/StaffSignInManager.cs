using System.Security.Claims;
using HajDesk.Core.Staff;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace HajDesk.Web.Staff;

/// <summary>Identity's sign-in manager, refusing disabled accounts at sign-in and at each security-stamp check.</summary>
public sealed class StaffSignInManager(
    UserManager<StaffUser> userManager,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<StaffUser> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<StaffUser>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<StaffUser> confirmation)
    : SignInManager<StaffUser>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    public override async Task<bool> CanSignInAsync(StaffUser user) =>
        !user.IsDisabled && await base.CanSignInAsync(user);

    /// <summary>
    /// Signs in a directory account whose password the directory has just accepted: the same checks and the same
    /// two-factor step as a local password sign-in (an account with TOTP on gets <see cref="SignInResult.TwoFactorRequired"/>).
    /// </summary>
    public async Task<SignInResult> SignInDirectoryAccountAsync(StaffUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!await CanSignInAsync(user))
        {
            return SignInResult.NotAllowed;
        }

        if (await UserManager.IsLockedOutAsync(user))
        {
            return SignInResult.LockedOut;
        }

        return await SignInOrTwoFactorAsync(user, isPersistent: false);
    }

    public override async Task<StaffUser?> ValidateSecurityStampAsync(ClaimsPrincipal? principal)
    {
        var user = await base.ValidateSecurityStampAsync(principal);
        return user is { IsDisabled: false } ? user : null;
    }
}

using System.Globalization;
using System.Security.Claims;
using HajDesk.Core.Staff;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace HajDesk.Web.Staff;

/// <summary>Adds the staff member's role, province and display name to the sign-in cookie.</summary>
/// <remarks>
/// The claims serve the header and navigation. Access decisions (<see cref="StaffScope"/>) use the account as it
/// is in the database on each request, so a changed role, province or subject list applies at once.
/// </remarks>
public sealed class StaffClaimsPrincipalFactory(UserManager<StaffUser> userManager, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<StaffUser>(userManager, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(StaffUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(ClaimTypes.Role, user.Role.ToString()));
        identity.AddClaim(new Claim(StaffClaims.DisplayName, user.DisplayName));
        if (user.ProvinceId is int provinceId)
        {
            identity.AddClaim(new Claim(StaffClaims.ProvinceId, provinceId.ToString(CultureInfo.InvariantCulture)));
        }

        return identity;
    }
}

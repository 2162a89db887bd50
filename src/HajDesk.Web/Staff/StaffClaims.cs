using System.Globalization;
using System.Security.Claims;
using HajDesk.Core.Staff;

namespace HajDesk.Web.Staff;

/// <summary>The claims a staff cookie carries besides Identity's own (id, user name, security stamp).</summary>
public static class StaffClaims
{
    /// <summary>The staff member's province id; absent for administrators.</summary>
    public const string ProvinceId = "hajdesk:province";

    /// <summary>The staff member's display name, for the header.</summary>
    public const string DisplayName = "hajdesk:display-name";

    public static string? UserId(this ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.NameIdentifier);

    public static string StaffDisplayName(this ClaimsPrincipal user) =>
        user.FindFirstValue(DisplayName) ?? user.Identity?.Name ?? string.Empty;

    public static StaffRole? StaffRole(this ClaimsPrincipal user) =>
        Enum.TryParse<StaffRole>(user.FindFirstValue(ClaimTypes.Role), out var role) ? role : null;

    public static int? StaffProvinceId(this ClaimsPrincipal user) =>
        int.TryParse(user.FindFirstValue(ProvinceId), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;
}

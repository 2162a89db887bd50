namespace HajDesk.Core.Staff.Directory;

/// <summary>
/// One configured mapping: members of the directory group <see cref="Group"/> (its distinguished name) work as
/// <see cref="Role"/> for the province <see cref="ProvinceCode"/> (experts and supervisors), an expert optionally
/// only for the main subjects <see cref="SubjectIds"/>.
/// </summary>
public sealed record DirectoryGroupMapping(string Group, StaffRole Role, string? ProvinceCode, IReadOnlyList<int> SubjectIds);

/// <summary>The role and coverage a directory account gets from its groups.</summary>
public sealed record DirectoryAccess(StaffRole Role, string? ProvinceCode, IReadOnlyList<int> SubjectIds);

/// <summary>Turns an account's directory groups into its role and coverage.</summary>
public static class DirectoryGroupMap
{
    /// <summary>
    /// The access the groups give, or null when none of them is mapped (the account may not sign in). When several
    /// mapped groups apply, the highest role wins (administrator, then supervisor, then expert), and among mappings of
    /// that role the first in the configuration chooses the province. An expert's subjects are those of every matching
    /// expert mapping of that province together; one such mapping without subjects gives all subjects.
    /// </summary>
    public static DirectoryAccess? Map(IEnumerable<string> groupDns, IReadOnlyList<DirectoryGroupMapping> mappings)
    {
        ArgumentNullException.ThrowIfNull(groupDns);
        ArgumentNullException.ThrowIfNull(mappings);
        var groups = groupDns.Select(NormalizeDn).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var matching = mappings.Where(m => groups.Contains(NormalizeDn(m.Group))).ToList();
        if (matching.Count == 0)
        {
            return null;
        }

        var role = matching.Max(m => m.Role);
        var first = matching.First(m => m.Role == role);
        if (role != StaffRole.Expert)
        {
            return new DirectoryAccess(role, role == StaffRole.Administrator ? null : first.ProvinceCode, []);
        }

        var sameProvince = matching
            .Where(m => m.Role == StaffRole.Expert && string.Equals(m.ProvinceCode, first.ProvinceCode, StringComparison.OrdinalIgnoreCase))
            .ToList();
        IReadOnlyList<int> subjects = sameProvince.Any(m => m.SubjectIds.Count == 0)
            ? []
            : sameProvince.SelectMany(m => m.SubjectIds).Distinct().Order().ToList();
        return new DirectoryAccess(role, first.ProvinceCode, subjects);
    }

    /// <summary>
    /// A distinguished name in a form fit for comparison: spaces around the separators removed (letter case is
    /// compared without regard to case). <c>CN=Experts, OU=Groups,DC=hajj,DC=ir</c> equals
    /// <c>cn=experts,ou=groups,dc=hajj,dc=ir</c>.
    /// </summary>
    public static string NormalizeDn(string dn)
    {
        ArgumentNullException.ThrowIfNull(dn);
        var parts = dn.Split(',').Select(rdn =>
        {
            var eq = rdn.IndexOf('=', StringComparison.Ordinal);
            return eq < 0 ? rdn.Trim() : rdn[..eq].Trim() + "=" + rdn[(eq + 1)..].Trim();
        });
        return string.Join(',', parts);
    }

    /// <summary>
    /// Whether an entry is disabled in the directory: Active Directory's <c>userAccountControl</c> with the
    /// ACCOUNTDISABLE bit (2) set, or OpenLDAP's password policy lock (<c>pwdAccountLockedTime</c> present).
    /// </summary>
    public static bool IsDisabled(string? userAccountControl, string? pwdAccountLockedTime) =>
        (long.TryParse(userAccountControl, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var flags)
            && (flags & 2) != 0)
        || !string.IsNullOrWhiteSpace(pwdAccountLockedTime);
}

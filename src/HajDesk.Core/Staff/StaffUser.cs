using HajDesk.Core.Data;
using Microsoft.AspNetCore.Identity;

namespace HajDesk.Core.Staff;

/// <summary>What a staff member may do; scope checks build on it.</summary>
public enum StaffRole
{
    /// <summary>کارشناس: answers requests of one province, optionally only some subjects.</summary>
    Expert,

    /// <summary>سرپرست: all subjects of one province; assigns and reassigns.</summary>
    Supervisor,

    /// <summary>مدیر سامانه: every province, subjects, staff and settings.</summary>
    Administrator,
}

/// <summary>A staff account (ASP.NET Core Identity user).</summary>
/// <remarks>
/// Has its own <see cref="Version"/> (<see cref="IVersioned"/>) besides Identity's <c>ConcurrencyStamp</c>, so that
/// accounts are guarded like every other edited entity. Identity's own writes (a failed sign-in counted, a lockout)
/// are saved changes to the row too, and move the version as well.
/// </remarks>
public class StaffUser : IdentityUser, IVersioned
{
    public required string DisplayName { get; set; }

    public StaffRole Role { get; set; }

    /// <summary>The province an expert or supervisor works for; null for administrators.</summary>
    public int? ProvinceId { get; set; }

    public bool IsDisabled { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>For experts limited to some subjects; empty means all subjects of the province.</summary>
    public List<StaffSubject> Subjects { get; set; } = [];

    /// <summary>
    /// For an account that comes from the organisation's directory (LDAP / Active Directory): the entry's
    /// distinguished name at its last sign-in or check. Null for a local account (with a local password).
    /// </summary>
    public string? DirectoryDn { get; set; }

    /// <summary>When a directory account was last found valid in the directory (UTC); null for local accounts.</summary>
    public DateTime? DirectoryCheckedAt { get; set; }

    /// <summary>Whether the account is managed by the directory: no local password, role and scope from its groups.</summary>
    public bool IsDirectoryAccount => DirectoryDn is not null;

    /// <inheritdoc />
    public int Version { get; set; }

    public const int MaxUserNameLength = 64;

    public const int MaxDisplayNameLength = 200;

    public const int MaxDirectoryDnLength = 1000;
}

/// <summary>A main subject an expert is limited to.</summary>
public class StaffSubject
{
    public required string StaffUserId { get; set; }

    public int SubjectId { get; set; }
}

public static class StaffRoleText
{
    public static string ToPersian(this StaffRole role) => role switch
    {
        StaffRole.Expert => "کارشناس",
        StaffRole.Supervisor => "سرپرست",
        StaffRole.Administrator => "مدیر سامانه",
        _ => role.ToString(),
    };
}

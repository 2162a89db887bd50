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

    /// <inheritdoc />
    public int Version { get; set; }

    public const int MaxUserNameLength = 64;

    public const int MaxDisplayNameLength = 200;
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

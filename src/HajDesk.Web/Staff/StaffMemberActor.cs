using HajDesk.Core.Requests;

namespace HajDesk.Web.Staff;

public static class StaffMemberActor
{
    /// <summary>The signed-in staff member as the request's transitions and rules see them.</summary>
    public static StaffActor ToActor(this StaffMember member)
    {
        ArgumentNullException.ThrowIfNull(member);
        return new StaffActor(member.Id, member.DisplayName, member.Role, member.ProvinceId, member.SubjectIds);
    }
}

using HajDesk.Core.Staff;

namespace HajDesk.Core.Requests;

/// <summary>
/// A staff member as the request's transitions see them: who acts (id and the name kept on the timeline), their
/// role, and what they cover. <see cref="SubjectIds"/> lists the main subjects an expert is limited to; empty means
/// every subject of the province.
/// </summary>
public sealed record StaffActor(string Id, string DisplayName, StaffRole Role, int? ProvinceId, IReadOnlyList<int> SubjectIds)
{
    /// <summary>Supervisors and administrators assign requests to others.</summary>
    public bool CanAssign => Role is StaffRole.Supervisor or StaffRole.Administrator;
}

namespace HajDesk.Core.Assignment;

/// <summary>
/// When an expert was last given a new request automatically: the round robin's memory, shared by every node.
/// No version column on purpose: two nodes assigning at once both just write "now".
/// </summary>
public class AssignmentTurn
{
    public required string StaffUserId { get; set; }

    public DateTime LastAssignedAt { get; set; }
}

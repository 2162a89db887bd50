namespace HajDesk.Core.Assignment;

/// <summary>
/// An expert's absence («غیبت»), from and to Tehran calendar days inclusive: no new request is assigned to them
/// automatically, and at its start their open requests go back to the province's queue or to
/// <see cref="HandOverToId"/> (<see cref="AbsenceRules"/>).
/// </summary>
public class StaffAbsence : Data.IVersioned
{
    public int Id { get; set; }

    public required string StaffUserId { get; set; }

    public DateOnly From { get; set; }

    public DateOnly To { get; set; }

    /// <summary>The colleague who takes the open requests at the start; null: they return to the province's queue.</summary>
    public string? HandOverToId { get; set; }

    public string? CreatedById { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>When the hand-over at its start was done (once, by whichever node came first).</summary>
    public DateTime? HandedOverAt { get; set; }

    public int Version { get; set; }

    public bool Covers(DateOnly day) => From <= day && day <= To;
}

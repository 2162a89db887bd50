namespace HajDesk.Core.Escalation;

/// <summary>
/// That a request's escalation step was taken. Its key (request, threshold) is unique and it is inserted in the same
/// transaction as the step's timeline event and outbox messages, so with several app processes a step happens once:
/// the second insert fails and its transaction rolls back.
/// </summary>
public class EscalationMark
{
    public long RequestId { get; set; }

    public required string Threshold { get; set; }

    public DateTime At { get; set; }
}

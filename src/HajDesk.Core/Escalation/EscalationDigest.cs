namespace HajDesk.Core.Escalation;

/// <summary>That a province's daily digest of overdue requests was sent for a Tehran day; unique per (province, day).</summary>
public class EscalationDigest
{
    public int ProvinceId { get; set; }

    public DateOnly Day { get; set; }

    public int OverdueCount { get; set; }

    public DateTime At { get; set; }
}

namespace HajDesk.Core.Escalation;

/// <summary>
/// A province's own escalation thresholds, overriding the national defaults (<c>Escalation:*</c> settings).
/// </summary>
public class EscalationSetting : Data.IVersioned
{
    public const int MaxDays = 30;

    public int ProvinceId { get; set; }

    /// <summary>The assigned expert is warned this many working days before the deadline (0: on its last day).</summary>
    public int WarnDaysBefore { get; set; }

    /// <summary>The administrators are alerted this many working days after the deadline passed.</summary>
    public int AdministratorsAfterDays { get; set; }

    public DateTime UpdatedAt { get; set; }

    /// <inheritdoc />
    public int Version { get; set; }
}

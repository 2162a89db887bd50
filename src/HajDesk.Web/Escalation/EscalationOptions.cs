using System.ComponentModel.DataAnnotations;
using HajDesk.Core.Escalation;

namespace HajDesk.Web.Escalation;

/// <summary>
/// <c>Escalation:*</c>: the national escalation thresholds (a province may override the two day counts on the
/// calendar page) and how often the dispatcher looks.
/// </summary>
public sealed class EscalationOptions
{
    public const string Section = "Escalation";

    /// <summary>Whether this process runs the escalation dispatcher (every node may: each step happens once).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Seconds between two rounds.</summary>
    [Range(1, 86400)]
    public double PollSeconds { get; set; } = 300;

    /// <summary>The assigned expert is warned when the deadline is within this many working days (0: on its last day).</summary>
    [Range(0, EscalationSetting.MaxDays)]
    public int WarnDaysBefore { get; set; } = 1;

    /// <summary>The administrators are alerted this many working days after the deadline.</summary>
    [Range(1, EscalationSetting.MaxDays)]
    public int AdministratorsAfterDays { get; set; } = 2;

    /// <summary>The hour (Tehran time, 0–23) from which a province's daily digest of overdue requests is sent.</summary>
    [Range(0, 23)]
    public int DigestHour { get; set; } = 8;

    /// <summary>The most requests one round escalates per province and step; the rest wait for the next round.</summary>
    [Range(1, 10000)]
    public int BatchSize { get; set; } = 200;

    internal TimeSpan PollInterval => TimeSpan.FromSeconds(PollSeconds);
}

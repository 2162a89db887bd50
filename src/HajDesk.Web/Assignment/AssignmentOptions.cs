namespace HajDesk.Web.Assignment;

/// <summary><c>Assignment:*</c>: the round that hands over the requests of experts whose absence has begun.</summary>
public sealed class AssignmentOptions
{
    public const string Section = "Assignment";

    /// <summary>Whether this node runs the hand-over round (every node may; an absence is claimed once).</summary>
    public bool HandOverEnabled { get; set; } = true;

    /// <summary>How often the round looks for absences that began (an absence entered for today is handed over at once).</summary>
    [System.ComponentModel.DataAnnotations.Range(1, 1440)]
    public int HandOverPollMinutes { get; set; } = 10;
}

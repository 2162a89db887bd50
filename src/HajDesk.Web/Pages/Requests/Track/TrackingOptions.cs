using System.ComponentModel.DataAnnotations;

namespace HajDesk.Web.Pages.Requests.Track;

/// <summary>What citizens may do after an answer. Section <c>Tracking</c>.</summary>
public sealed class TrackingOptions
{
    public const string Section = "Tracking";

    /// <summary>How many days after the answer a citizen may object to it (once).</summary>
    [Range(0, 365, ErrorMessage = "Tracking:ObjectionDays must be between 0 and 365.")]
    public int ObjectionDays { get; set; } = 10;

    /// <summary>
    /// Whether the follow-up page names the expert handling the request (their display name) instead of the role
    /// and province («کارشناس حج و زیارت استان تهران»), which it always shows while nobody has taken the request.
    /// </summary>
    public bool ShowOfficerName { get; set; }
}

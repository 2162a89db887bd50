namespace HajDesk.Web.Pages.Requests.Send;

/// <summary>
/// What the citizen typed, kept as text so that a re-rendered form shows exactly what was typed (Persian digits
/// included). Names and gender are deliberately absent: they come from the civil registry, never from the form.
/// </summary>
public sealed class SendRequestInput
{
    public string? BirthDay { get; set; }

    public string? BirthMonth { get; set; }

    public string? BirthYear { get; set; }

    public string? NationalCode { get; set; }

    public string? ProvinceId { get; set; }

    public string? Email { get; set; }

    public string? Mobile { get; set; }

    public string? LandlineAreaCode { get; set; }

    public string? LandlineNumber { get; set; }

    public string? SubjectId { get; set; }

    public string? SubSubjectId { get; set; }

    public string? Text { get; set; }

    /// <summary>The form's one-time token: staged files belong to it, and a re-posted form finds its request.</summary>
    public string? SubmissionKey { get; set; }
}

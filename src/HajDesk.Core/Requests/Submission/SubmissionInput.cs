namespace HajDesk.Core.Requests.Submission;

/// <summary>
/// A new request as a citizen (or, later, an API client or a staff member) typed it, kept as text so that a form
/// shown again shows exactly what was typed (Persian digits included). Names and gender are deliberately absent:
/// they come from the civil registry, never from the input. Field errors are keyed by these property names.
/// </summary>
public sealed class SubmissionInput
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

    /// <summary>درخواست، شکایت، انتقاد یا پیشنهاد (<see cref="Requests.RequestType"/>); none is chosen by default.</summary>
    public string? RequestType { get; set; }

    public string? Text { get; set; }

    /// <summary>
    /// The citizen was told of an open request of theirs on the same subject and chose to send a new one anyway
    /// (<see cref="SubmissionOutcome.OpenRequestExists"/>).
    /// </summary>
    public bool NewDespiteOpenRequest { get; set; }

    /// <summary>
    /// The chosen subject's extra fields (<see cref="Fields.SubjectField"/>) as typed, keyed by the field's code (its
    /// id): the form posts <c>Input.Fields[12]</c>, Open311 <c>attribute[12]</c>. Keys of fields the subject does not
    /// ask are ignored.
    /// </summary>
    public Dictionary<string, string?> Fields { get; set; } = [];

    /// <summary>The form's one-time token: staged files belong to it, and a re-posted form finds its request.</summary>
    public string? SubmissionKey { get; set; }

    /// <summary>The submission key when it is a usable one (a non-empty GUID).</summary>
    public bool TryGetSubmissionKey(out Guid key) => Guid.TryParse(SubmissionKey, out key) && key != Guid.Empty;
}

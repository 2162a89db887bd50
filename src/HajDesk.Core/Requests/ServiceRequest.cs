using HajDesk.Core.Reference;

namespace HajDesk.Core.Requests;

/// <summary>
/// A citizen's request (درخواست). Identity fields come from the civil registry at submission time, never from the
/// posted form.
/// </summary>
public partial class ServiceRequest : Data.IVersioned
{
    // Backing fields of the searched texts: EF Core reads and writes them directly, the setters keep the keys.
    private string firstName = string.Empty;
    private string lastName = string.Empty;
    private string text = string.Empty;

    public long Id { get; set; }

    /// <summary>12 ASCII digits, the last a Verhoeff check digit; see <c>docs/tracking-code.md</c>.</summary>
    public required string TrackingCode { get; set; }

    /// <summary>The form's one-time token: a re-posted form finds the request it already created.</summary>
    public Guid SubmissionKey { get; set; }

    public required string NationalCode { get; set; }

    public DateOnly BirthDate { get; set; }

    public required string FirstName
    {
        get => firstName;
        set
        {
            firstName = value;
            NameKey = Persian.SearchKey.OfName(value, lastName);
        }
    }

    public required string LastName
    {
        get => lastName;
        set
        {
            lastName = value;
            NameKey = Persian.SearchKey.OfName(firstName, value);
        }
    }

    /// <summary>
    /// The search key of the first and last name together (<see cref="Persian.SearchKey.OfName"/>), kept current by
    /// their setters; null only on rows written before the column existed, until the start-up backfill reaches them.
    /// </summary>
    public string? NameKey { get; private set; }

    public Gender Gender { get; set; }

    public int ProvinceId { get; set; }

    public Province? Province { get; set; }

    public string? Email { get; set; }

    /// <summary>Normalized mobile number, <c>09xxxxxxxxx</c>.</summary>
    public required string Mobile { get; set; }

    /// <summary>
    /// Whether <see cref="Mobile"/> was proved by a one-time code («کد تأیید») typed back on the form (or read back to
    /// the staff member who registered it). Forgotten tracking codes are sent only to verified mobiles.
    /// </summary>
    public bool MobileVerified { get; set; }

    public string? LandlineAreaCode { get; set; }

    public string? LandlineNumber { get; set; }

    public int SubjectId { get; set; }

    public Subject? Subject { get; set; }

    public int? SubSubjectId { get; set; }

    public Subject? SubSubject { get; set; }

    public required string Text
    {
        get => text;
        set
        {
            text = value;
            TextKey = Persian.SearchKey.Of(value);
        }
    }

    /// <summary>The search key of <see cref="Text"/>, kept current by its setter (null as <see cref="NameKey"/>).</summary>
    public string? TextKey { get; private set; }

    /// <summary>درخواست، شکایت، انتقاد یا پیشنهاد.</summary>
    public RequestType Type { get; set; }

    public RequestStatus Status { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    /// <summary>
    /// When the answer is due: the subject's response time in working days of the official calendar, pushed by the
    /// working days spent waiting for the citizen; the one column the clock writes (see <c>docs/staff.md</c>).
    /// </summary>
    public DateTime DueAt { get; set; }

    /// <summary>The working days promised at submission (the subject's response time then).</summary>
    public int ResponseDays { get; set; }

    /// <summary>Working days spent in <see cref="RequestStatus.WaitingForCitizen"/> so far; each pushed <see cref="DueAt"/>.</summary>
    public int WaitedWorkingDays { get; set; }

    /// <summary>When the expert asked the citizen; null unless <see cref="RequestStatus.WaitingForCitizen"/>.</summary>
    public DateTime? WaitingSince { get; set; }

    public DateTime? AnsweredAt { get; set; }

    /// <summary>When the request was last closed; null unless <see cref="RequestStatus.Closed"/>. The retention period counts from it.</summary>
    public DateTime? ClosedAt { get; set; }

    /// <summary>
    /// When the retention rule removed the citizen's data (<see cref="Retention.RetentionRules"/>); null for a
    /// request that still holds it.
    /// </summary>
    public DateTime? AnonymisedAt { get; set; }

    /// <summary>When the request was answered for the first time; later answers (after a reopening) leave it.</summary>
    public DateTime? FirstAnsweredAt { get; set; }

    /// <summary>The staff member who wrote the first answer (the «by expert» reports count it for them).</summary>
    public string? FirstAnsweredById { get; set; }

    /// <summary>
    /// Working days from submission to the first answer, less the working days spent waiting for the citizen
    /// before it (see <see cref="FirstAnswerWorkingDaysFor"/>); null until answered, or until the start-up backfill
    /// has counted it for a request answered before the column existed.
    /// </summary>
    public int? FirstAnswerWorkingDays { get; set; }

    /// <summary>Whether the first answer came by <see cref="DueAt"/> as it stood then; null until answered.</summary>
    public bool? FirstAnsweredOnTime { get; set; }

    /// <summary>How many times staff reopened the request (a citizen's objection is counted in <see cref="ObjectedAt"/>).</summary>
    public int ReopenCount { get; set; }

    /// <summary>The staff member who has taken the request, if any.</summary>
    public string? AssignedToId { get; set; }

    /// <summary>Citizen's rating of the answer, 1 to 5, given once.</summary>
    public int? Rating { get; set; }

    public string? RatingComment { get; set; }

    public DateTime? RatedAt { get; set; }

    public DateTime? ObjectedAt { get; set; }

    /// <summary>Optimistic concurrency token (<see cref="Data.IVersioned"/>): moved by the database context on every change by staff or citizen.</summary>
    public int Version { get; set; }

    /// <summary>How the request came in (web form, a staff-registered channel, the API).</summary>
    public RequestChannel Channel { get; set; }

    /// <summary>The staff member who registered the request for the citizen; null when the citizen or a system sent it.</summary>
    public string? CreatedById { get; set; }

    /// <summary>The API key that sent the request, for requests of the <see cref="RequestChannel.Api"/> channel.</summary>
    public int? ApiKeyId { get; set; }

    /// <summary>The incident (رخداد) the request belongs to, if any.</summary>
    public int? IncidentId { get; set; }

    /// <summary>
    /// Set when the request was a duplicate merged into another request of the same national code: it is closed,
    /// the citizen's follow-up points to that one, and reports count the pair once.
    /// </summary>
    public long? MergedIntoId { get; set; }

    public List<Attachment> Attachments { get; set; } = [];

    public List<RequestEvent> Events { get; set; } = [];

    /// <summary>What the citizen answered to the subject's extra fields, with their labels as they were then.</summary>
    public List<Fields.RequestFieldValue> FieldValues { get; set; } = [];

    public const int MaxTextLength = 4000;
}

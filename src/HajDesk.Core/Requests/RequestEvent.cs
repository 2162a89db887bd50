namespace HajDesk.Core.Requests;

/// <summary>What happened on a request's timeline.</summary>
public enum RequestEventKind
{
    Submitted,
    Assigned,
    Answered,
    InternalNote,
    Referred,
    Closed,
    Reopened,
    CitizenMessage,
    Rated,
    Objected,

    /// <summary>An expert asked the citizen for more information; the question is visible to the citizen.</summary>
    InfoRequested,

    /// <summary>Escalation: the assigned expert was warned that the deadline is near.</summary>
    DueSoonWarning,

    /// <summary>Escalation: the province's supervisors were told the deadline passed.</summary>
    OverdueAlert,

    /// <summary>Escalation: the administrators were told the request is still overdue.</summary>
    AdminAlert,

    /// <summary>Staff linked the request to an incident (رخداد); internal.</summary>
    IncidentLinked,

    /// <summary>Staff took the request out of its incident; internal.</summary>
    IncidentUnlinked,

    /// <summary>The request was a duplicate and was closed into another of the same person; the citizen reads it.</summary>
    Merged,

    /// <summary>On the surviving request: a duplicate was merged into it; internal.</summary>
    MergedIn,
}

/// <summary>One entry of a request's timeline. Internal notes are never shown to the citizen.</summary>
public class RequestEvent
{
    private RequestEventKind kind;
    private string? text;

    public long Id { get; set; }

    public long RequestId { get; set; }

    public ServiceRequest? Request { get; set; }

    public RequestEventKind Kind
    {
        get => kind;
        set
        {
            kind = value;
            SearchKey = KeyOf(value, text);
        }
    }

    public DateTime At { get; set; }

    /// <summary>Whether the citizen sees this entry on the follow-up page.</summary>
    public bool VisibleToCitizen { get; set; }

    /// <summary>Staff member who acted; null for the citizen or the system.</summary>
    public string? ActorId { get; set; }

    /// <summary>Display name of the actor at the time, kept so the timeline survives renamed or removed accounts.</summary>
    public string? ActorName { get; set; }

    public string? Text
    {
        get => text;
        set
        {
            text = value;
            SearchKey = KeyOf(kind, value);
        }
    }

    /// <summary>
    /// The search key of <see cref="Text"/> for the kinds staff search (<see cref="IsSearched"/>: answers and internal
    /// notes), kept current by the setters; null for other kinds, and on rows written before the column existed
    /// until the start-up backfill reaches them.
    /// </summary>
    public string? SearchKey { get; private set; }

    /// <summary>Whether staff search reads entries of <paramref name="kind"/>: answers and internal notes.</summary>
    public static bool IsSearched(RequestEventKind kind) => kind is RequestEventKind.Answered or RequestEventKind.InternalNote;

    /// <summary>The key stored for an entry of <paramref name="kind"/> with <paramref name="text"/>.</summary>
    public static string? KeyOf(RequestEventKind kind, string? text) =>
        IsSearched(kind) && text is not null ? Persian.SearchKey.Of(text) : null;

    public int? FromProvinceId { get; set; }

    public int? ToProvinceId { get; set; }

    public int? FromSubjectId { get; set; }

    public int? ToSubjectId { get; set; }

    public List<Attachment> Attachments { get; set; } = [];
}

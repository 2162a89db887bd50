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
}

/// <summary>One entry of a request's timeline. Internal notes are never shown to the citizen.</summary>
public class RequestEvent
{
    public long Id { get; set; }

    public long RequestId { get; set; }

    public ServiceRequest? Request { get; set; }

    public RequestEventKind Kind { get; set; }

    public DateTime At { get; set; }

    /// <summary>Whether the citizen sees this entry on the follow-up page.</summary>
    public bool VisibleToCitizen { get; set; }

    /// <summary>Staff member who acted; null for the citizen or the system.</summary>
    public string? ActorId { get; set; }

    /// <summary>Display name of the actor at the time, kept so the timeline survives renamed or removed accounts.</summary>
    public string? ActorName { get; set; }

    public string? Text { get; set; }

    public int? FromProvinceId { get; set; }

    public int? ToProvinceId { get; set; }

    public int? FromSubjectId { get; set; }

    public int? ToSubjectId { get; set; }

    public List<Attachment> Attachments { get; set; } = [];
}

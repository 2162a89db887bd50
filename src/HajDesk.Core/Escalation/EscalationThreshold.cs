namespace HajDesk.Core.Escalation;

/// <summary>The escalation steps of a request, each taken once.</summary>
public static class EscalationThreshold
{
    /// <summary>The assigned expert is warned that the deadline is near.</summary>
    public const string Warning = "warning";

    /// <summary>The province's supervisors are told the deadline has passed.</summary>
    public const string Overdue = "overdue";

    /// <summary>The administrators are told the request is still overdue some working days later.</summary>
    public const string Administrators = "administrators";

    /// <summary>
    /// A step's internal timeline entry, added in the step's own transaction without loading the request (the
    /// dispatcher reads candidates, not entities); like every other entry of the timeline, written here in Core.
    /// </summary>
    public static Requests.RequestEvent TimelineEntry(long requestId, string threshold, DateTime at)
    {
        var (kind, text) = threshold switch
        {
            Warning => (Requests.RequestEventKind.DueSoonWarning, "مهلت پاسخ نزدیک است؛ به کارشناس هشدار داده شد."),
            Overdue => (Requests.RequestEventKind.OverdueAlert, "مهلت پاسخ گذشت؛ به سرپرستان استان اطلاع داده شد."),
            Administrators => (Requests.RequestEventKind.AdminAlert, "دیرکرد ادامه یافت؛ به مدیران سامانه اطلاع داده شد."),
            _ => throw new ArgumentOutOfRangeException(nameof(threshold), threshold, null),
        };
        return new Requests.RequestEvent { RequestId = requestId, Kind = kind, At = at, VisibleToCitizen = false, Text = text };
    }
}

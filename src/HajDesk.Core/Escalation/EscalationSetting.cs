namespace HajDesk.Core.Calendar;

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

/// <summary>
/// That a request's escalation step was taken. Its key (request, threshold) is unique and it is inserted in the same
/// transaction as the step's timeline event and outbox messages, so with several app processes a step happens once:
/// the second insert fails and its transaction rolls back.
/// </summary>
public class EscalationMark
{
    public long RequestId { get; set; }

    public required string Threshold { get; set; }

    public DateTime At { get; set; }
}

/// <summary>That a province's daily digest of overdue requests was sent for a Tehran day; unique per (province, day).</summary>
public class EscalationDigest
{
    public int ProvinceId { get; set; }

    public DateOnly Day { get; set; }

    public int OverdueCount { get; set; }

    public DateTime At { get; set; }
}

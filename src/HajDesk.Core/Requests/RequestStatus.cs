namespace HajDesk.Core.Requests;

/// <summary>Where a request stands. Stored as text so the database stays readable.</summary>
public enum RequestStatus
{
    /// <summary>ثبت شده: sent, waiting in the province's queue.</summary>
    Submitted,

    /// <summary>در حال بررسی: an expert has taken it.</summary>
    InProgress,

    /// <summary>پاسخ داده شده: an answer is visible to the citizen.</summary>
    Answered,

    /// <summary>بسته شده: closed by staff.</summary>
    Closed,

    /// <summary>ارجاع شده: moved to another province or subject and waiting there.</summary>
    Referred,

    /// <summary>بازگشایی شده: reopened after an objection or by staff.</summary>
    Reopened,

    /// <summary>در انتظار پاسخ متقاضی: an expert asked the citizen for more; the clock is stopped until they reply.</summary>
    WaitingForCitizen,
}

public static class RequestStatusText
{
    /// <summary>The Persian name citizens and staff read.</summary>
    public static string ToPersian(this RequestStatus status) => status switch
    {
        RequestStatus.Submitted => "ثبت شده",
        RequestStatus.InProgress => "در حال بررسی",
        RequestStatus.Answered => "پاسخ داده شده",
        RequestStatus.Closed => "بسته شده",
        RequestStatus.Referred => "ارجاع شده",
        RequestStatus.Reopened => "بازگشایی شده",
        RequestStatus.WaitingForCitizen => "در انتظار پاسخ متقاضی",
        _ => status.ToString(),
    };

    /// <summary>Whether the request still waits for staff (counts toward overdue); see <see cref="RequestRules.OpenStatuses"/>.</summary>
    public static bool IsOpen(this RequestStatus status) => RequestRules.OpenStatuses.Contains(status);

    /// <summary>Whether the response clock runs (open and not waiting for the citizen); see <see cref="RequestRules.ClockStatuses"/>.</summary>
    public static bool ClockRuns(this RequestStatus status) => RequestRules.ClockStatuses.Contains(status);
}

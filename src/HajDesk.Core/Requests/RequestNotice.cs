namespace HajDesk.Core.Requests;

/// <summary>
/// What the citizen should be told after a transition. A transition only records the notice on the request
/// (<see cref="ServiceRequest.PendingNotices"/>); the web's <c>RequestNotifications</c> turns it into outbox rows
/// saved in the same transaction as the change.
/// </summary>
public enum RequestNotice
{
    Answered,
    Referred,
    Reopened,

    /// <summary>An expert asked the citizen for more information (SMS and e-mail: read the question on the follow-up page).</summary>
    InfoRequested,

    /// <summary>Closed by staff: the citizen is invited to the satisfaction survey (once per request).</summary>
    Closed,
}

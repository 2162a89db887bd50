namespace HajDesk.Core.Requests.Submission;

/// <summary>
/// The citizen's own open request on the subject they are sending about (issue 24: duplicates at intake). The send
/// form says it exists and when it was sent, and offers its tracking code again by SMS to <see cref="Mobile"/>; it
/// never shows the tracking code or the text, since a national code and a birth date are not secrets.
/// </summary>
/// <param name="CreatedAt">When (UTC) it was sent.</param>
/// <param name="Mobile">The mobile stored on it, normalized; shown masked only.</param>
public sealed record OpenRequestNotice(DateTime CreatedAt, string Mobile);

/// <summary>The earlier open request a reminder goes for: where and what to send.</summary>
/// <param name="Id">The request.</param>
/// <param name="TrackingCode">Its tracking code, for the SMS only.</param>
/// <param name="CreatedAt">When (UTC) it was sent.</param>
/// <param name="Mobile">The mobile stored on it.</param>
public sealed record OpenRequestFound(long Id, string TrackingCode, DateTime CreatedAt, string Mobile)
{
    public OpenRequestNotice Notice => new(CreatedAt, Mobile);
}

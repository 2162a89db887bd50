namespace HajDesk.Core.Requests.Submission;

/// <summary>
/// Who brought a submission in: the channel, and for trusted channels the staff member who registered it or the
/// API key that sent it. Recorded on the request; it changes none of the field rules.
/// </summary>
/// <param name="Channel">The intake channel.</param>
/// <param name="StaffId">The staff member who registered the request for the citizen, if any.</param>
/// <param name="StaffName">That staff member's display name, for the request's first timeline entry.</param>
/// <param name="ApiKeyId">The API key that sent the request, if any.</param>
/// <param name="MobileVerified">The mobile was proved by a one-time code (<see cref="ServiceRequest.MobileVerified"/>).</param>
public sealed record SubmissionOrigin(RequestChannel Channel, string? StaffId = null, string? StaffName = null, int? ApiKeyId = null, bool MobileVerified = false)
{
    /// <summary>The citizen's own web form.</summary>
    public static SubmissionOrigin Web { get; } = new(RequestChannel.Web);
}

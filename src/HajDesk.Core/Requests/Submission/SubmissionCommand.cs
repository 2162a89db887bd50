namespace HajDesk.Core.Requests.Submission;

/// <summary>
/// One send, as a channel hands it to <see cref="SubmissionService.SubmitAsync"/>: the form's key and fields, and the
/// channel's own gates and proofs. Only <see cref="SubmissionKey"/> and <see cref="Input"/> are needed; the rest
/// belongs to the channels that have them (the citizen form: limits, security code, mobile proof, open-request warning;
/// staff: origin and mobile proof; the API: origin and a limit).
/// </summary>
/// <param name="SubmissionKey">The form's one-time token; staged files are the ones staged under it.</param>
/// <param name="Input">What was typed.</param>
public sealed record SubmissionCommand(Guid SubmissionKey, SubmissionInput Input)
{
    /// <summary>Problems the channel already found (refused uploads, a missing channel); any of them stops the save.</summary>
    public FieldErrors? ChannelErrors { get; init; }

    /// <summary>The channel's limit on registry lookups; null for none.</summary>
    public Func<string, DateOnly, CancellationToken, Task<bool>>? MayAskRegistry { get; init; }

    /// <summary>The channel and who brought the request in (staff member, API key); the web form when null.</summary>
    public SubmissionOrigin? Origin { get; init; }

    /// <summary>
    /// The web form's security code, checked and claimed by the channel, to be stored as spent in the request's own
    /// transaction (docs/decisions/0009). If another post stored it first, the outcome is
    /// <see cref="SubmissionOutcome.SecurityCodeSpent"/>. Not stored on any other outcome: the channel spends it then.
    /// </summary>
    public Captcha.CaptchaChallenge? SpentCode { get; init; }

    /// <summary>
    /// The channel's gate when the other fields are not all right: no request can be stored then, so asking the registry
    /// only shows a name — a look-up, which a channel that limits look-ups (the citizen form) counts as one. Refused,
    /// the form comes back with its errors and without the name. Null: <see cref="MayAskRegistry"/>.
    /// </summary>
    public Func<string, DateOnly, CancellationToken, Task<bool>>? MayShowName { get; init; }

    /// <summary>
    /// The channel's proof of the mobile (issue 25), asked with the normalized mobile once everything else is right
    /// and the registry confirmed the identity: false gives <see cref="SubmissionOutcome.MobileUnverified"/> (the
    /// channel sends a one-time code), true stores the request as <see cref="ServiceRequest.MobileVerified"/>. Null:
    /// not asked, the origin says.
    /// </summary>
    public Func<string, CancellationToken, Task<bool>>? MobileVerified { get; init; }

    /// <summary>
    /// The citizen's form (issue 24): once everything else is right and the registry confirmed the identity, and
    /// before the mobile is asked for, an open request of the same person on the same subject and sub-subject gives
    /// <see cref="SubmissionOutcome.OpenRequestExists"/> unless <see cref="SubmissionInput.NewDespiteOpenRequest"/>.
    /// Staff see the person's other requests on the request page instead; the API has nobody to tell.
    /// </summary>
    public bool WarnOfOpenRequest { get; init; }
}

using HajDesk.Core.CivilRegistry;
using HajDesk.Core.Reference;

namespace HajDesk.Core.Requests.Submission;

public enum SubmissionOutcome
{
    /// <summary>The request and its files were committed; the tracking code may be shown.</summary>
    Created,

    /// <summary>This submission key already created a request (a re-posted form): that request is the answer.</summary>
    AlreadySubmitted,

    /// <summary>Field errors (the registry's "not confirmed" among them, on the national code); nothing was stored.</summary>
    Invalid,

    /// <summary>The registry could not be asked; nothing was stored and the caller may retry later.</summary>
    RegistryUnavailable,

    /// <summary>The caller's limit on registry lookups refused this one; nothing was stored.</summary>
    Throttled,

    /// <summary>
    /// The one-time security code to be spent with the request was spent meanwhile by another post (on another app
    /// process); nothing was stored.
    /// </summary>
    SecurityCodeSpent,

    /// <summary>
    /// Everything is right and the registry confirmed the identity, but the channel asked for a verified mobile and
    /// this form's mobile is not verified yet: the channel sends a one-time code and asks for it. Nothing was stored.
    /// </summary>
    MobileUnverified,

    /// <summary>
    /// Everything is right and the registry confirmed the identity, but the same person has an open request on the
    /// same subject and sub-subject (see <see cref="SubmissionResult.OpenRequest"/>): the channel asked to be told
    /// before a second one is stored. Nothing was stored; <see cref="SubmissionInput.NewDespiteOpenRequest"/> sends anyway.
    /// </summary>
    OpenRequestExists,
}

/// <summary>What became of a submission: the request (id and tracking code), or why not.</summary>
/// <param name="Outcome">What happened.</param>
/// <param name="Errors">Field errors keyed by <see cref="SubmissionInput"/> property names; empty on success.</param>
/// <param name="Person">The registry's person when it confirmed the identity, to show even when other fields failed.</param>
/// <param name="RequestId">The request created (or found) for the submission key.</param>
/// <param name="TrackingCode">Its tracking code.</param>
/// <param name="Mobile">The normalized mobile, with <see cref="SubmissionOutcome.MobileUnverified"/>: where the code goes.</param>
/// <param name="OpenRequest">With <see cref="SubmissionOutcome.OpenRequestExists"/>: when the earlier request was sent and to which mobile.</param>
public sealed record SubmissionResult(
    SubmissionOutcome Outcome, FieldErrors Errors, RegistryPerson? Person = null, long? RequestId = null, string? TrackingCode = null,
    string? Mobile = null, OpenRequestNotice? OpenRequest = null)
{
    public bool Succeeded => Outcome is SubmissionOutcome.Created or SubmissionOutcome.AlreadySubmitted;
}

public enum IdentityOutcome
{
    /// <summary>National code or birth date is not usable; see the errors.</summary>
    Invalid,

    /// <summary>The registry confirmed the pair.</summary>
    Found,

    /// <summary>The registry did not confirm the pair (the error is on the national code).</summary>
    NotConfirmed,

    /// <summary>The registry could not be reached.</summary>
    Unavailable,

    /// <summary>The caller's limit refused the lookup.</summary>
    Throttled,
}

/// <summary>What the registry said about a typed national code and birth date.</summary>
public sealed record IdentityCheck(IdentityOutcome Outcome, FieldErrors Errors, RegistryPerson? Person = null);

/// <summary>
/// Adds the "request received" messages (SMS, e-mail) to the outbox of the submission's unit of work; called
/// before each save attempt, so a redrawn tracking code replaces the messages of the discarded one.
/// </summary>
public interface ISubmissionNotifications
{
    void RequestReceived(ServiceRequest request);
}

/// <summary>The provinces and subjects a form offers.</summary>
public sealed record SubmissionChoices(IReadOnlyList<Province> Provinces, IReadOnlyList<Subject> MainSubjects);

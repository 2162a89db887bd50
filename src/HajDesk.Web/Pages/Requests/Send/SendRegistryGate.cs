using HajDesk.Web.Infrastructure;

namespace HajDesk.Web.Pages.Requests.Send;

/// <summary>
/// Who may make the send form ask the civil registry, for one post: the per-address and per-national-code limits
/// always, and for a lookup without the security code also the form's own allowance (<see cref="SendFormLookups"/>).
/// Scoped: it remembers why the last lookup was refused, for the page to say so.
/// </summary>
public sealed class SendRegistryGate(SendFormLookups lookups, CitizenThrottle throttle, IHttpContextAccessor http, ILogger<SendRegistryGate> logger)
{
    /// <summary>Why the form's allowance refused the last lookup; <see cref="FormLookupPermit.Allowed"/> when it did not.</summary>
    public FormLookupPermit FormPermit { get; private set; } = FormLookupPermit.Allowed;

    private string ClientKey => http.HttpContext is { } context ? RateLimits.ClientKey(context) : "unknown";

    /// <summary>The gate of a lookup without the security code: an issued form with allowance left, then the limits.</summary>
    public Func<string, DateOnly, bool> ForLookup(string? token, Guid? submissionKey) => (nationalCode, birthDate) =>
    {
        FormPermit = submissionKey is { } key ? lookups.TryLookup(token, key, nationalCode, birthDate) : FormLookupPermit.NoIssuedForm;
        return FormPermit == FormLookupPermit.Allowed && MayAskRegistry(nationalCode, birthDate);
    };

    /// <summary>The per-address and per-national-code limits (sending, after the security code).</summary>
    public bool MayAskRegistry(string nationalCode, DateOnly birthDate)
    {
        if (throttle.TryAcquire(ThrottleBucket.RegistryByClient, ClientKey)
            && throttle.TryAcquire(ThrottleBucket.RegistryByNationalCode, nationalCode))
        {
            return true;
        }

        logger.LogWarning("Registry lookups throttled for a client");
        return false;
    }

    /// <summary>The form's token when it is still valid, else a new one if this address may have another form.</summary>
    public string? KeepOrIssueToken(string? token, Guid submissionKey) =>
        lookups.IsIssued(token, submissionKey) ? token : lookups.Issue(submissionKey, ClientKey);
}

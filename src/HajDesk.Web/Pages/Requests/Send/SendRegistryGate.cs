using HajDesk.Web.Infrastructure;

namespace HajDesk.Web.Pages.Requests.Send;

/// <summary>
/// Who may make the send form ask the civil registry, for one post: the per-address and per-national-code limits
/// always, and for a lookup without the security code also the form's own allowance (<see cref="SendFormLookups"/>).
/// Scoped: it remembers why the last lookup was refused, for the page to say so.
/// </summary>
public sealed class SendRegistryGate(SendFormLookups lookups, Throttle throttle, IHttpContextAccessor http, ILogger<SendRegistryGate> logger)
{
    /// <summary>Why the form's allowance refused the last lookup; <see cref="FormLookupPermit.Allowed"/> when it did not.</summary>
    public FormLookupPermit FormPermit { get; private set; } = FormLookupPermit.Allowed;

    private string ClientKey => http.HttpContext is { } context ? RateLimits.ClientKey(context) : "unknown";

    /// <summary>The gate of a lookup without the security code: an issued form with allowance left, then the limits.</summary>
    public Func<string, DateOnly, CancellationToken, Task<bool>> ForLookup(string? token, Guid? submissionKey) =>
        async (nationalCode, birthDate, cancellationToken) =>
        {
            FormPermit = submissionKey is { } key
                ? await lookups.TryLookupAsync(token, key, nationalCode, birthDate, cancellationToken)
                : FormLookupPermit.NoIssuedForm;
            return FormPermit == FormLookupPermit.Allowed && await MayAskRegistry(nationalCode, birthDate, cancellationToken);
        };

    /// <summary>The per-address and per-national-code limits (sending, after the security code).</summary>
    public async Task<bool> MayAskRegistry(string nationalCode, DateOnly birthDate, CancellationToken cancellationToken)
    {
        if (await throttle.TryAcquireAsync(SharedLimit.RegistryByClient, ClientKey, cancellationToken)
            && await throttle.TryAcquireAsync(SharedLimit.RegistryByNationalCode, nationalCode, cancellationToken))
        {
            return true;
        }

        logger.LogWarning("Registry lookups throttled for a client");
        return false;
    }

    /// <summary>The form's token when it is still valid, else a new one if this address may have another form.</summary>
    public async Task<string?> KeepOrIssueTokenAsync(string? token, Guid submissionKey, CancellationToken cancellationToken) =>
        lookups.IsIssued(token, submissionKey) ? token : await lookups.IssueAsync(submissionKey, ClientKey, cancellationToken);
}

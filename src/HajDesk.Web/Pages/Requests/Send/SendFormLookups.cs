using System.Security.Cryptography;
using System.Text;
using HajDesk.Web.Infrastructure;
using Microsoft.AspNetCore.DataProtection;

namespace HajDesk.Web.Pages.Requests.Send;

/// <summary>Whether a registry lookup of the send form may go ahead.</summary>
public enum FormLookupPermit
{
    Allowed,

    /// <summary>The post carries no lookup token this server issued for its submission key (or it expired).</summary>
    NoIssuedForm,

    /// <summary>This form has already looked up as many different people as a citizen needs.</summary>
    FormSpent,
}

/// <summary>
/// Makes harvesting names through the send form's lookup (name shown as the citizen types, no security code)
/// cost more than it gives: a lookup needs a token that the server issued with the form and that is tied to the
/// form's submission key; one form may look up only <c>RateLimits:RegistryLookupsPerForm</c> different people
/// (asking again for the same person is free, so buttons that redisplay the name cost nothing); and an address is
/// issued only <c>RateLimits:SendFormsByClient</c> forms with a token per ten minutes. The numbers and what they
/// leave an attacker are in docs/security-lookup.md.
/// </summary>
/// <remarks>
/// Counts are kept by <see cref="Throttle"/>, shared by every node on PostgreSQL. A form issued beyond the
/// address's rate still works; only its name preview waits for «ارسال», which asks the registry after the security
/// code.
/// </remarks>
public sealed class SendFormLookups
{
    /// <summary>How long a form's token allows lookups: a slow citizen's whole visit.</summary>
    public static readonly TimeSpan TokenLifetime = TimeSpan.FromHours(2);

    private readonly ITimeLimitedDataProtector protector;
    private readonly Throttle throttle;
    private readonly TimeProvider time;

    public SendFormLookups(IDataProtectionProvider dataProtection, Throttle throttle, TimeProvider time)
    {
        protector = dataProtection.CreateProtector("HajDesk.Send.LookupToken").ToTimeLimitedDataProtector();
        this.throttle = throttle;
        this.time = time;
    }

    /// <summary>What the citizen is told when the form may not look anyone (more) up.</summary>
    public static string Refusal(FormLookupPermit permit) => permit == FormLookupPermit.FormSpent
        ? "در این فرم بیش از حد مجاز استعلام شده است. نام شما هنگام «ارسال» از ثبت احوال خوانده و بررسی می‌شود."
        : "استعلام نام برای این فرم ممکن نیست؛ صفحه را دوباره باز کنید. نام شما هنگام «ارسال» هم از ثبت احوال خوانده و بررسی می‌شود.";

    /// <summary>A lookup token for a new form, or null when this address has been issued enough forms lately.</summary>
    public async Task<string?> IssueAsync(Guid submissionKey, string clientKey, CancellationToken cancellationToken = default) =>
        await throttle.TryAcquireAsync(SharedLimit.SendFormsByClient, clientKey, cancellationToken)
            ? protector.Protect(submissionKey.ToString("D"), time.GetUtcNow() + TokenLifetime)
            : null;

    /// <summary>True when <paramref name="token"/> was issued by this app for <paramref name="submissionKey"/> and is unexpired.</summary>
    public bool IsIssued(string? token, Guid submissionKey)
    {
        if (string.IsNullOrEmpty(token))
        {
            return false;
        }

        try
        {
            return protector.Unprotect(token, out var expiration) == submissionKey.ToString("D") && expiration > time.GetUtcNow();
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    /// <summary>Decides a lookup of one person for the form, and counts it when allowed.</summary>
    public async Task<FormLookupPermit> TryLookupAsync(string? token, Guid submissionKey, string nationalCode, DateOnly birthDate,
        CancellationToken cancellationToken = default)
    {
        if (!IsIssued(token, submissionKey))
        {
            return FormLookupPermit.NoIssuedForm;
        }

        // A hash, so that the counters never hold a national code and birth date in clear.
        var person = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(nationalCode + "|" + birthDate.DayNumber.ToString(System.Globalization.CultureInfo.InvariantCulture))));
        var form = submissionKey.ToString("N");
        var personOfForm = form + "|" + person;
        // The same person again is free; a new one takes one of the form's permits and is then remembered.
        if (await throttle.IsMarkedAsync(SharedLimit.PersonOfFormMark, personOfForm, cancellationToken))
        {
            return FormLookupPermit.Allowed;
        }

        if (!await throttle.TryAcquireAsync(SharedLimit.RegistryLookupsPerForm, form, cancellationToken))
        {
            return FormLookupPermit.FormSpent;
        }

        await throttle.MarkAsync(SharedLimit.PersonOfFormMark, personOfForm, cancellationToken);
        return FormLookupPermit.Allowed;
    }
}

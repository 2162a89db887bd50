using System.Security.Cryptography;
using System.Text;
using System.Threading.RateLimiting;
using HajDesk.Web.Infrastructure;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

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
/// Counts are kept per process, like the other citizen limits: behind N nodes a form's allowance is at most N
/// times as large. A form issued beyond the address's rate still works; only its name preview waits for «ارسال»,
/// which asks the registry after the security code.
/// </remarks>
public sealed class SendFormLookups : IDisposable
{
    /// <summary>How long a form's token allows lookups: a slow citizen's whole visit.</summary>
    public static readonly TimeSpan TokenLifetime = TimeSpan.FromHours(2);

    private readonly ITimeLimitedDataProtector protector;
    private readonly IMemoryCache cache;
    private readonly TimeProvider time;
    private readonly PartitionedRateLimiter<string> formsByClient;
    private readonly int lookupsPerForm;

    public SendFormLookups(IDataProtectionProvider dataProtection, IMemoryCache cache, TimeProvider time, IOptions<RateLimitOptions> limits)
    {
        protector = dataProtection.CreateProtector("HajDesk.Send.LookupToken").ToTimeLimitedDataProtector();
        this.cache = cache;
        this.time = time;
        lookupsPerForm = limits.Value.RegistryLookupsPerForm;
        var formsPerWindow = limits.Value.SendFormsByClient;
        formsByClient = PartitionedRateLimiter.Create<string, string>(client => RateLimitPartition.GetSlidingWindowLimiter(client,
            _ => new SlidingWindowRateLimiterOptions
            {
                PermitLimit = formsPerWindow,
                Window = TimeSpan.FromMinutes(10),
                SegmentsPerWindow = 5,
                QueueLimit = 0,
            }));
    }

    /// <summary>What the citizen is told when the form may not look anyone (more) up.</summary>
    public static string Refusal(FormLookupPermit permit) => permit == FormLookupPermit.FormSpent
        ? "در این فرم بیش از حد مجاز استعلام شده است. نام شما هنگام «ارسال» از ثبت احوال خوانده و بررسی می‌شود."
        : "استعلام نام برای این فرم ممکن نیست؛ صفحه را دوباره باز کنید. نام شما هنگام «ارسال» هم از ثبت احوال خوانده و بررسی می‌شود.";

    /// <summary>A lookup token for a new form, or null when this address has been issued enough forms lately.</summary>
    public string? Issue(Guid submissionKey, string clientKey)
    {
        using var lease = formsByClient.AttemptAcquire(clientKey);
        return lease.IsAcquired
            ? protector.Protect(submissionKey.ToString("D"), time.GetUtcNow() + TokenLifetime)
            : null;
    }

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
    public FormLookupPermit TryLookup(string? token, Guid submissionKey, string nationalCode, DateOnly birthDate)
    {
        if (!IsIssued(token, submissionKey))
        {
            return FormLookupPermit.NoIssuedForm;
        }

        var people = cache.GetOrCreate("send-lookups:" + submissionKey.ToString("N"), entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = TokenLifetime;
            return new HashSet<string>(StringComparer.Ordinal);
        })!;

        // A hash, so the process does not keep national codes and birth dates in memory for two hours.
        var person = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(nationalCode + "|" + birthDate.DayNumber.ToString(System.Globalization.CultureInfo.InvariantCulture))));
        lock (people)
        {
            if (people.Contains(person) || people.Count < lookupsPerForm)
            {
                people.Add(person);
                return FormLookupPermit.Allowed;
            }
        }

        return FormLookupPermit.FormSpent;
    }

    public void Dispose() => formsByClient.Dispose();
}

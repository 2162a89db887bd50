using System.ComponentModel.DataAnnotations;

namespace HajDesk.Web.Infrastructure;

/// <summary>
/// Every rate limit of the app, section <c>RateLimits</c> (defaults in <c>appsettings.json</c>). A missing or
/// out-of-range value stops start-up with a message naming the setting. Over any limit the answer is the Persian
/// 429 page.
/// </summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    private const int Most = 1_000_000;

    /// <summary>Citizen form posts (send, follow up, result forms) per client IP per minute.</summary>
    [Range(1, Most, ErrorMessage = "RateLimits:FormPostsPerMinute must be between 1 and 1000000.")]
    public required int FormPostsPerMinute { get; init; }

    /// <summary>Civil-registry lookups per client IP per 10 minutes.</summary>
    [Range(1, Most, ErrorMessage = "RateLimits:RegistryByClient must be between 1 and 1000000.")]
    public required int RegistryByClient { get; init; }

    /// <summary>Civil-registry lookups per national code per hour, from anywhere.</summary>
    [Range(1, Most, ErrorMessage = "RateLimits:RegistryByNationalCode must be between 1 and 1000000.")]
    public required int RegistryByNationalCode { get; init; }

    /// <summary>Follow-up lookups per client IP per 10 minutes, right or wrong.</summary>
    [Range(1, Most, ErrorMessage = "RateLimits:TrackByClient must be between 1 and 1000000.")]
    public required int TrackByClient { get; init; }

    /// <summary>
    /// Failed follow-up lookups per national code per hour, from anywhere. Only failures count, and a right pair
    /// is let through even when they are spent, so nobody can lock a citizen out by failing in their name.
    /// </summary>
    [Range(1, Most, ErrorMessage = "RateLimits:TrackByNationalCode must be between 1 and 1000000.")]
    public required int TrackByNationalCode { get; init; }

    /// <summary>Staff sign-in posts per client IP per minute; generous, a whole office may share one address.</summary>
    [Range(1, Most, ErrorMessage = "RateLimits:StaffSignInPerMinute must be between 1 and 1000000.")]
    public required int StaffSignInPerMinute { get; init; }

    /// <summary>Security-code pictures and new challenges per client IP per minute.</summary>
    [Range(1, Most, ErrorMessage = "RateLimits:CaptchaPerMinute must be between 1 and 1000000.")]
    public required int CaptchaPerMinute { get; init; }

    /// <summary>
    /// Security codes one client IP may hear spoken per 10 minutes, on every node together (replays of one code are
    /// free). A person needs one or two a form; a script that reads the sound needs many.
    /// </summary>
    [Range(1, Most, ErrorMessage = "RateLimits:CaptchaAudioByClient must be between 1 and 1000000.")]
    public required int CaptchaAudioByClient { get; init; }

    /// <summary>Different people one send form may look up in the civil registry (the same person again is free).</summary>
    [Range(1, Most, ErrorMessage = "RateLimits:RegistryLookupsPerForm must be between 1 and 1000000.")]
    public required int RegistryLookupsPerForm { get; init; }

    /// <summary>Send forms issued with a registry-lookup token per client IP per 10 minutes.</summary>
    [Range(1, Most, ErrorMessage = "RateLimits:SendFormsByClient must be between 1 and 1000000.")]
    public required int SendFormsByClient { get; init; }

    /// <summary>Open311 API calls per API key per minute.</summary>
    [Range(1, Most, ErrorMessage = "RateLimits:ApiCallsPerMinute must be between 1 and 1000000.")]
    public required int ApiCallsPerMinute { get; init; }

    /// <summary>
    /// Exports (the inbox's list, dashboard tables, the periodic report) per staff member per hour, counted on every
    /// node alike: each one reads up to every request in scope, and a loop of them is a way to copy the database.
    /// </summary>
    [Range(1, Most, ErrorMessage = "RateLimits:ExportsPerHour must be between 1 and 1000000.")]
    public required int ExportsPerHour { get; init; }

    /// <summary>
    /// One-time codes («کد تأیید») sent to one mobile per hour, from any number of forms, on every node together
    /// (each form may send three at most; this stops one number being flooded through many forms).
    /// </summary>
    [Range(1, Most, ErrorMessage = "RateLimits:VerificationCodesByMobile must be between 1 and 1000000.")]
    public required int VerificationCodesByMobile { get; init; }

    /// <summary>Forgotten-tracking-code requests per national code per day, on every node together.</summary>
    [Range(1, Most, ErrorMessage = "RateLimits:LostCodesByNationalCode must be between 1 and 1000000.")]
    public required int LostCodesByNationalCode { get; init; }

    /// <summary>Forgotten-tracking-code requests per client IP per hour, on every node together.</summary>
    [Range(1, Most, ErrorMessage = "RateLimits:LostCodesByClient must be between 1 and 1000000.")]
    public required int LostCodesByClient { get; init; }

    /// <summary>
    /// Tracking-code reminders («ارسال دوباره کد پیگیری», the send form's duplicate notice) per earlier request per
    /// day, on every node together.
    /// </summary>
    [Range(1, Most, ErrorMessage = "RateLimits:OpenRequestReminders must be between 1 and 1000000.")]
    public required int OpenRequestReminders { get; init; }
}

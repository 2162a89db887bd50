using System.Threading.RateLimiting;

namespace HajDesk.Web.Infrastructure;

/// <summary>A limit kept in the shared counters: what it is counted by, its window, its option and its metric.</summary>
/// <param name="Limit">The limit.</param>
/// <param name="CountedBy">What one counter is per (for the operator and the catalogue's readers).</param>
/// <param name="Window">The sliding window.</param>
/// <param name="Option">Its setting under <c>RateLimits:</c>; null for a mark (no limit).</param>
/// <param name="Permits">How many are allowed per window.</param>
/// <param name="Metric">The <c>limit</c> label of <c>hajdesk_limits_rejections_total</c> when it refuses.</param>
public sealed record SharedLimitRule(
    SharedLimit Limit, string CountedBy, TimeSpan Window, string? Option, Func<RateLimitOptions, int> Permits, string Metric);

/// <summary>A policy of the framework's rate limiter (per node: it only blunts floods of one endpoint).</summary>
/// <param name="Name">The policy's name, as <c>[EnableRateLimiting]</c> and <c>RequireRateLimiting</c> name it.</param>
/// <param name="CountedBy">What one counter is per.</param>
/// <param name="Option">Its setting under <c>RateLimits:</c>.</param>
/// <param name="Partition">The partition of a request: its key and limiter.</param>
public sealed record RateLimitPolicyRule(
    string Name, string CountedBy, string Option, Func<HttpContext, RateLimitOptions, RateLimitPartition<string>> Partition);

/// <summary>
/// Every limit of the desk in one list: the framework's per-node policies (registered from here in
/// <see cref="RateLimits.AddRateLimits"/>) and the limits in the shared counters (counted by <see cref="Throttle"/>
/// only). The numbers are <see cref="RateLimitOptions"/> (<c>RateLimits:*</c>).
/// </summary>
public static class LimitCatalogue
{
    private const int Unlimited = int.MaxValue;

    public static IReadOnlyList<RateLimitPolicyRule> Policies { get; } =
    [
        new(RateLimits.Forms, "client IP", nameof(RateLimitOptions.FormPostsPerMinute), (context, limits) =>
            RateLimitPartition.GetSlidingWindowLimiter(RateLimits.ClientKey(context), _ => RateLimits.PerMinute(limits.FormPostsPerMinute))),
        new(RateLimits.StaffSignIn, "client IP, posts only", nameof(RateLimitOptions.StaffSignInPerMinute), (context, limits) =>
            HttpMethods.IsPost(context.Request.Method)
                ? RateLimitPartition.GetSlidingWindowLimiter(RateLimits.ClientKey(context), _ => RateLimits.PerMinute(limits.StaffSignInPerMinute))
                : RateLimitPartition.GetNoLimiter(string.Empty)),
        new(RateLimits.Captcha, "client IP", nameof(RateLimitOptions.CaptchaPerMinute), (context, limits) =>
            RateLimitPartition.GetFixedWindowLimiter(RateLimits.ClientKey(context), _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = limits.CaptchaPerMinute,
                Window = TimeSpan.FromMinutes(1),
            })),
    ];

    public static IReadOnlyList<SharedLimitRule> Shared { get; } =
    [
        Rule(SharedLimit.RegistryByClient, "client IP", TimeSpan.FromMinutes(10), nameof(RateLimitOptions.RegistryByClient), l => l.RegistryByClient),
        Rule(SharedLimit.RegistryByNationalCode, "national code", TimeSpan.FromHours(1), nameof(RateLimitOptions.RegistryByNationalCode), l => l.RegistryByNationalCode),
        Rule(SharedLimit.TrackByClient, "client IP", TimeSpan.FromMinutes(10), nameof(RateLimitOptions.TrackByClient), l => l.TrackByClient),
        Rule(SharedLimit.TrackByNationalCode, "national code (failures only)", TimeSpan.FromHours(1), nameof(RateLimitOptions.TrackByNationalCode), l => l.TrackByNationalCode),
        Rule(SharedLimit.CaptchaAudioByClient, "client IP", TimeSpan.FromMinutes(10), nameof(RateLimitOptions.CaptchaAudioByClient), l => l.CaptchaAudioByClient),
        Rule(SharedLimit.CaptchaAudioReplays, "client IP and challenge", TimeSpan.FromMinutes(10), null, _ => Throttle.AudioFetchesPerChallenge,
            nameof(SharedLimit.CaptchaAudioByClient)),
        Rule(SharedLimit.VerificationCodesByMobile, "mobile", TimeSpan.FromHours(1), nameof(RateLimitOptions.VerificationCodesByMobile), l => l.VerificationCodesByMobile),
        Rule(SharedLimit.LostCodesByNationalCode, "national code", TimeSpan.FromDays(1), nameof(RateLimitOptions.LostCodesByNationalCode), l => l.LostCodesByNationalCode),
        Rule(SharedLimit.LostCodesByClient, "client IP", TimeSpan.FromHours(1), nameof(RateLimitOptions.LostCodesByClient), l => l.LostCodesByClient),
        Rule(SharedLimit.OpenRequestReminders, "earlier request", TimeSpan.FromDays(1), nameof(RateLimitOptions.OpenRequestReminders), l => l.OpenRequestReminders),
        Rule(SharedLimit.ApiCallsByKey, "API key", TimeSpan.FromMinutes(1), nameof(RateLimitOptions.ApiCallsPerMinute), l => l.ApiCallsPerMinute, "ApiKey"),
        Rule(SharedLimit.ApiCallsByClient, "client IP, calls without a key", TimeSpan.FromMinutes(1), nameof(RateLimitOptions.ApiCallsPerMinute), l => l.ApiCallsPerMinute,
            "ApiAnonymous"),
        Rule(SharedLimit.ExportsByStaff, "staff member", TimeSpan.FromHours(1), nameof(RateLimitOptions.ExportsPerHour), l => l.ExportsPerHour),
        Rule(SharedLimit.SendFormsByClient, "client IP", TimeSpan.FromMinutes(10), nameof(RateLimitOptions.SendFormsByClient), l => l.SendFormsByClient),
        // A day: far longer than a form's token lives, so a form whose life spans two windows still has the earlier
        // one's lookups counted (the sliding estimate carries them over, rounded up).
        Rule(SharedLimit.RegistryLookupsPerForm, "send form", TimeSpan.FromDays(1), nameof(RateLimitOptions.RegistryLookupsPerForm), l => l.RegistryLookupsPerForm),
        Rule(SharedLimit.PersonOfFormMark, "send form and person (hashed)", TimeSpan.FromDays(1), null, _ => Unlimited),
        Rule(SharedLimit.OpenRequestNoticeMark, "send form", TimeSpan.FromMinutes(30), null, _ => Unlimited),
    ];

    private static readonly Dictionary<SharedLimit, SharedLimitRule> ByLimit = Shared.ToDictionary(r => r.Limit);

    /// <summary>The rule of <paramref name="limit"/>.</summary>
    public static SharedLimitRule For(SharedLimit limit) => ByLimit[limit];

    private static SharedLimitRule Rule(SharedLimit limit, string countedBy, TimeSpan window, string? option,
        Func<RateLimitOptions, int> permits, string? metric = null) =>
        new(limit, countedBy, window, option, permits, metric ?? limit.ToString());
}

using HajDesk.Web.Operations;
using Microsoft.Extensions.Options;

namespace HajDesk.Web.Infrastructure;

/// <summary>What a citizen is doing that must not be repeated too often.</summary>
public enum ThrottleBucket
{
    /// <summary>Civil-registry lookups from one client IP.</summary>
    RegistryByClient,

    /// <summary>Civil-registry lookups for one national code, from anywhere: guessing birth dates to learn a name.</summary>
    RegistryByNationalCode,

    /// <summary>Follow-up lookups from one client IP.</summary>
    TrackByClient,

    /// <summary>
    /// Failed follow-up lookups for one national code: guessing tracking codes. Spent only by failures, so that
    /// others' failures never keep the owner's right pair out.
    /// </summary>
    TrackByNationalCode,

    /// <summary>Security codes one client IP has heard spoken (each challenge counts once, however often replayed).</summary>
    CaptchaAudioByClient,

    /// <summary>One-time codes («کد تأیید») sent to one mobile, from any form: SMS bombing through many forms.</summary>
    VerificationCodesByMobile,

    /// <summary>Forgotten-tracking-code requests for one national code, from anywhere.</summary>
    LostCodesByNationalCode,

    /// <summary>Forgotten-tracking-code requests from one client IP.</summary>
    LostCodesByClient,

    /// <summary>
    /// «ارسال دوباره کد پیگیری» of the send form for one earlier open request (issue 24), from any form: the SMS
    /// goes to that request's mobile, which must not be flooded.
    /// </summary>
    OpenRequestReminders,
}

/// <summary>
/// Sliding-window limits keyed by what the citizen typed (a national code) as well as by client IP, which the
/// framework's endpoint rate limiter cannot do because the key is inside the form. The limits are
/// <see cref="RateLimitOptions"/>; the counting is <see cref="IRateCounterStore"/>'s, shared by every node on
/// PostgreSQL, so N nodes together allow what one would.
/// </summary>
public sealed class CitizenThrottle(IRateCounterStore store, IOptions<RateLimitOptions> options, DeskMetrics metrics)
{
    /// <summary>True when the action may go ahead; false means answer 429.</summary>
    public async Task<bool> TryAcquireAsync(ThrottleBucket bucket, string key, CancellationToken cancellationToken = default)
    {
        var limits = options.Value;
        var (limit, window) = bucket switch
        {
            ThrottleBucket.RegistryByClient => (limits.RegistryByClient, TimeSpan.FromMinutes(10)),
            ThrottleBucket.RegistryByNationalCode => (limits.RegistryByNationalCode, TimeSpan.FromHours(1)),
            ThrottleBucket.TrackByClient => (limits.TrackByClient, TimeSpan.FromMinutes(10)),
            ThrottleBucket.TrackByNationalCode => (limits.TrackByNationalCode, TimeSpan.FromHours(1)),
            ThrottleBucket.CaptchaAudioByClient => (limits.CaptchaAudioByClient, AudioWindow),
            ThrottleBucket.VerificationCodesByMobile => (limits.VerificationCodesByMobile, TimeSpan.FromHours(1)),
            ThrottleBucket.LostCodesByNationalCode => (limits.LostCodesByNationalCode, TimeSpan.FromDays(1)),
            ThrottleBucket.LostCodesByClient => (limits.LostCodesByClient, TimeSpan.FromHours(1)),
            ThrottleBucket.OpenRequestReminders => (limits.OpenRequestReminders, TimeSpan.FromDays(1)),
            _ => throw new ArgumentOutOfRangeException(nameof(bucket), bucket, null),
        };
        if (await store.TryAcquireAsync(bucket + "|" + key, limit, window, cancellationToken))
        {
            return true;
        }

        metrics.LimitRejected(bucket.ToString());
        return false;
    }

    private static readonly TimeSpan AudioWindow = TimeSpan.FromMinutes(10);

    /// <summary>A player fetches one sound in parts and a person may play it again: this many fetches of one challenge.</summary>
    internal const int AudioFetchesPerChallenge = 20;

    /// <summary>
    /// Whether <paramref name="clientKey"/> may hear challenge <paramref name="challengeId"/> spoken: its first
    /// fetch spends one of the address's <see cref="RateLimitOptions.CaptchaAudioByClient"/>; the player's range
    /// requests and replays of the same challenge are free up to <see cref="AudioFetchesPerChallenge"/>. Counted on
    /// every node together, so a matcher of the sound gets no more codes to read by spreading over nodes.
    /// </summary>
    public async Task<bool> TryHearChallengeAsync(string clientKey, Guid challengeId, CancellationToken cancellationToken = default)
    {
        var replays = $"CaptchaAudioReplay|{clientKey}|{challengeId:N}";
        if (await store.CountAsync(replays, AudioWindow, cancellationToken) == 0
            && !await TryAcquireAsync(ThrottleBucket.CaptchaAudioByClient, clientKey, cancellationToken))
        {
            return false;
        }

        if (await store.TryAcquireAsync(replays, AudioFetchesPerChallenge, AudioWindow, cancellationToken))
        {
            return true;
        }

        metrics.LimitRejected(nameof(ThrottleBucket.CaptchaAudioByClient));
        return false;
    }
}

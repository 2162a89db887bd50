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
            _ => throw new ArgumentOutOfRangeException(nameof(bucket), bucket, null),
        };
        if (await store.TryAcquireAsync(bucket + "|" + key, limit, window, cancellationToken))
        {
            return true;
        }

        metrics.LimitRejected(bucket.ToString());
        return false;
    }
}

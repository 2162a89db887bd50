using System.Collections.Concurrent;
using System.Threading.RateLimiting;
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
/// <see cref="RateLimitOptions"/>.
/// </summary>
/// <remarks>
/// Each app process keeps its own windows, so behind N nodes an attacker gets at most N times the limit; the
/// one-time CAPTCHA on every form is what bounds automated guessing overall.
/// </remarks>
public sealed class CitizenThrottle(IOptions<RateLimitOptions> options) : IDisposable
{
    private readonly ConcurrentDictionary<ThrottleBucket, PartitionedRateLimiter<string>> limiters = new();

    /// <summary>True when the action may go ahead; false means answer 429.</summary>
    public bool TryAcquire(ThrottleBucket bucket, string key)
    {
        var limiter = limiters.GetOrAdd(bucket, Create);
        using var lease = limiter.AttemptAcquire(key);
        return lease.IsAcquired;
    }

    private PartitionedRateLimiter<string> Create(ThrottleBucket bucket)
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
        return PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetSlidingWindowLimiter(key,
            _ => new SlidingWindowRateLimiterOptions
            {
                PermitLimit = limit,
                Window = window,
                SegmentsPerWindow = 6,
                QueueLimit = 0,
            }));
    }

    public void Dispose()
    {
        foreach (var limiter in limiters.Values)
        {
            limiter.Dispose();
        }
    }
}

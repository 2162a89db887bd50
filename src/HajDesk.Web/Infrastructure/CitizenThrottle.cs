using System.Collections.Concurrent;
using System.Threading.RateLimiting;

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

    /// <summary>Follow-up lookups for one national code: guessing tracking codes.</summary>
    TrackByNationalCode,
}

/// <summary>
/// Sliding-window limits keyed by what the citizen typed (a national code) as well as by client IP, which the
/// framework's endpoint rate limiter cannot do because the key is inside the form.
/// </summary>
/// <remarks>
/// Each app process keeps its own windows, so behind N nodes an attacker gets at most N times the limit; the
/// one-time CAPTCHA on every form is what bounds automated guessing overall.
/// </remarks>
public sealed class CitizenThrottle(IConfiguration configuration) : IDisposable
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
        var (defaultLimit, window) = bucket switch
        {
            ThrottleBucket.RegistryByClient => (30, TimeSpan.FromMinutes(10)),
            ThrottleBucket.RegistryByNationalCode => (10, TimeSpan.FromHours(1)),
            ThrottleBucket.TrackByClient => (30, TimeSpan.FromMinutes(10)),
            ThrottleBucket.TrackByNationalCode => (10, TimeSpan.FromHours(1)),
            _ => (10, TimeSpan.FromHours(1)),
        };
        var limit = configuration.GetValue($"RateLimits:{bucket}", defaultLimit);
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

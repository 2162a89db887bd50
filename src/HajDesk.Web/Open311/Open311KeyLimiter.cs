using System.Threading.RateLimiting;
using HajDesk.Web.Infrastructure;
using Microsoft.Extensions.Options;

namespace HajDesk.Web.Open311;

/// <summary>
/// The per-key limit of the API: <c>RateLimits:ApiCallsPerMinute</c> calls per API key in a sliding minute, counted
/// once the key is known to be good (so one client's burst never slows another's). Per node, like every limit.
/// </summary>
public sealed class Open311KeyLimiter(IOptions<RateLimitOptions> options) : IDisposable
{
    private readonly PartitionedRateLimiter<int> limiter = PartitionedRateLimiter.Create<int, int>(keyId =>
        RateLimitPartition.GetSlidingWindowLimiter(keyId, _ => RateLimits.PerMinute(options.Value.ApiCallsPerMinute)));

    /// <summary>True when the key may make one more call now.</summary>
    public bool TryAcquire(int apiKeyId)
    {
        using var lease = limiter.AttemptAcquire(apiKeyId);
        return lease.IsAcquired;
    }

    public void Dispose() => limiter.Dispose();
}

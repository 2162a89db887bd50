using HajDesk.Web.Infrastructure;

namespace HajDesk.Web.Open311;

/// <summary>
/// The per-key limit of the API: <c>RateLimits:ApiCallsPerMinute</c> calls per API key in a sliding minute, counted
/// once the key is known to be good (so one client's burst never slows another's), and as many per client address for
/// calls without a key. Counted by <see cref="Throttle"/>, so on PostgreSQL every node together allows what one would.
/// </summary>
public sealed class Open311KeyLimiter(Throttle throttle)
{
    /// <summary>True when the key may make one more call now.</summary>
    public Task<bool> TryAcquireAsync(int apiKeyId, CancellationToken cancellationToken = default) =>
        throttle.TryAcquireAsync(SharedLimit.ApiCallsByKey, apiKeyId.ToString(System.Globalization.CultureInfo.InvariantCulture), cancellationToken);

    /// <summary>
    /// True when a call without a key (the public service list and definitions) from <paramref name="clientAddress"/>
    /// may go on now: the same number of calls a minute as a key, per client address.
    /// </summary>
    public Task<bool> TryAcquireAnonymousAsync(string clientAddress, CancellationToken cancellationToken = default) =>
        throttle.TryAcquireAsync(SharedLimit.ApiCallsByClient, clientAddress, cancellationToken);
}

using HajDesk.Web.Infrastructure;
using HajDesk.Web.Operations;
using Microsoft.Extensions.Options;

namespace HajDesk.Web.Open311;

/// <summary>
/// The per-key limit of the API: <c>RateLimits:ApiCallsPerMinute</c> calls per API key in a sliding minute, counted
/// once the key is known to be good (so one client's burst never slows another's). Counted in
/// <see cref="IRateCounterStore"/>, so on PostgreSQL every node together allows what one would.
/// </summary>
public sealed class Open311KeyLimiter(IRateCounterStore store, IOptions<RateLimitOptions> options, DeskMetrics metrics)
{
    /// <summary>True when the key may make one more call now.</summary>
    public async Task<bool> TryAcquireAsync(int apiKeyId, CancellationToken cancellationToken = default)
    {
        var allowed = await store.TryAcquireAsync(
            "ApiKey|" + apiKeyId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            options.Value.ApiCallsPerMinute, TimeSpan.FromMinutes(1), cancellationToken);
        if (!allowed)
        {
            metrics.LimitRejected("ApiKey");
        }

        return allowed;
    }

    /// <summary>
    /// True when a call without a key (the public service list and definitions) from <paramref name="clientAddress"/>
    /// may go on now: the same number of calls a minute as a key, per client address.
    /// </summary>
    public async Task<bool> TryAcquireAnonymousAsync(string clientAddress, CancellationToken cancellationToken = default)
    {
        var allowed = await store.TryAcquireAsync(
            "ApiAnonymous|" + clientAddress, options.Value.ApiCallsPerMinute, TimeSpan.FromMinutes(1), cancellationToken);
        if (!allowed)
        {
            metrics.LimitRejected("ApiAnonymous");
        }

        return allowed;
    }
}

using HajDesk.Web.Operations;
using Microsoft.Extensions.Options;

namespace HajDesk.Web.Infrastructure;

/// <summary>
/// The only caller of the shared counters (<see cref="IRateCounterStore"/>, shared by every node on PostgreSQL, so N
/// nodes together allow what one would): the sliding-window limits of <see cref="LimitCatalogue.Shared"/>, keyed by
/// what was typed (a national code, a mobile) or who asks (client IP, API key, staff member) — which the framework's
/// endpoint limiter cannot do — and the marks kept beside them. A refusal counts in
/// <c>hajdesk_limits_rejections_total</c>.
/// </summary>
public sealed class Throttle(IRateCounterStore store, IOptions<RateLimitOptions> options, DeskMetrics metrics)
{
    /// <summary>A player fetches one sound in parts and a person may play it again: this many fetches of one challenge.</summary>
    internal const int AudioFetchesPerChallenge = 20;

    /// <summary>True when the action may go ahead (and it is counted); false means answer 429.</summary>
    public async Task<bool> TryAcquireAsync(SharedLimit limit, string key, CancellationToken cancellationToken = default)
    {
        var rule = LimitCatalogue.For(limit);
        if (await store.TryAcquireAsync(CounterKey(limit, key), rule.Permits(options.Value), rule.Window, cancellationToken))
        {
            return true;
        }

        metrics.LimitRejected(rule.Metric);
        return false;
    }

    /// <summary>Sets a mark (<see cref="SharedLimit.PersonOfFormMark"/>, <see cref="SharedLimit.OpenRequestNoticeMark"/>) for its window.</summary>
    public Task MarkAsync(SharedLimit mark, string key, CancellationToken cancellationToken = default) =>
        TryAcquireAsync(mark, key, cancellationToken);

    /// <summary>Whether the mark was set within its window (or anything was counted, for a limit).</summary>
    public async Task<bool> IsMarkedAsync(SharedLimit mark, string key, CancellationToken cancellationToken = default) =>
        await store.CountAsync(CounterKey(mark, key), LimitCatalogue.For(mark).Window, cancellationToken) > 0;

    /// <summary>
    /// Whether <paramref name="clientKey"/> may hear challenge <paramref name="challengeId"/> spoken: its first
    /// fetch spends one of the address's <see cref="RateLimitOptions.CaptchaAudioByClient"/>; the player's range
    /// requests and replays of the same challenge are free up to <see cref="AudioFetchesPerChallenge"/>. Counted on
    /// every node together, so a matcher of the sound gets no more codes to read by spreading over nodes.
    /// </summary>
    public async Task<bool> TryHearChallengeAsync(string clientKey, Guid challengeId, CancellationToken cancellationToken = default)
    {
        var replays = $"{clientKey}|{challengeId:N}";
        if (!await IsMarkedAsync(SharedLimit.CaptchaAudioReplays, replays, cancellationToken)
            && !await TryAcquireAsync(SharedLimit.CaptchaAudioByClient, clientKey, cancellationToken))
        {
            return false;
        }

        return await TryAcquireAsync(SharedLimit.CaptchaAudioReplays, replays, cancellationToken);
    }

    private static string CounterKey(SharedLimit limit, string key) => limit + "|" + key;
}

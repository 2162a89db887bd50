using System.Diagnostics.Metrics;
using HajDesk.Core.CivilRegistry;
using HajDesk.Core.Requests;

namespace HajDesk.Web.Operations;

/// <summary>
/// The desk's own metrics, meter <c>HajDesk</c>: what an operator watches besides HTTP and the database client.
/// Counters are counted whether or not anything collects them (a counter nobody listens to costs nothing); the
/// gauges read <see cref="DeskGauges"/>, which <see cref="DeskGaugeSampler"/> fills only when metrics are exported.
/// No tag ever holds personal data: channels, outcomes and limit names only.
/// </summary>
public sealed class DeskMetrics
{
    public const string MeterName = "HajDesk";

    private readonly Counter<long> submitted;
    private readonly Counter<long> registryCalls;
    private readonly Counter<long> registryFailures;
    private readonly Counter<long> limitRejections;

    public DeskMetrics(IMeterFactory meters, DeskGauges gauges)
    {
        var meter = meters.Create(MeterName);
        submitted = meter.CreateCounter<long>("hajdesk.requests.submitted", "{request}",
            "Requests committed, by the intake channel the request records (web, api, phone111, in_person, letter, samad).");
        registryCalls = meter.CreateCounter<long>("hajdesk.registry.calls", "{call}",
            "Civil-registry lookups, by outcome (found, not_found, unavailable).");
        registryFailures = meter.CreateCounter<long>("hajdesk.registry.failures", "{call}",
            "Civil-registry lookups that could not be answered (unreachable, error, timeout).");
        limitRejections = meter.CreateCounter<long>("hajdesk.limits.rejections", "{attempt}",
            "Attempts refused by a shared limit, by limit.");
        meter.CreateObservableGauge("hajdesk.outbox.pending", () => gauges.OutboxPending, "{message}",
            "Notifications waiting to be sent.");
        meter.CreateObservableGauge("hajdesk.outbox.oldest_age", () => gauges.OutboxOldestAgeSeconds, "s",
            "Age of the oldest notification waiting to be sent (0 when none).");
        meter.CreateObservableGauge("hajdesk.build_info",
            () => new Measurement<int>(1, new("version", AppVersion.Version), new("commit", AppVersion.Commit)), null,
            "The running build: always 1, labelled with its semantic version and git commit.");
        meter.CreateObservableGauge("hajdesk.requests.overdue", () => gauges.Overdue, "{request}",
            "Open requests past their due time (refreshed at most once a minute).");
    }

    public void RequestSubmitted(RequestChannel channel) =>
        submitted.Add(1, new KeyValuePair<string, object?>("channel", ChannelLabel(channel)));

    /// <summary>The <c>channel</c> label of a request's intake channel: <c>web</c>, <c>api</c>, <c>phone111</c>, …</summary>
    public static string ChannelLabel(RequestChannel channel) => channel switch
    {
        RequestChannel.Web => "web",
        RequestChannel.Api => "api",
        RequestChannel.Phone111 => "phone111",
        RequestChannel.InPerson => "in_person",
        RequestChannel.Letter => "letter",
        RequestChannel.Samad => "samad",
        _ => channel.ToString().ToLowerInvariant(),
    };

    public void RegistryCalled(RegistryOutcome outcome)
    {
        var name = outcome switch
        {
            RegistryOutcome.Found => "found",
            RegistryOutcome.NotFound => "not_found",
            _ => "unavailable",
        };
        registryCalls.Add(1, new KeyValuePair<string, object?>("outcome", name));
        // Zero for an answered lookup: the failures series exists from the first lookup on, so an alert on its rate
        // works before the first failure.
        registryFailures.Add(outcome == RegistryOutcome.Unavailable ? 1 : 0);
    }

    public void LimitRejected(string limit) =>
        limitRejections.Add(1, new KeyValuePair<string, object?>("limit", limit));
}

/// <summary>The latest values of the gauges: read by the exporter on every scrape, written by the sampler.</summary>
public sealed class DeskGauges
{
    private long outboxPending;
    private double outboxOldestAgeSeconds;
    private long overdue;

    public long OutboxPending => Interlocked.Read(ref outboxPending);

    public double OutboxOldestAgeSeconds => Volatile.Read(ref outboxOldestAgeSeconds);

    public long Overdue => Interlocked.Read(ref overdue);

    public void SetOutbox(long pending, double oldestAgeSeconds)
    {
        Interlocked.Exchange(ref outboxPending, pending);
        Volatile.Write(ref outboxOldestAgeSeconds, oldestAgeSeconds);
    }

    public void SetOverdue(long count) => Interlocked.Exchange(ref overdue, count);
}

/// <summary>Counts every civil-registry answer for <see cref="DeskMetrics"/>; wraps the configured registry.</summary>
internal sealed class MeteredCivilRegistry(ICivilRegistry inner, DeskMetrics metrics) : ICivilRegistry
{
    private ICivilRegistry Inner { get; } = inner;

    /// <summary>The configured registry behind the metering (the registry itself when it is not metered).</summary>
    public static ICivilRegistry Unwrap(ICivilRegistry registry) => registry is MeteredCivilRegistry metered ? metered.Inner : registry;

    public async Task<RegistryResult> LookupAsync(string nationalCode, DateOnly birthDate, CancellationToken cancellationToken)
    {
        var result = await Inner.LookupAsync(nationalCode, birthDate, cancellationToken);
        metrics.RegistryCalled(result.Outcome);
        return result;
    }
}

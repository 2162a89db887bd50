using HajDesk.Core.Data;
using HajDesk.Core.Webhooks;
using HajDesk.Web.Staff;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HajDesk.Web.Webhooks;

/// <summary>What an administrator typed for a subscriber.</summary>
public sealed record WebhookInput(string? Name, string? Address, IReadOnlyList<WebhookEvent> Events, bool AllProvinces, IReadOnlyList<int> ProvinceIds, bool IsActive = true);

/// <summary>
/// The webhook subscribers' administration, behind <c>/staff/admin/webhooks</c>: check what was typed (the rules of
/// <see cref="WebhookRules"/>), register a subscriber with a new secret (returned once), change one, give one a new
/// secret, and read its deliveries. Every change is audited in its own save.
/// </summary>
public sealed class WebhookAdmin(HajDeskDbContext db, WebhookSecrets secrets, AuditLog audit, TimeProvider time, IOptions<WebhookOptions> options)
{
    /// <summary>The deliveries a log page shows, newest first.</summary>
    public const int LogSize = 200;

    /// <summary>Field name → Persian error, for the form.</summary>
    public async Task<Dictionary<string, string>> CheckAsync(WebhookInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        if (WebhookRules.CheckName(input.Name).Error is { } nameError)
        {
            errors[nameof(WebhookInput.Name)] = nameError;
        }

        if (WebhookRules.CheckUrl(input.Address, options.Value.AllowPrivateNetworks).Error is { } urlError)
        {
            errors[nameof(WebhookInput.Address)] = urlError;
        }

        if (WebhookRules.MaskOf(input.Events) == 0)
        {
            errors[nameof(WebhookInput.Events)] = WebhookRules.EventsRequired;
        }

        if (!input.AllProvinces)
        {
            var ids = input.ProvinceIds.Distinct().ToList();
            if (ids.Count == 0 || await db.Provinces.CountAsync(p => ids.Contains(p.Id), cancellationToken) != ids.Count)
            {
                errors[nameof(WebhookInput.ProvinceIds)] = WebhookRules.ProvincesRequired;
            }
        }

        return errors;
    }

    /// <summary>Registers a checked subscriber; returns it and its secret, which is never shown again.</summary>
    public async Task<(WebhookSubscriber Subscriber, string Secret)> CreateAsync(WebhookInput input, string? createdBy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var (secret, protectedSecret, prefix) = secrets.Create();
        var subscriber = new WebhookSubscriber
        {
            Name = WebhookRules.CheckName(input.Name).Name,
            Url = WebhookRules.CheckUrl(input.Address, options.Value.AllowPrivateNetworks).Url,
            ProtectedSecret = protectedSecret,
            SecretPrefix = prefix,
            CreatedAt = time.GetUtcNow().UtcDateTime,
            CreatedBy = createdBy,
        };
        Apply(subscriber, input);
        db.WebhookSubscribers.Add(subscriber);
        audit.Add(AuditActions.WebhookCreate, null, Describe(subscriber));
        await db.SaveChangesAsync(cancellationToken);
        return (subscriber, secret);
    }

    /// <summary>Changes a checked subscriber (loaded with its provinces and its version expected by the caller).</summary>
    public async Task UpdateAsync(WebhookSubscriber subscriber, WebhookInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subscriber);
        ArgumentNullException.ThrowIfNull(input);
        subscriber.Name = WebhookRules.CheckName(input.Name).Name;
        subscriber.Url = WebhookRules.CheckUrl(input.Address, options.Value.AllowPrivateNetworks).Url;
        subscriber.IsActive = input.IsActive;
        Apply(subscriber, input);
        audit.Add(AuditActions.WebhookUpdate, null, Describe(subscriber));
        if (!subscriber.AllProvinces)
        {
            // Events already waiting for a request of a province it may no longer see are given up, not sent,
            // in the same save as the change.
            var seen = subscriber.Provinces.Select(p => p.ProvinceId).ToList();
            var id = subscriber.Id;
            var outOfSight = await db.WebhookDeliveries
                .Where(d => d.SubscriberId == id && d.Status == WebhookDeliveryStatus.Pending && !seen.Contains(d.Request!.ProvinceId))
                .ToListAsync(cancellationToken);
            foreach (var delivery in outOfSight)
            {
                (delivery.Status, delivery.Payload, delivery.LastError) = (WebhookDeliveryStatus.Failed, null, OutOfSight);
            }
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The log's reason for an event given up because the subscriber no longer sees the request's province.</summary>
    public const string OutOfSight = "استان این درخواست دیگر در دید این گیرنده نیست؛ فرستاده نشد.";

    /// <summary>Gives the subscriber a new secret (the old one stops at once); returns it, shown once.</summary>
    public async Task<string> NewSecretAsync(WebhookSubscriber subscriber, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subscriber);
        var (secret, protectedSecret, prefix) = secrets.Create();
        (subscriber.ProtectedSecret, subscriber.SecretPrefix) = (protectedSecret, prefix);
        audit.Add(AuditActions.WebhookSecret, null, $"«{subscriber.Name}» (#{subscriber.Id})، رمز تازه {prefix}…");
        await db.SaveChangesAsync(cancellationToken);
        return secret;
    }

    /// <summary>The subscriber's latest deliveries with the tracking code of each request, newest first.</summary>
    public Task<List<WebhookLogRow>> LogAsync(int subscriberId, CancellationToken cancellationToken) =>
        db.WebhookDeliveries.AsNoTracking().Where(d => d.SubscriberId == subscriberId)
            .OrderByDescending(d => d.Id).Take(LogSize)
            .Select(d => new WebhookLogRow(d.Id, d.RequestId, d.Request!.TrackingCode, d.Event, d.Status, d.Attempts, d.CreatedAt,
                d.LastAttemptAt, d.DeliveredAt, d.NextAttemptAt, d.LastStatusCode, d.LastError))
            .ToListAsync(cancellationToken);

    private static void Apply(WebhookSubscriber subscriber, WebhookInput input)
    {
        subscriber.EventMask = WebhookRules.MaskOf(input.Events);
        subscriber.AllProvinces = input.AllProvinces;
        var wanted = input.AllProvinces ? [] : input.ProvinceIds.Distinct().ToHashSet();
        subscriber.Provinces.RemoveAll(p => !wanted.Contains(p.ProvinceId));
        foreach (var id in wanted.Where(id => subscriber.Provinces.All(p => p.ProvinceId != id)))
        {
            subscriber.Provinces.Add(new WebhookSubscriberProvince { ProvinceId = id });
        }
    }

    private static string Describe(WebhookSubscriber s) =>
        $"«{s.Name}» {s.Url}؛ رویدادها: {string.Join("، ", WebhookEventText.All.Where(s.Wants).Select(e => e.ToPersian()))}؛ " +
        $"استان‌ها: {(s.AllProvinces ? "همه" : string.Join(",", s.Provinces.Select(p => p.ProvinceId)))}؛ {(s.IsActive ? "فعال" : "غیرفعال")}";
}

/// <summary>One line of a subscriber's delivery log.</summary>
public sealed record WebhookLogRow(
    long Id, long RequestId, string TrackingCode, WebhookEvent Event, WebhookDeliveryStatus Status, int Attempts, DateTime CreatedAt,
    DateTime? LastAttemptAt, DateTime? DeliveredAt, DateTime NextAttemptAt, int? LastStatusCode, string? LastError);

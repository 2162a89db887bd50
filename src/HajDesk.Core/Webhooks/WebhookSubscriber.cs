using HajDesk.Core.Data;

namespace HajDesk.Core.Webhooks;

/// <summary>
/// A system told by HTTP POST when requests change (a webhook): where to post, which events, which provinces'
/// requests it may see, and the secret its deliveries are signed with (kept encrypted by the app's Data Protection
/// key ring, shown to the administrator once).
/// </summary>
public class WebhookSubscriber : IVersioned
{
    public const int MaxNameLength = 100;

    public const int MaxUrlLength = 500;

    public int Id { get; set; }

    public required string Name { get; set; }

    public required string Url { get; set; }

    /// <summary>The events it wants, one bit each (<see cref="WebhookEventText.Bit"/>).</summary>
    public int EventMask { get; set; }

    /// <summary>Every province's requests; otherwise only those of <see cref="Provinces"/>.</summary>
    public bool AllProvinces { get; set; }

    public List<WebhookSubscriberProvince> Provinces { get; set; } = [];

    /// <summary>The signing secret, encrypted with Data Protection (never stored in clear).</summary>
    public required string ProtectedSecret { get; set; }

    /// <summary>The secret's first characters, to recognise it.</summary>
    public required string SecretPrefix { get; set; }

    public bool IsActive { get; set; } = true;

    public DateTime CreatedAt { get; set; }

    public string? CreatedBy { get; set; }

    /// <inheritdoc />
    public int Version { get; set; }

    public bool Wants(WebhookEvent e) => (EventMask & e.Bit()) != 0;

    /// <summary>Whether it may see a request of this province.</summary>
    public bool Sees(int provinceId) => AllProvinces || Provinces.Any(p => p.ProvinceId == provinceId);
}

/// <summary>A province whose requests a subscriber may see.</summary>
public class WebhookSubscriberProvince
{
    public int SubscriberId { get; set; }

    public int ProvinceId { get; set; }
}

public enum WebhookDeliveryStatus
{
    Pending,

    /// <summary>The subscriber answered 2xx; never sent again.</summary>
    Delivered,

    /// <summary>Gave up after the last retry.</summary>
    Failed,
}

/// <summary>
/// One event for one subscriber: an outbox row written in the same transaction as the request's change and posted
/// by the webhook dispatcher afterwards, in order per subscriber and request.
/// </summary>
public class WebhookDelivery
{
    public const int MaxErrorLength = 500;

    public long Id { get; set; }

    public int SubscriberId { get; set; }

    public long RequestId { get; set; }

    /// <summary>Set for a request being created (its id comes with the same commit).</summary>
    public Requests.ServiceRequest? Request { get; set; }

    public WebhookEvent Event { get; set; }

    /// <summary>The event's id, the same on every attempt (the receiver drops duplicates by it).</summary>
    public Guid EventId { get; set; } = Guid.NewGuid();

    /// <summary>The JSON body; cleared once delivered or given up (it may quote an answer).</summary>
    public string? Payload { get; set; }

    public WebhookDeliveryStatus Status { get; set; }

    public int Attempts { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime NextAttemptAt { get; set; }

    /// <summary>Lease: a dispatcher that claimed the row owns it until then.</summary>
    public DateTime? LockedUntil { get; set; }

    public DateTime? DeliveredAt { get; set; }

    public DateTime? LastAttemptAt { get; set; }

    /// <summary>The HTTP status of the last answer, when there was one.</summary>
    public int? LastStatusCode { get; set; }

    public string? LastError { get; set; }
}

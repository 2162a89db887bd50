using HajDesk.Core.Data;
using HajDesk.Core.Requests;
using HajDesk.Core.Webhooks;
using HajDesk.Web.Open311;
using Microsoft.EntityFrameworkCore;

namespace HajDesk.Web.Webhooks;

/// <summary>
/// Adds the webhook deliveries a request's change owes to the scope's <see cref="HajDeskDbContext"/>, for the
/// caller's own <c>SaveChangesAsync</c> to commit with the change (called by <c>RequestNotifications</c>, where the
/// citizen's messages are added). One delivery per active subscriber that wants the event and may see the request's
/// province (before or after the change: a referral is told to both sides). The body is the request as the Open311
/// API shows it, as it stands after the change, and nothing more.
/// </summary>
/// <remarks>
/// Raising the same event for the same request again in the same scope, before the save succeeded, replaces the
/// earlier deliveries (a save retried after a tracking-code collision must not announce the discarded code).
/// </remarks>
public sealed class WebhookOutbox(HajDeskDbContext db, WebhookSignal signal, TimeProvider time)
{
    private readonly Dictionary<(ServiceRequest Request, WebhookEvent Event), List<WebhookDelivery>> added = [];
    private bool subscribed;

    public void Raise(ServiceRequest request, WebhookEvent e)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (added.Remove((request, e), out var earlier))
        {
            foreach (var delivery in earlier.Where(d => db.Entry(d).State == EntityState.Added))
            {
                db.Entry(delivery).State = EntityState.Detached;
            }
        }

        var entry = db.Entry(request);
        var provinces = new[] { request.ProvinceId, entry.State == EntityState.Added ? request.ProvinceId : entry.Property(r => r.ProvinceId).OriginalValue }
            .Distinct().ToList();
        var bit = e.Bit();
        var subscribers = db.WebhookSubscribers.AsNoTracking()
            .Where(s => s.IsActive && (s.EventMask & bit) != 0
                        && (s.AllProvinces || s.Provinces.Any(p => provinces.Contains(p.ProvinceId))))
            .Select(s => s.Id)
            .ToList();
        if (subscribers.Count == 0)
        {
            return;
        }

        var now = time.GetUtcNow().UtcDateTime;
        var deliveries = subscribers.Select(id =>
        {
            var delivery = new WebhookDelivery
            {
                SubscriberId = id,
                Event = e,
                Status = WebhookDeliveryStatus.Pending,
                CreatedAt = now,
                NextAttemptAt = now,
            };
            delivery.Payload = Payload(delivery, request, now);
            if (request.Id == 0)
            {
                delivery.Request = request;
            }
            else
            {
                delivery.RequestId = request.Id;
            }

            return delivery;
        }).ToList();
        added[(request, e)] = deliveries;
        db.WebhookDeliveries.AddRange(deliveries);
        if (!subscribed)
        {
            subscribed = true;
            db.SavedChanges += (_, _) => signal.Notify();
        }
    }

    /// <summary>The body: the event, its id and time, and the request as <c>GET requests/{id}</c> shows it.</summary>
    private string Payload(WebhookDelivery delivery, ServiceRequest request, DateTime now)
    {
        // Short reads inside the caller's save, made only when some subscriber wants the event.
        var serviceId = request.SubSubjectId ?? request.SubjectId;
        var service = db.Subjects.AsNoTracking().Where(s => s.Id == serviceId).Select(s => new { s.Name, s.ServiceCode }).FirstOrDefault();
        var province = db.Provinces.AsNoTracking().Where(p => p.Id == request.ProvinceId).Select(p => p.Name).FirstOrDefault() ?? string.Empty;
        var resource = new Open311RequestResource(request.TrackingCode, request.Status, LatestAnswer(request),
            service?.Name ?? string.Empty, Open311Catalog.CodeOf(serviceId, service?.ServiceCode), province,
            request.CreatedAt, request.UpdatedAt, request.DueAt);
        return Open311Writer.Json(new Open311Object()
            .Set("event", delivery.Event.WireName())
            .Set("event_id", delivery.EventId.ToString())
            .Set("occurred_at", now)
            .Set("service_request", resource.ToObject()));
    }

    /// <summary>The latest answer the citizen can read (<c>status_notes</c>): one added now, else the stored one.</summary>
    private string? LatestAnswer(ServiceRequest request)
    {
        var fresh = request.Events.Where(v => v.Kind == RequestEventKind.Answered && v.VisibleToCitizen && db.Entry(v).State == EntityState.Added)
            .OrderByDescending(v => v.At).FirstOrDefault();
        if (fresh is not null || request.Id == 0)
        {
            return fresh?.Text;
        }

        return db.RequestEvents.AsNoTracking()
            .Where(v => v.RequestId == request.Id && v.Kind == RequestEventKind.Answered && v.VisibleToCitizen)
            .OrderByDescending(v => v.At).Select(v => v.Text).FirstOrDefault();
    }
}

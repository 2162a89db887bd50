using System.Globalization;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using HajDesk.Core.Data;
using HajDesk.Core.Webhooks;
using HajDesk.Web.Infrastructure.Background;
using HajDesk.Web.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HajDesk.Web.Webhooks;

/// <summary>
/// Posts the webhook deliveries the outbox holds, like the notification <see cref="OutboxDispatcher"/>: claims a
/// batch of due rows under a lease (on PostgreSQL <c>FOR UPDATE SKIP LOCKED</c>, so several nodes never claim the
/// same row), posts each signed body, and records the outcome; a failure is retried with a growing wait.
/// </summary>
/// <remarks>
/// <para>
/// In order per request: a delivery is due only when no earlier delivery of the same request to the same subscriber
/// is still pending, so a subscriber reads <c>received</c> before <c>answered</c>. A delivery given up (Failed) no
/// longer holds the later ones back.
/// </para>
/// <para>
/// Never twice after a 2xx: a delivery is marked Delivered as soon as the subscriber answered 2xx, while this
/// dispatcher still holds its lease, and a send is never started with less lease left than its timeout. Only a
/// process that dies between the answer and that write sends it again; the <c>X-HajDesk-Delivery</c> header (the
/// event id, the same on every attempt) lets the receiver drop it.
/// </para>
/// </remarks>
public sealed partial class WebhookDispatcher(
    IServiceScopeFactory scopes,
    IHttpClientFactory clients,
    WebhookSignal signal,
    TimeProvider time,
    IOptions<WebhookOptions> options,
    IOptions<NotificationOptions> notificationOptions,
    ILogger<WebhookDispatcher> logger) : PeriodicWorker<int>(scopes, time, logger)
{
    public const string HttpClientName = "webhooks";

    public const string EventHeader = "X-HajDesk-Event";
    public const string DeliveryHeader = "X-HajDesk-Delivery";
    public const string TimestampHeader = "X-HajDesk-Timestamp";
    public const string SignatureHeader = "X-HajDesk-Signature";

    protected override bool Enabled => notificationOptions.Value.DispatcherEnabled;

    protected override TimeSpan? Interval => options.Value.PollInterval;

    /// <summary>A delivery made may have made the request's next one due: the next round at once.</summary>
    protected override bool AfterRound(int processed) => processed > 0;

    /// <summary>Waits for the poll interval, or less when a local commit signals new work.</summary>
    protected override Task WaitAsync(TimeSpan interval, CancellationToken cancellationToken) => signal.WaitAsync(interval, cancellationToken);

    /// <summary>
    /// Claims one batch and sends it; returns how many were claimed. Safe to call from several processes at once.
    /// </summary>
    public Task<int> DispatchDueAsync(CancellationToken cancellationToken) => RunOnceAsync(cancellationToken);

    /// <summary>Claims one batch of due deliveries and posts them; returns how many were claimed.</summary>
    protected override async Task<int> RoundAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var db = services.GetRequiredService<HajDeskDbContext>();
        var secrets = services.GetRequiredService<WebhookSecrets>();
        var now = Time.GetUtcNow().UtcDateTime;
        var lease = Truncate(now + settings.Lease);
        var batch = db.Database.IsNpgsql()
            ? await ClaimOnPostgresAsync(db, now, lease, settings.BatchSize, cancellationToken)
            : await ClaimOnSqliteAsync(db, now, lease, settings.BatchSize, cancellationToken);
        if (batch.Count == 0)
        {
            return 0;
        }

        var subscriberIds = batch.Select(d => d.SubscriberId).Distinct().ToList();
        var subscribers = await db.WebhookSubscribers.AsNoTracking().Where(s => subscriberIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, cancellationToken);
        var client = clients.CreateClient(HttpClientName);
        for (var i = 0; i < batch.Count; i++)
        {
            if (Time.GetUtcNow().UtcDateTime + settings.Timeout + TimeSpan.FromSeconds(1) >= lease)
            {
                await ReleaseAsync(db, batch.Skip(i).Select(d => d.Id).ToList(), lease);
                break;
            }

            var delivery = batch[i];
            var outcome = subscribers.TryGetValue(delivery.SubscriberId, out var subscriber) && subscriber.IsActive
                ? await PostAsync(client, subscriber, secrets, delivery, settings, db, lease, cancellationToken)
                : new Outcome(false, null, "گیرنده غیرفعال شده است", GiveUp: true);
            await RecordAsync(db, delivery, outcome, lease, settings);
        }

        return batch.Count;
    }

    private sealed record Outcome(bool Delivered, int? StatusCode, string? Error, bool GiveUp = false);

    private async Task<Outcome> PostAsync(HttpClient client, WebhookSubscriber subscriber, WebhookSecrets secrets, WebhookDelivery delivery,
        WebhookOptions settings, HajDeskDbContext db, DateTime lease, CancellationToken cancellationToken)
    {
        var body = delivery.Payload ?? "{}";
        var timestamp = Time.GetUtcNow().ToUnixTimeSeconds();
        using var message = new HttpRequestMessage(HttpMethod.Post, subscriber.Url)
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        message.Headers.Add(EventHeader, delivery.Event.WireName());
        message.Headers.Add(DeliveryHeader, delivery.EventId.ToString());
        message.Headers.Add(TimestampHeader, timestamp.ToString(CultureInfo.InvariantCulture));
        message.Headers.UserAgent.ParseAdd("HajDesk-Webhooks/1");
        try
        {
            message.Headers.Add(SignatureHeader, WebhookRules.Sign(secrets.Reveal(subscriber.ProtectedSecret), timestamp, body));
        }
        catch (CryptographicException)
        {
            return new Outcome(false, null, "رمز امضا با کلیدهای این سامانه گشوده نشد؛ رمز تازه بسازید");
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(settings.Timeout);
        try
        {
            using var response = await client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var status = (int)response.StatusCode;
            return status is >= 200 and <= 299
                ? new Outcome(true, status, null)
                : new Outcome(false, status, $"پاسخ HTTP {status.ToString(CultureInfo.InvariantCulture)}");
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down mid-send: whether the subscriber took it is unknown, so it goes out again later.
            await ReleaseAsync(db, [delivery.Id], lease);
            throw;
        }
        catch (OperationCanceledException)
        {
            return new Outcome(false, null, $"پاسخی در {settings.TimeoutSeconds.ToString(CultureInfo.InvariantCulture)} ثانیه نیامد");
        }
        catch (HttpRequestException e) when (e.InnerException is PrivateNetworkException)
        {
            return new Outcome(false, null, WebhookRules.UrlPrivate);
        }
        catch (HttpRequestException e)
        {
            return new Outcome(false, null, $"اتصال برقرار نشد ({(e.InnerException as SocketException)?.SocketErrorCode.ToString() ?? e.HttpRequestError.ToString()})");
        }
    }

    private async Task RecordAsync(HajDeskDbContext db, WebhookDelivery delivery, Outcome outcome, DateTime lease, WebhookOptions settings)
    {
        var now = Time.GetUtcNow().UtcDateTime;
        var attempts = delivery.Attempts + 1;
        int updated;
        if (outcome.Delivered)
        {
            updated = await db.WebhookDeliveries.Where(d => d.Id == delivery.Id && d.LockedUntil == lease)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(d => d.Status, WebhookDeliveryStatus.Delivered)
                    .SetProperty(d => d.DeliveredAt, now)
                    .SetProperty(d => d.LastAttemptAt, now)
                    .SetProperty(d => d.Attempts, attempts)
                    .SetProperty(d => d.LastStatusCode, outcome.StatusCode)
                    .SetProperty(d => d.LastError, (string?)null)
                    .SetProperty(d => d.Payload, (string?)null)
                    .SetProperty(d => d.LockedUntil, (DateTime?)null), CancellationToken.None);
            LogDelivered(Logger, delivery.Id, delivery.SubscriberId, delivery.Event, attempts);
            signal.Notify();
        }
        else
        {
            var giveUp = outcome.GiveUp || attempts >= settings.MaxAttempts;
            var status = giveUp ? WebhookDeliveryStatus.Failed : WebhookDeliveryStatus.Pending;
            var next = giveUp ? delivery.NextAttemptAt : now + Backoff(attempts, settings);
            var payload = giveUp ? null : delivery.Payload;
            var error = outcome.Error is { Length: > WebhookDelivery.MaxErrorLength } e ? e[..WebhookDelivery.MaxErrorLength] : outcome.Error;
            updated = await db.WebhookDeliveries.Where(d => d.Id == delivery.Id && d.LockedUntil == lease)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(d => d.Status, status)
                    .SetProperty(d => d.Attempts, attempts)
                    .SetProperty(d => d.LastAttemptAt, now)
                    .SetProperty(d => d.LastStatusCode, outcome.StatusCode)
                    .SetProperty(d => d.LastError, error)
                    .SetProperty(d => d.NextAttemptAt, next)
                    .SetProperty(d => d.Payload, payload)
                    .SetProperty(d => d.LockedUntil, (DateTime?)null), CancellationToken.None);
            LogFailed(Logger, delivery.Id, delivery.SubscriberId, delivery.Event, attempts, outcome.StatusCode, giveUp);
        }

        if (updated == 0)
        {
            Logger.LogWarning("Webhook delivery {DeliveryId}: the lease ran out before its outcome was recorded", delivery.Id);
        }
    }

    /// <summary>The wait after the <paramref name="attempt"/>-th failure: <c>FirstRetrySeconds</c> × 4^(attempt−1), at most <c>MaxRetrySeconds</c>, ±20%.</summary>
    internal static TimeSpan Backoff(int attempt, WebhookOptions settings)
    {
        var seconds = Math.Min(settings.FirstRetrySeconds * Math.Pow(4, Math.Max(0, attempt - 1)), settings.MaxRetrySeconds);
        var jitter = 0.8 + (0.4 * RandomNumberGenerator.GetInt32(0, 1001) / 1000.0);
        return TimeSpan.FromSeconds(seconds * jitter);
    }

    private static async Task<List<WebhookDelivery>> ClaimOnPostgresAsync(HajDeskDbContext db, DateTime now, DateTime lease,
        int batchSize, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var rows = await db.WebhookDeliveries.FromSqlRaw(
                """
                SELECT * FROM "WebhookDeliveries" AS d
                WHERE d."Status" = 'Pending' AND d."NextAttemptAt" <= {0} AND (d."LockedUntil" IS NULL OR d."LockedUntil" < {0})
                  AND NOT EXISTS (SELECT 1 FROM "WebhookDeliveries" AS e
                                  WHERE e."SubscriberId" = d."SubscriberId" AND e."RequestId" = d."RequestId"
                                    AND e."Id" < d."Id" AND e."Status" = 'Pending')
                ORDER BY d."NextAttemptAt", d."Id"
                LIMIT {1}
                FOR UPDATE SKIP LOCKED
                """, now, batchSize)
            .AsNoTracking()
            .ToListAsync(cancellationToken);
        if (rows.Count > 0)
        {
            var ids = rows.Select(r => r.Id).ToList();
            await db.WebhookDeliveries.Where(d => ids.Contains(d.Id))
                .ExecuteUpdateAsync(s => s.SetProperty(d => d.LockedUntil, lease), cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        foreach (var row in rows)
        {
            row.LockedUntil = lease;
        }

        return rows;
    }

    private static async Task<List<WebhookDelivery>> ClaimOnSqliteAsync(HajDeskDbContext db, DateTime now, DateTime lease,
        int batchSize, CancellationToken cancellationToken)
    {
        var candidates = await Due(db, now).OrderBy(d => d.NextAttemptAt).ThenBy(d => d.Id)
            .Select(d => d.Id).Take(batchSize).ToListAsync(cancellationToken);
        if (candidates.Count == 0)
        {
            return [];
        }

        var claimed = await Due(db, now).Where(d => candidates.Contains(d.Id))
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.LockedUntil, lease), cancellationToken);
        if (claimed == 0)
        {
            return [];
        }

        var rows = await db.WebhookDeliveries.AsNoTracking().Where(d => candidates.Contains(d.Id) && d.LockedUntil == lease).ToListAsync(cancellationToken);
        return [.. rows.OrderBy(d => d.NextAttemptAt).ThenBy(d => d.Id)];
    }

    /// <summary>Pending, due, not leased, and the first pending one of its subscriber and request.</summary>
    private static IQueryable<WebhookDelivery> Due(HajDeskDbContext db, DateTime now) =>
        db.WebhookDeliveries.Where(d => d.Status == WebhookDeliveryStatus.Pending && d.NextAttemptAt <= now
            && (d.LockedUntil == null || d.LockedUntil < now)
            && !db.WebhookDeliveries.Any(e => e.SubscriberId == d.SubscriberId && e.RequestId == d.RequestId && e.Id < d.Id
                                              && e.Status == WebhookDeliveryStatus.Pending));

    private static Task<int> ReleaseAsync(HajDeskDbContext db, List<long> ids, DateTime lease) =>
        db.WebhookDeliveries.Where(d => ids.Contains(d.Id) && d.LockedUntil == lease)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.LockedUntil, (DateTime?)null), CancellationToken.None);

    private static DateTime Truncate(DateTime value) =>
        new(value.Ticks - (value.Ticks % TimeSpan.TicksPerMillisecond), DateTimeKind.Utc);

    [LoggerMessage(Level = LogLevel.Information, Message = "Webhook delivery {DeliveryId} to subscriber {SubscriberId} ({Event}) delivered on attempt {Attempt}")]
    private static partial void LogDelivered(ILogger logger, long deliveryId, int subscriberId, WebhookEvent @event, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook delivery {DeliveryId} to subscriber {SubscriberId} ({Event}) failed on attempt {Attempt} (HTTP {StatusCode}); given up: {GaveUp}")]
    private static partial void LogFailed(ILogger logger, long deliveryId, int subscriberId, WebhookEvent @event, int attempt, int? statusCode, bool gaveUp);
}

/// <summary>The connection was refused because the subscriber's name resolved to a loopback or private address.</summary>
public sealed class PrivateNetworkException() : Exception("The webhook subscriber's address is on a loopback or private network.");

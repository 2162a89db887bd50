using System.Security.Cryptography;
using System.Text.RegularExpressions;
using HajDesk.Core.Data;
using HajDesk.Core.Notifications;
using HajDesk.Web.Infrastructure.Background;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HajDesk.Web.Notifications;

/// <summary>
/// Sends what the outbox holds. Every <c>Notifications:PollSeconds</c> (or at once after a local commit added
/// messages) it claims a batch of due messages, sends each, and records the outcome.
/// </summary>
/// <remarks>
/// <para>
/// Claiming: a message is due when it is <c>Pending</c>, its <c>NextAttemptAt</c> has come and nobody holds a lease
/// on it. A claim sets <c>LockedUntil</c> (the lease). On PostgreSQL the due rows are selected
/// <c>FOR UPDATE SKIP LOCKED</c> in the transaction that sets the lease, so dispatchers in several processes never
/// claim the same row; on SQLite (one writer) one conditional update claims the batch.
/// </para>
/// <para>
/// At least once: a message is marked <c>Sent</c> only after the provider accepted it, and only while this
/// dispatcher still holds its lease. A process that dies between the two leaves the message to be sent again when
/// its lease expires; providers that can (the SMS gateway's <c>localid</c>) drop the duplicate by the idempotency key.
/// A message whose lease would run out during its send is not started.
/// </para>
/// <para>
/// Stopping (SIGTERM): no new send starts, a send in progress is cancelled, and every claim of the batch not yet
/// sent is released (its lease cleared, no attempt counted) before the process exits, so another node takes them at
/// once instead of after <c>Notifications:LeaseSeconds</c>.
/// </para>
/// </remarks>
public sealed partial class OutboxDispatcher(
    IServiceScopeFactory scopes,
    OutboxSignal signal,
    TimeProvider time,
    IOptions<NotificationOptions> options,
    IOptions<SmsOptions> smsOptions,
    IOptions<EmailOptions> emailOptions,
    ILogger<OutboxDispatcher> logger) : PeriodicWorker<int>(scopes, time, logger)
{
    /// <summary>Each wait is this many times the one before.</summary>
    internal const double BackoffFactor = 4;

    protected override bool Enabled => options.Value.DispatcherEnabled;

    protected override TimeSpan? Interval => options.Value.PollInterval;

    /// <summary>A full batch may have left more due: the next round at once.</summary>
    protected override bool AfterRound(int processed) => processed >= options.Value.BatchSize;

    /// <summary>Waits for the poll interval, or less when a local commit signals new work.</summary>
    protected override Task WaitAsync(TimeSpan interval, CancellationToken cancellationToken) => signal.WaitAsync(interval, cancellationToken);

    /// <summary>
    /// Claims one batch and sends it; returns how many were claimed. Safe to call from several processes at once.
    /// </summary>
    public Task<int> DispatchDueAsync(CancellationToken cancellationToken) => RunOnceAsync(cancellationToken);

    /// <summary>
    /// Claims one batch of due messages and sends them; returns how many were claimed. Safe to call from several
    /// processes at once (and what the hosted loop calls).
    /// </summary>
    protected override async Task<int> RoundAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var db = services.GetRequiredService<HajDeskDbContext>();
        var now = Time.GetUtcNow().UtcDateTime;
        var lease = Truncate(now + settings.Lease);

        var batch = db.Database.IsNpgsql()
            ? await ClaimOnPostgresAsync(db, now, lease, settings.BatchSize, cancellationToken)
            : await ClaimOnSqliteAsync(db, now, lease, settings.BatchSize, cancellationToken);

        var done = 0;
        try
        {
            for (; done < batch.Count; done++)
            {
                var message = batch[done];
                var timeout = message.Channel == NotificationChannel.Sms ? smsOptions.Value.Timeout : emailOptions.Value.Timeout;
                if (Time.GetUtcNow().UtcDateTime + timeout + TimeSpan.FromSeconds(1) >= lease)
                {
                    // Not enough lease left for a full send: leave the rest to the next claim.
                    await ReleaseAsync(db, batch.Skip(done).Select(m => m.Id).ToList(), lease);
                    break;
                }

                // Stopping (SIGTERM, a rolling restart): no new send starts; the rest goes back below.
                cancellationToken.ThrowIfCancellationRequested();
                await SendOneAsync(services, db, message, lease, settings, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Every claim not yet sent is given back at once, so another node sends it now rather than when the
            // lease runs out (the message cut mid-send was released by SendOneAsync).
            await ReleaseAsync(db, batch.Skip(done).Select(m => m.Id).ToList(), lease);
            Logger.LogInformation("Stopping: {Count} claimed outbox message(s) released unsent", batch.Count - done);
            throw;
        }

        return batch.Count;
    }

    private async Task SendOneAsync(IServiceProvider services, HajDeskDbContext db, OutboxMessage message, DateTime lease,
        NotificationOptions settings, CancellationToken cancellationToken)
    {
        SendResult result;
        try
        {
            var sender = services.GetRequiredKeyedService<INotificationSender>(message.Channel);
            result = await sender.SendAsync(message, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down mid-send: whether the provider took it is unknown, so it goes out again later.
            await ReleaseAsync(db, [message.Id], lease);
            throw;
        }
        catch (Exception e)
        {
            Logger.LogError(e, "Sending outbox message {MessageId} threw", message.Id);
            result = SendResult.Failure($"{message.Channel} sender failed ({e.GetType().Name})");
        }

        var now = Time.GetUtcNow().UtcDateTime;
        var attempts = message.Attempts + 1;
        int updated;
        if (result.Accepted)
        {
            updated = await db.OutboxMessages.Where(m => m.Id == message.Id && m.LockedUntil == lease)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(m => m.Status, OutboxStatus.Sent)
                    .SetProperty(m => m.SentAt, now)
                    .SetProperty(m => m.Attempts, attempts)
                    .SetProperty(m => m.ProviderMessageId, Limit(result.ProviderMessageId, 100))
                    .SetProperty(m => m.LastError, (string?)null)
                    .SetProperty(m => m.LockedUntil, (DateTime?)null), CancellationToken.None);
            Logger.LogInformation("Outbox message {MessageId} ({Template}, {Channel}) sent on attempt {Attempt}",
                message.Id, message.Template, message.Channel, attempts);
        }
        else
        {
            var error = Limit(Scrub(result.Error ?? "failed", message.Recipient), 500)!;
            var giveUp = attempts >= settings.MaxAttempts;
            var next = giveUp ? message.NextAttemptAt : now + Backoff(attempts, settings);
            // A plain variable, not a conditional inside SetProperty: EF must see an OutboxStatus to store its name.
            var status = giveUp ? OutboxStatus.Failed : OutboxStatus.Pending;
            updated = await db.OutboxMessages.Where(m => m.Id == message.Id && m.LockedUntil == lease)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(m => m.Status, status)
                    .SetProperty(m => m.Attempts, attempts)
                    .SetProperty(m => m.LastError, error)
                    .SetProperty(m => m.NextAttemptAt, next)
                    .SetProperty(m => m.LockedUntil, (DateTime?)null), CancellationToken.None);
            if (giveUp)
            {
                Logger.LogError("Outbox message {MessageId} ({Template}, {Channel}) failed for good after {Attempts} attempts: {Error}",
                    message.Id, message.Template, message.Channel, attempts, error);
            }
            else
            {
                Logger.LogWarning("Outbox message {MessageId} ({Template}, {Channel}) failed on attempt {Attempt}, next at {NextAttemptAt:o}: {Error}",
                    message.Id, message.Template, message.Channel, attempts, next, error);
            }
        }

        if (updated == 0)
        {
            Logger.LogWarning("Outbox message {MessageId}: the lease ran out before its outcome was recorded", message.Id);
        }
    }

    /// <summary>
    /// PostgreSQL: the due rows are locked with <c>FOR UPDATE SKIP LOCKED</c> (rows another dispatcher is claiming
    /// right now are skipped, not waited for) and leased in the same transaction.
    /// </summary>
    private static async Task<List<OutboxMessage>> ClaimOnPostgresAsync(HajDeskDbContext db, DateTime now, DateTime lease,
        int batchSize, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var rows = await db.OutboxMessages.FromSqlRaw(
                """
                SELECT * FROM "OutboxMessages"
                WHERE "Status" = 'Pending' AND "NextAttemptAt" <= {0} AND ("LockedUntil" IS NULL OR "LockedUntil" < {0})
                ORDER BY "NextAttemptAt", "Id"
                LIMIT {1}
                FOR UPDATE SKIP LOCKED
                """, now, batchSize)
            .AsNoTracking()
            .ToListAsync(cancellationToken);
        if (rows.Count > 0)
        {
            var ids = rows.Select(r => r.Id).ToList();
            await db.OutboxMessages.Where(m => ids.Contains(m.Id))
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.LockedUntil, lease), cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        foreach (var row in rows)
        {
            row.LockedUntil = lease;
        }

        return rows;
    }

    /// <summary>
    /// SQLite: one writer at a time, so one conditional update of the due candidates is an atomic claim of those
    /// still due (one write per batch, not per message); the rows carrying this lease are the claimed ones.
    /// </summary>
    private static async Task<List<OutboxMessage>> ClaimOnSqliteAsync(HajDeskDbContext db, DateTime now, DateTime lease,
        int batchSize, CancellationToken cancellationToken)
    {
        var candidates = await db.OutboxMessages.AsNoTracking()
            .Where(m => m.Status == OutboxStatus.Pending && m.NextAttemptAt <= now && (m.LockedUntil == null || m.LockedUntil < now))
            .OrderBy(m => m.NextAttemptAt).ThenBy(m => m.Id)
            .Select(m => m.Id)
            .Take(batchSize)
            .ToListAsync(cancellationToken);
        if (candidates.Count == 0)
        {
            return [];
        }

        var claimed = await db.OutboxMessages
            .Where(m => candidates.Contains(m.Id) && m.Status == OutboxStatus.Pending && m.NextAttemptAt <= now
                        && (m.LockedUntil == null || m.LockedUntil < now))
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.LockedUntil, lease), cancellationToken);
        if (claimed == 0)
        {
            return [];
        }

        var rows = await db.OutboxMessages.AsNoTracking()
            .Where(m => candidates.Contains(m.Id) && m.LockedUntil == lease)
            .ToListAsync(cancellationToken);
        return rows.OrderBy(m => m.NextAttemptAt).ThenBy(m => m.Id).ToList();
    }

    /// <summary>Gives claimed messages back without an attempt (shutdown, or not enough lease left).</summary>
    private static Task<int> ReleaseAsync(HajDeskDbContext db, List<long> ids, DateTime lease) =>
        db.OutboxMessages.Where(m => ids.Contains(m.Id) && m.LockedUntil == lease)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.LockedUntil, (DateTime?)null), CancellationToken.None);

    /// <summary>
    /// The wait after the <paramref name="attempt"/>-th failure: <c>FirstRetrySeconds</c> × 4^(attempt−1), at most
    /// <c>MaxRetrySeconds</c>, then ±20% jitter so that messages failed together do not retry together.
    /// With the defaults: about 30 s, 2 min, 8 min, 32 min, 2 h, then 6 h.
    /// </summary>
    internal static TimeSpan Backoff(int attempt, NotificationOptions settings)
    {
        var seconds = Math.Min(settings.FirstRetrySeconds * Math.Pow(BackoffFactor, Math.Max(0, attempt - 1)), settings.MaxRetrySeconds);
        var jitter = 0.8 + (0.4 * RandomNumberGenerator.GetInt32(0, 1001) / 1000.0);
        return TimeSpan.FromSeconds(seconds * jitter);
    }

    /// <summary>
    /// Keeps personal data out of <c>LastError</c>: the recipient, anything shaped like an e-mail address, and runs of
    /// seven or more digits (phone numbers, national codes) are masked.
    /// </summary>
    internal static string Scrub(string error, string recipient)
    {
        var text = string.IsNullOrEmpty(recipient) ? error : error.Replace(recipient, "***", StringComparison.OrdinalIgnoreCase);
        text = EmailPattern().Replace(text, "***@***");
        return LongNumberPattern().Replace(text, "***");
    }

    private static string? Limit(string? text, int length) => text is null || text.Length <= length ? text : text[..length];

    /// <summary>
    /// Whole milliseconds: PostgreSQL keeps microseconds and .NET ticks are a tenth of one, so a lease compared for
    /// equality must be a value both sides store exactly.
    /// </summary>
    private static DateTime Truncate(DateTime value) =>
        new(value.Ticks - (value.Ticks % TimeSpan.TicksPerMillisecond), DateTimeKind.Utc);

    [GeneratedRegex(@"[^\s@<>()""]+@[^\s@<>()""]+", RegexOptions.CultureInvariant)]
    private static partial Regex EmailPattern();

    [GeneratedRegex(@"[0-9\u06F0-\u06F9\u0660-\u0669][0-9\u06F0-\u06F9\u0660-\u0669 \-]{5,}[0-9\u06F0-\u06F9\u0660-\u0669]", RegexOptions.CultureInvariant)]
    private static partial Regex LongNumberPattern();
}

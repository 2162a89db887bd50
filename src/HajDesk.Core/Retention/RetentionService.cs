using System.Globalization;
using HajDesk.Core.Audit;
using HajDesk.Core.Data;
using HajDesk.Core.Persian;
using Microsoft.EntityFrameworkCore;

namespace HajDesk.Core.Retention;

/// <summary>What a retention run would change, counted without changing anything.</summary>
public sealed record RetentionPreview(int Requests, int Files, long FileBytes, int Texts, DateTime? OldestClosedAt, DateTime? NewestClosedAt);

/// <summary>What a run changed: requests anonymised and files deleted, and whether requests are still due (the run stopped early).</summary>
public sealed record RetentionRunResult(int Requests, int Files, bool Finished);

/// <summary>Who runs retention, for the audit log: an administrator from the page, or the background service.</summary>
public sealed record RetentionActor(string? UserId, string UserName, string? IpAddress)
{
    /// <summary>The background service (<c>Retention:*</c> settings) on some app process.</summary>
    public static RetentionActor System { get; } = new(null, "system:retention", null);
}

/// <summary>
/// Reads and applies the retention policy (<see cref="RetentionRules"/>): a dry run that only counts, and the run
/// itself in batches. Each batch is one transaction — the requests' new values, their files deleted, their outbox
/// messages (which hold the mobile number and e-mail address) deleted, and one audit row with the batch's counts —
/// so a run stopped at any moment is resumed by the next one, and every anonymised request is accounted for.
/// Several processes may run at once: each request is saved with its version (<see cref="IVersioned"/>), so when two
/// take the same batch the second one's save fails, rolls back whole, and it goes on with the requests still due.
/// </summary>
public sealed class RetentionService(HajDeskDbContext db, TimeProvider time)
{
    /// <summary>The audit action of a batch anonymised (who, when, how many).</summary>
    public const string AuditAction = "retention.run";

    /// <summary>Requests per batch (per transaction) unless the caller says otherwise.</summary>
    public const int DefaultBatchSize = 200;

    /// <summary>Batches lost to another process in one run before this one leaves the rest to it.</summary>
    private const int MaxConflicts = 10;

    /// <summary>The saved period in months; null when retention is off (the default).</summary>
    public async Task<RetentionSettings> SettingsAsync(CancellationToken cancellationToken) =>
        await db.RetentionSettings.AsNoTracking().FirstOrDefaultAsync(cancellationToken)
        ?? new RetentionSettings { UpdatedAt = time.GetUtcNow().UtcDateTime };

    /// <summary>What a run with a period of <paramref name="months"/> would change now; changes nothing.</summary>
    public async Task<RetentionPreview> PreviewAsync(int months, CancellationToken cancellationToken)
    {
        var due = db.Requests.AsNoTracking().Where(RetentionRules.DueAt(RetentionRules.Cutoff(time.GetUtcNow().UtcDateTime, months)));
        var requests = await due.CountAsync(cancellationToken);
        if (requests == 0)
        {
            return new RetentionPreview(0, 0, 0, 0, null, null);
        }

        var files = db.Attachments.AsNoTracking().Where(a => due.Any(r => r.Id == a.RequestId));
        var fileCount = await files.CountAsync(cancellationToken);
        var bytes = fileCount == 0 ? 0 : await files.SumAsync(a => a.Length, cancellationToken);
        var texts = await db.RequestEvents.AsNoTracking().CountAsync(e => e.Text != null && due.Any(r => r.Id == e.RequestId), cancellationToken);
        var oldest = await due.MinAsync(r => r.ClosedAt, cancellationToken);
        var newest = await due.MaxAsync(r => r.ClosedAt, cancellationToken);
        return new RetentionPreview(requests, fileCount, bytes, requests + texts, oldest, newest);
    }

    /// <summary>
    /// Anonymises every request due under the saved period, <paramref name="batchSize"/> at a time; does nothing
    /// when retention is off. <paramref name="maxBatches"/> bounds one call (the page's «اجرا»); the rest is left to
    /// the next run.
    /// </summary>
    public async Task<RetentionRunResult> RunAsync(RetentionActor actor, int batchSize = DefaultBatchSize, int maxBatches = int.MaxValue,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        if ((await SettingsAsync(cancellationToken)).Months is not { } months)
        {
            return new RetentionRunResult(0, 0, true);
        }

        int requests = 0, files = 0, conflicts = 0;
        for (var batch = 0; batch < maxBatches; batch++)
        {
            var now = time.GetUtcNow().UtcDateTime;
            var cutoff = RetentionRules.Cutoff(now, months);
            db.ChangeTracker.Clear();
            var ids = await db.Requests.AsNoTracking().Where(RetentionRules.DueAt(cutoff))
                .OrderBy(r => r.Id).Select(r => r.Id).Take(batchSize).ToListAsync(cancellationToken);
            if (ids.Count == 0)
            {
                return new RetentionRunResult(requests, files, true);
            }

            try
            {
                var (done, deleted) = await AnonymiseBatchAsync(ids, cutoff, now, actor, cancellationToken);
                requests += done;
                files += deleted;
            }
            catch (DbUpdateException)
            {
                // Another process anonymised (or staff reopened) some of these meanwhile: nothing of this batch was
                // written. Read what is still due again; after a few such collisions leave it to the other process.
                if (++conflicts > MaxConflicts)
                {
                    return new RetentionRunResult(requests, files, false);
                }
            }
        }

        return new RetentionRunResult(requests, files, false);
    }

    private async Task<(int Requests, int Files)> AnonymiseBatchAsync(List<long> ids, DateTime cutoff, DateTime now, RetentionActor actor,
        CancellationToken cancellationToken)
    {
        var batch = await db.Requests.Where(r => ids.Contains(r.Id)).Include(r => r.Events).AsSplitQuery().ToListAsync(cancellationToken);
        var anonymised = batch.Where(r => RetentionRules.Anonymise(r, cutoff, now)).Select(r => r.Id).ToList();
        if (anonymised.Count == 0)
        {
            return (0, 0);
        }

        // The files: deleting the attachment row deletes its bytes (AttachmentContents, ON DELETE CASCADE).
        var attachments = await db.Attachments.Where(a => a.RequestId != null && anonymised.Contains(a.RequestId.Value)).ToListAsync(cancellationToken);
        db.Attachments.RemoveRange(attachments);
        db.OutboxMessages.RemoveRange(await db.OutboxMessages.Where(m => m.RequestId != null && anonymised.Contains(m.RequestId.Value)).ToListAsync(cancellationToken));
        foreach (var survey in await db.SurveyInvitations.Where(s => anonymised.Contains(s.RequestId) && s.Comment != null).ToListAsync(cancellationToken))
        {
            survey.Comment = null;
        }

        // Answers to the subject's extra fields: a typed text, number or date can point at a person (a caravan or
        // receipt number); a list answer is one of the administrator's options and stays for the reports.
        db.RequestFieldValues.RemoveRange(await db.RequestFieldValues
            .Where(v => anonymised.Contains(v.RequestId) && v.Kind != Fields.FieldKind.Choice).ToListAsync(cancellationToken));

        db.AuditEntries.Add(new AuditEntry
        {
            At = now,
            UserId = actor.UserId,
            UserName = actor.UserName,
            Action = AuditAction,
            IpAddress = actor.IpAddress,
            Details = string.Create(CultureInfo.InvariantCulture,
                $"{PersianText.ToPersianDigits(anonymised.Count.ToString(CultureInfo.InvariantCulture))} درخواست بسته‌شده ناشناس شد و "
                + $"{PersianText.ToPersianDigits(attachments.Count.ToString(CultureInfo.InvariantCulture))} پرونده حذف شد (شناسه‌ها {anonymised[0]} تا {anonymised[^1]})."),
        });

        await SaveOverwritingFreedSpaceAsync(cancellationToken);
        return (anonymised.Count, attachments.Count);
    }

    /// <summary>
    /// Saves with SQLite's <c>secure_delete</c> on for this connection, so the deleted files' pages are overwritten
    /// with zeros in the database file instead of lingering in free pages (PostgreSQL: see docs/operations.md).
    /// </summary>
    private async Task SaveOverwritingFreedSpaceAsync(CancellationToken cancellationToken)
    {
        if (db.Database.ProviderName != "Microsoft.EntityFrameworkCore.Sqlite")
        {
            await db.SaveChangesAsync(cancellationToken);
            return;
        }

        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA secure_delete = ON", cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
        }
        finally
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA secure_delete = OFF", CancellationToken.None);
            await db.Database.CloseConnectionAsync();
        }
    }
}

using HajDesk.Core.Data;
using HajDesk.Core.Persian;
using Microsoft.EntityFrameworkCore;

namespace HajDesk.Core.Requests;

/// <summary>
/// Writes the search keys (<see cref="ServiceRequest.NameKey"/>, <see cref="ServiceRequest.TextKey"/>,
/// <see cref="RequestEvent.SearchKey"/> of answers and internal notes) of rows written before the migration
/// <c>PersianSearchKeys</c> added them: SQL cannot compute <see cref="SearchKey"/>, so the app does, at start-up.
/// Idempotent (only rows whose key is still null), so every node may run it; once done it costs two indexed queries.
/// Writes outside the request's version, like the other backfills: no open form turns stale.
/// </summary>
public static class SearchKeyBackfill
{
    /// <summary>Fills the missing keys, <paramref name="batchSize"/> rows at a time; returns how many rows were filled.</summary>
    public static async Task<int> RunAsync(HajDeskDbContext db, int batchSize = 500, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        var filled = 0;
        var after = 0L; // by id, so that a row skipped as changed meanwhile is not read again
        while (true)
        {
            var from = after;
            var batch = await db.Requests.AsNoTracking()
                .Where(r => r.Id > from && (r.NameKey == null || r.TextKey == null))
                .OrderBy(r => r.Id).Take(batchSize)
                .Select(r => new { r.Id, r.FirstName, r.LastName, r.Text })
                .ToListAsync(cancellationToken);
            if (batch.Count == 0)
            {
                break;
            }

            after = batch[^1].Id;
            await using var transaction = await BatchTransactionAsync(db, cancellationToken);
            foreach (var r in batch)
            {
                var nameKey = SearchKey.OfName(r.FirstName, r.LastName);
                var textKey = SearchKey.Of(r.Text);
                // The name and text of the row as read: a change made meanwhile wrote its own keys.
                filled += await db.Requests
                    .Where(x => x.Id == r.Id && x.FirstName == r.FirstName && x.LastName == r.LastName && x.Text == r.Text)
                    .ExecuteUpdateAsync(s => s.SetProperty(x => x.NameKey, nameKey).SetProperty(x => x.TextKey, textKey), cancellationToken);
            }

            await CommitAsync(transaction, cancellationToken);

            if (batch.Count < batchSize)
            {
                break;
            }
        }

        after = 0;
        while (true)
        {
            var from = after;
            var batch = await db.RequestEvents.AsNoTracking()
                .Where(e => e.Id > from && (e.Kind == RequestEventKind.Answered || e.Kind == RequestEventKind.InternalNote)
                    && e.Text != null && e.SearchKey == null)
                .OrderBy(e => e.Id).Take(batchSize)
                .Select(e => new { e.Id, e.Text })
                .ToListAsync(cancellationToken);
            if (batch.Count == 0)
            {
                return filled;
            }

            after = batch[^1].Id;
            await using var transaction = await BatchTransactionAsync(db, cancellationToken);
            foreach (var e in batch)
            {
                var key = SearchKey.Of(e.Text);
                filled += await db.RequestEvents.Where(x => x.Id == e.Id && x.Text == e.Text)
                    .ExecuteUpdateAsync(s => s.SetProperty(x => x.SearchKey, key), cancellationToken);
            }

            await CommitAsync(transaction, cancellationToken);

            if (batch.Count < batchSize)
            {
                return filled;
            }
        }
    }

    // On PostgreSQL a batch is one transaction (one commit, not one per row: a million rows in minutes, not an hour).
    // On SQLite each row is its own short write, so the process's other writes keep their turn between them.
    private static async Task<Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction?> BatchTransactionAsync(
        HajDeskDbContext db, CancellationToken cancellationToken) =>
        db.Database.ProviderName == "Microsoft.EntityFrameworkCore.Sqlite" || db.Database.CurrentTransaction is not null
            ? null
            : await db.Database.BeginTransactionAsync(cancellationToken);

    private static async Task CommitAsync(Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction? transaction, CancellationToken cancellationToken)
    {
        if (transaction is not null)
        {
            await transaction.CommitAsync(cancellationToken);
        }
    }
}

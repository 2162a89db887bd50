using HajDesk.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace HajDesk.Core.Reference;

/// <summary>
/// Provinces and subjects as every citizen form offers and checks them, read from the database once and then kept
/// in memory: they change a few times a year, and were read on every render and every post.
/// </summary>
/// <remarks>
/// Invalidation: <see cref="HajDeskDbContext"/> moves <see cref="ReferenceDataVersion"/> whenever it saves a
/// province, a subject or a message template, so an administrator's edit is seen at once by the process that
/// saved it, without any admin page having to remember the cache. Another app process (several nodes on
/// PostgreSQL) cannot see that counter; it reloads when its copy is older than <see cref="MaxAge"/>, so an edit
/// reaches every node within that time. The cached entities are shared between requests: read them, never change
/// or attach them.
/// </remarks>
public sealed class ReferenceDataCache(TimeProvider time)
{
    /// <summary>How long another node's edit may go unseen here.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(30);

    private Snapshot? current;

    /// <summary>The cached data, reloaded through <paramref name="db"/> when stale.</summary>
    public async ValueTask<ReferenceData> GetAsync(HajDeskDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var snapshot = Volatile.Read(ref current);
        var version = ReferenceDataVersion.Current;
        var now = time.GetUtcNow();
        if (snapshot is not null && snapshot.Version == version && now < snapshot.ExpiresAt)
        {
            return snapshot.Data;
        }

        // The version is read before loading: an edit committed while loading moves it, and the next caller reloads.
        var data = await LoadAsync(db, cancellationToken);
        Volatile.Write(ref current, new Snapshot(version, now + MaxAge, data));
        return data;
    }

    private static async Task<ReferenceData> LoadAsync(HajDeskDbContext db, CancellationToken cancellationToken)
    {
        var provinces = await db.Provinces.AsNoTracking().OrderBy(p => p.DisplayOrder).ToListAsync(cancellationToken);
        var formSubjects = await db.Subjects.AsNoTracking()
            .Where(s => s.ParentId == null && s.IsActive)
            .Include(s => s.Children.Where(c => c.IsActive).OrderBy(c => c.DisplayOrder))
            .OrderBy(s => s.DisplayOrder).ToListAsync(cancellationToken);
        var activeMainSubjects = await db.Subjects.AsNoTracking()
            .Where(s => s.ParentId == null && s.IsActive)
            .Include(s => s.Children).ToListAsync(cancellationToken);
        var fields = await db.SubjectFields.AsNoTracking().Where(f => f.IsActive)
            .OrderBy(f => f.DisplayOrder).ThenBy(f => f.Id).ToListAsync(cancellationToken);
        return new ReferenceData(provinces, formSubjects, activeMainSubjects, fields);
    }

    private sealed record Snapshot(long Version, DateTimeOffset ExpiresAt, ReferenceData Data);
}

/// <summary>One consistent copy of the reference data the citizen forms use.</summary>
/// <param name="Provinces">Every province, in display order.</param>
/// <param name="FormSubjects">The active main subjects with their active children, in display order (what a form offers).</param>
/// <param name="ActiveMainSubjects">The active main subjects with all their children (what a post is checked against).</param>
/// <param name="Fields">The subjects' active extra fields, in display order.</param>
public sealed record ReferenceData(
    IReadOnlyList<Province> Provinces, IReadOnlyList<Subject> FormSubjects, IReadOnlyList<Subject> ActiveMainSubjects,
    IReadOnlyList<Fields.SubjectField> Fields);

/// <summary>
/// A process-wide counter that moves whenever reference data (provinces, subjects, message templates) is saved
/// through <see cref="HajDeskDbContext"/>; caches compare it with the value they loaded under.
/// </summary>
public static class ReferenceDataVersion
{
    private static long current;

    /// <summary>The counter's value now.</summary>
    public static long Current => Volatile.Read(ref current);

    /// <summary>Marks every cached copy stale.</summary>
    public static void Changed() => Interlocked.Increment(ref current);
}

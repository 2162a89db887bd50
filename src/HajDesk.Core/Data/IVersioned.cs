using Microsoft.EntityFrameworkCore;

namespace HajDesk.Core.Data;

/// <summary>
/// An entity people edit through forms, guarded by one optimistic-concurrency mechanism: an integer
/// <see cref="Version"/> that <see cref="HajDeskDbContext"/> sets to 1 on insert and increases by one on every saved
/// change, and that every <c>UPDATE</c> and <c>DELETE</c> checks (it is the entity's concurrency token).
/// </summary>
/// <remarks>
/// A form carries the version it was drawn from; the handler hands it to
/// <see cref="Versioning.ExpectVersion{T}"/> before changing the entity. A stale form, or a change committed by
/// someone else between loading and saving, then ends in a <see cref="DbUpdateConcurrencyException"/>, which the web
/// layer turns into one conflict response (409, the typed text kept). See <c>docs/decisions/0004-one-version-column.md</c>.
/// </remarks>
public interface IVersioned
{
    /// <summary>1 for a new row, then one more for every saved change. Never set it by hand.</summary>
    int Version { get; set; }
}

/// <summary>How a handler says which version a person's form was drawn from.</summary>
public static class Versioning
{
    /// <summary>
    /// Records that <paramref name="entity"/> is about to be changed (or deleted) on the strength of a form drawn from
    /// <paramref name="formVersion"/>. Throws <see cref="DbUpdateConcurrencyException"/> at once when the row loaded
    /// now has another version; otherwise the next <c>SaveChanges</c> writes the entity — with its version increased
    /// — only while the row still has that version, so a change committed in between is refused too. Changes to
    /// rows that hang off the entity (an account's subjects) thereby move the entity's version as well.
    /// </summary>
    public static void ExpectVersion<T>(this DbContext db, T entity, int formVersion)
        where T : class, IVersioned
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(entity);
        if (entity.Version != formVersion)
        {
            throw new DbUpdateConcurrencyException(
                $"{typeof(T).Name} is at version {entity.Version}; the form was drawn from version {formVersion}.");
        }

        var entry = db.Entry(entity);
        if (entry.State == EntityState.Unchanged)
        {
            // Marked so that the save writes (and checks) this row even when only its dependants change.
            entry.Property(e => e.Version).IsModified = true;
        }
    }

    /// <summary>Called by <see cref="HajDeskDbContext"/> before every save: new rows start at 1, changed rows go up by one.</summary>
    internal static void Stamp(DbContext db)
    {
        foreach (var entry in db.ChangeTracker.Entries<IVersioned>())
        {
            // By name: the lambda overload builds and parses an expression tree for every entity of every save.
            var version = entry.Property<int>(nameof(IVersioned.Version));
            switch (entry.State)
            {
                case EntityState.Added:
                    version.CurrentValue = 1;
                    break;
                case EntityState.Modified:
                    // From the original value: the UPDATE's WHERE checks the original, the SET writes the next one.
                    version.CurrentValue = version.OriginalValue + 1;
                    break;
            }
        }
    }
}

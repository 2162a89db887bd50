using HajDesk.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace HajDesk.Core.Calendar;

/// <summary>
/// The working calendar built from the database, cached for the whole process (one instance per app): every
/// deadline is counted with it, so it must not cost a query per request.
/// </summary>
/// <remarks>
/// A change on the calendar page calls <see cref="Invalidate"/>, so this process counts with the new calendar at
/// once; other app processes reload it within <see cref="MaxAge"/>. Only holidays from a year back are loaded: no
/// deadline is counted from further in the past.
/// </remarks>
public sealed class WorkingCalendarStore(TimeProvider time)
{
    /// <summary>How long another process may count with a calendar changed elsewhere.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(1);

    private volatile Snapshot? current;
    private long generation;

    /// <summary>The calendar, loaded through <paramref name="db"/> when not cached or older than <see cref="MaxAge"/>.</summary>
    public async Task<WorkingCalendar> GetAsync(HajDeskDbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var now = time.GetUtcNow().UtcDateTime;
        if (Fresh(now) is { } cached)
        {
            return cached;
        }

        // Two requests that find it stale at the same moment may both load it: harmless, and cheaper than a lock.
        var started = Interlocked.Read(ref generation);
        var calendar = await LoadAsync(db, WorkingCalendar.TehranDay(now), cancellationToken);
        current = new Snapshot(calendar, now, started);
        return calendar;
    }

    /// <summary>Forgets the cached calendar: the next <see cref="GetAsync"/> reads the database again.</summary>
    public void Invalidate() => Interlocked.Increment(ref generation);

    /// <summary>Reads the calendar from the database, without the cache.</summary>
    public static async Task<WorkingCalendar> LoadAsync(HajDeskDbContext db, DateOnly today, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var from = today.AddYears(-1);
        var thursday = await db.CalendarSettings.AsNoTracking().Select(s => s.ThursdayIsWorkingDay).FirstOrDefaultAsync(cancellationToken);
        var holidays = await db.Holidays.AsNoTracking().Where(h => h.Date >= from).Select(h => h.Date).ToListAsync(cancellationToken);
        return new WorkingCalendar(thursday, holidays);
    }

    private sealed record Snapshot(WorkingCalendar Calendar, DateTime LoadedAt, long Generation);

    private WorkingCalendar? Fresh(DateTime now) =>
        current is { } c && c.Generation == Interlocked.Read(ref generation) && now - c.LoadedAt < MaxAge && now >= c.LoadedAt
            ? c.Calendar
            : null;
}

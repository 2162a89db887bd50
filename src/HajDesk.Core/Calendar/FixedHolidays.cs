using HajDesk.Core.Data;
using HajDesk.Core.Persian;
using Microsoft.EntityFrameworkCore;

namespace HajDesk.Core.Calendar;

/// <summary>
/// The official holidays whose Jalali date never moves, seeded for the current and the next Jalali year at every
/// start (idempotently, like the other reference data). Lunar holidays move every year and are entered by the
/// administrators as announced.
/// </summary>
public static class FixedHolidays
{
    /// <summary>Month, day and title of each fixed solar holiday.</summary>
    public static IReadOnlyList<(int Month, int Day, string Title)> Days { get; } =
    [
        (1, 1, "عید نوروز"),
        (1, 2, "عید نوروز"),
        (1, 3, "عید نوروز"),
        (1, 4, "عید نوروز"),
        (1, 12, "روز جمهوری اسلامی"),
        (1, 13, "روز طبیعت"),
        (3, 14, "رحلت امام خمینی"),
        (3, 15, "قیام ۱۵ خرداد"),
        (11, 22, "پیروزی انقلاب اسلامی"),
        (12, 29, "ملی شدن صنعت نفت"),
    ];

    /// <summary>The fixed holidays of <paramref name="jalaliYear"/>.</summary>
    public static IEnumerable<HolidayEntry> Of(int jalaliYear)
    {
        foreach (var (month, day, title) in Days)
        {
            if (JalaliDate.TryCreate(jalaliYear, month, day, out var date))
            {
                yield return new HolidayEntry(date, title);
            }
        }
    }

    /// <summary>
    /// Adds the calendar's settings row when missing and the fixed holidays of the Jalali year of
    /// today (in Tehran) and of the next year; returns how many rows were added.
    /// </summary>
    /// <remarks>
    /// A year is seeded once: when any fixed holiday of that year is already in the table, the year is left as the
    /// administrators keep it, so a fixed holiday they deleted on purpose does not come back at the next start.
    /// </remarks>
    public static async Task<int> SeedAsync(HajDeskDbContext db, TimeProvider time, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(time);
        var now = time.GetUtcNow().UtcDateTime;
        try
        {
            return await SeedOnceAsync(db, JalaliDate.TodayInTehran(time), now, cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another app process seeded the same rows at the same moment; what it wrote is what we wanted.
            db.ChangeTracker.Clear();
            return await SeedOnceAsync(db, JalaliDate.TodayInTehran(time), now, cancellationToken);
        }
    }

    private static async Task<int> SeedOnceAsync(HajDeskDbContext db, DateOnly today, DateTime now, CancellationToken cancellationToken)
    {
        var added = 0;
        if (!await db.CalendarSettings.AnyAsync(cancellationToken))
        {
            db.CalendarSettings.Add(new CalendarSettings { UpdatedAt = now });
            added++;
        }

        var year = JalaliDate.ToJalali(today).Year;
        foreach (var y in new[] { year, year + 1 })
        {
            var days = Of(y).ToList();
            var dates = days.Select(d => d.Date).ToList();
            if (await db.Holidays.AnyAsync(h => dates.Contains(h.Date) && h.Seeded, cancellationToken))
            {
                continue;
            }

            var existing = await db.Holidays.Where(h => dates.Contains(h.Date)).Select(h => h.Date).ToListAsync(cancellationToken);
            foreach (var day in days.Where(d => !existing.Contains(d.Date)))
            {
                db.Holidays.Add(new Holiday { Date = day.Date, Title = day.Title, Seeded = true, CreatedAt = now });
                added++;
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        return added;
    }
}

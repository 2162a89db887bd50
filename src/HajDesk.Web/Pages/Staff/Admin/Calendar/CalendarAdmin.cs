using HajDesk.Core.Calendar;
using HajDesk.Core.Data;
using HajDesk.Core.Persian;
using HajDesk.Web.Staff;
using Microsoft.EntityFrameworkCore;

namespace HajDesk.Web.Pages.Staff.Admin.Calendar;

/// <summary>
/// The calendar page's changes: each saved with its audit row, then the cached calendar is dropped and the open
/// requests' due dates recomputed (later only; see <see cref="DeadlineRecalculation"/>).
/// </summary>
public sealed class CalendarAdmin(HajDeskDbContext db, AuditLog audit, WorkingCalendarStore calendars, TimeProvider time)
{
    /// <summary>The holidays listed: from the start of the previous Jalali year on.</summary>
    public async Task<List<Holiday>> HolidaysAsync(CancellationToken cancellationToken)
    {
        var year = JalaliDate.ToJalali(JalaliDate.TodayInTehran(time)).Year;
        JalaliDate.TryCreate(year - 1, 1, 1, out var from);
        return await db.Holidays.AsNoTracking().Where(h => h.Date >= from).OrderBy(h => h.Date).ToListAsync(cancellationToken);
    }

    public async Task<CalendarSettings> SettingsAsync(CancellationToken cancellationToken) =>
        await db.CalendarSettings.AsNoTracking().FirstOrDefaultAsync(cancellationToken)
        ?? new CalendarSettings { UpdatedAt = time.GetUtcNow().UtcDateTime };

    /// <summary>The calendar as the database has it now (not the cache), for the page's list of next working days.</summary>
    public Task<WorkingCalendar> CurrentAsync(CancellationToken cancellationToken) =>
        WorkingCalendarStore.LoadAsync(db, JalaliDate.TodayInTehran(time), cancellationToken);

    public async Task<bool> ExistsAsync(DateOnly date, CancellationToken cancellationToken) =>
        await db.Holidays.AnyAsync(h => h.Date == date, cancellationToken);

    /// <summary>Saves whether Thursday is a working day; returns how many due dates moved.</summary>
    public async Task<int> SetThursdayAsync(bool working, int version, CancellationToken cancellationToken)
    {
        var settings = await db.CalendarSettings.FirstOrDefaultAsync(cancellationToken);
        if (settings is null)
        {
            settings = new CalendarSettings { UpdatedAt = time.GetUtcNow().UtcDateTime };
            db.CalendarSettings.Add(settings);
        }
        else
        {
            db.ExpectVersion(settings, version);
        }

        if (settings.ThursdayIsWorkingDay == working)
        {
            return 0;
        }

        settings.ThursdayIsWorkingDay = working;
        settings.UpdatedAt = time.GetUtcNow().UtcDateTime;
        audit.Add(AuditActions.CalendarWeek, null, working ? "پنجشنبه روز کاری شد." : "پنجشنبه تعطیل شد.");
        return await SaveAndRecomputeAsync(cancellationToken);
    }

    /// <summary>Adds checked holidays (none of them already listed): all or, on a failure, none.</summary>
    public async Task<int> AddAsync(IReadOnlyList<HolidayEntry> entries, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        foreach (var entry in entries)
        {
            db.Holidays.Add(new Holiday { Date = entry.Date, Title = entry.Title, CreatedAt = now });
        }

        var details = string.Join("؛ ", entries.Take(20).Select(e => $"{JalaliDate.FormatNumeric(e.Date)} «{e.Title}»"));
        audit.Add(AuditActions.HolidayAdd, null, (entries.Count > 20 ? $"{entries.Count} روز: " : string.Empty) + details);
        return await SaveAndRecomputeAsync(cancellationToken);
    }

    /// <summary>Deletes a holiday; null when there is no such holiday, else how many due dates moved (none: later only).</summary>
    public async Task<int?> DeleteAsync(int id, int version, CancellationToken cancellationToken)
    {
        var holiday = await db.Holidays.FirstOrDefaultAsync(h => h.Id == id, cancellationToken);
        if (holiday is null)
        {
            return null;
        }

        db.ExpectVersion(holiday, version);
        db.Holidays.Remove(holiday);
        audit.Add(AuditActions.HolidayDelete, null, $"{JalaliDate.FormatNumeric(holiday.Date)} «{holiday.Title}»");
        return await SaveAndRecomputeAsync(cancellationToken);
    }

    private async Task<int> SaveAndRecomputeAsync(CancellationToken cancellationToken)
    {
        await db.SaveChangesAsync(cancellationToken);
        calendars.Invalidate();
        return await DeadlineRecalculation.ApplyAsync(db, await CurrentAsync(cancellationToken), cancellationToken);
    }
}

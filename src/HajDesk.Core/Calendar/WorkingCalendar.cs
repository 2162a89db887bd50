using System.Collections.Frozen;
using HajDesk.Core.Persian;

namespace HajDesk.Core.Calendar;

/// <summary>
/// The official calendar as rules: which weekdays are working days (Saturday to Wednesday, Thursday when the
/// administrators say so; Friday never) and which dates are official holidays. Immutable: a change to the calendar
/// builds a new one (<see cref="WorkingCalendarStore"/>). Days are Tehran calendar days whatever the server's zone.
/// </summary>
public sealed class WorkingCalendar
{
    private static readonly TimeSpan EndOfDay = new(23, 59, 59);

    private readonly FrozenSet<DateOnly> holidays;

    /// <param name="thursdayIsWorkingDay">Whether Thursday is a working day.</param>
    /// <param name="holidays">Official holidays (Gregorian dates of Tehran days).</param>
    public WorkingCalendar(bool thursdayIsWorkingDay, IEnumerable<DateOnly> holidays)
    {
        ArgumentNullException.ThrowIfNull(holidays);
        ThursdayIsWorkingDay = thursdayIsWorkingDay;
        this.holidays = holidays.ToFrozenSet();
    }

    /// <summary>Saturday to Wednesday, no holidays: the calendar before anyone has set one.</summary>
    public static WorkingCalendar Default { get; } = new(false, []);

    public bool ThursdayIsWorkingDay { get; }

    /// <summary>How many holidays the calendar knows.</summary>
    public int HolidayCount => holidays.Count;

    /// <summary>A working weekday that is not an official holiday.</summary>
    public bool IsWorkingDay(DateOnly day) => IsWorkingWeekday(day.DayOfWeek) && !holidays.Contains(day);

    /// <summary>Whether <paramref name="day"/> of the week is a working weekday (Friday never is).</summary>
    public bool IsWorkingWeekday(DayOfWeek day) => day switch
    {
        DayOfWeek.Friday => false,
        DayOfWeek.Thursday => ThursdayIsWorkingDay,
        _ => true,
    };

    public bool IsHoliday(DateOnly day) => holidays.Contains(day);

    /// <summary>The <paramref name="days"/>-th working day after <paramref name="day"/> (not counting it); 0 gives the day itself.</summary>
    public DateOnly AddWorkingDays(DateOnly day, int days)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(days);
        var remaining = days;
        while (remaining > 0)
        {
            day = day.AddDays(1);
            if (IsWorkingDay(day))
            {
                remaining--;
            }
        }

        return day;
    }

    /// <summary>
    /// The end (23:59:59 Tehran time) of the <paramref name="days"/>-th working day after the Tehran calendar day
    /// of <paramref name="startUtc"/>; the start day itself is not counted. With 0 days, the end of the start day.
    /// </summary>
    /// <param name="startUtc">An instant; <see cref="DateTimeKind.Unspecified"/> is taken as UTC.</param>
    /// <param name="days">Working days to allow, zero or more.</param>
    /// <returns>The due instant in UTC.</returns>
    public DateTime AddWorkingDays(DateTime startUtc, int days) =>
        EndOfDayUtc(AddWorkingDays(TehranDay(startUtc), days));

    /// <summary>How many working days there are from <paramref name="from"/> (counted) to <paramref name="until"/> (not counted).</summary>
    public int WorkingDaysBetween(DateOnly from, DateOnly until)
    {
        var count = 0;
        for (var day = from; day < until; day = day.AddDays(1))
        {
            if (IsWorkingDay(day))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>The next <paramref name="count"/> working days from <paramref name="from"/> on (it included).</summary>
    public IReadOnlyList<DateOnly> NextWorkingDays(DateOnly from, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var days = new List<DateOnly>(count);
        for (var day = from; days.Count < count; day = day.AddDays(1))
        {
            if (IsWorkingDay(day))
            {
                days.Add(day);
            }
        }

        return days;
    }

    /// <summary>The Tehran calendar day of an instant (<see cref="DateTimeKind.Unspecified"/> taken as UTC).</summary>
    public static DateOnly TehranDay(DateTime utc) => DateOnly.FromDateTime(JalaliDate.ToTehranLocal(utc));

    /// <summary>23:59:59 Tehran time of <paramref name="day"/>, in UTC.</summary>
    public static DateTime EndOfDayUtc(DateOnly day)
    {
        var local = DateTime.SpecifyKind(day.ToDateTime(TimeOnly.MinValue) + EndOfDay, DateTimeKind.Unspecified);
        return TimeZoneInfo.ConvertTimeToUtc(local, JalaliDate.Tehran);
    }
}

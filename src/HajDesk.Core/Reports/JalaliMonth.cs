using System.Globalization;
using HajDesk.Core.Calendar;
using HajDesk.Core.Persian;

namespace HajDesk.Core.Reports;

/// <summary>A month of the Jalali calendar, as Tehran days: from its first day's midnight to the next month's.</summary>
public readonly record struct JalaliMonth(int Year, int Month) : IComparable<JalaliMonth>
{
    /// <summary>The month of a Tehran calendar day.</summary>
    public static JalaliMonth Of(DateOnly day)
    {
        var (year, month, _) = JalaliDate.ToJalali(day);
        return new JalaliMonth(year, month);
    }

    /// <summary>The month of an instant, in Tehran time.</summary>
    public static JalaliMonth OfInstant(DateTime utc) => Of(WorkingCalendar.TehranDay(utc));

    /// <summary>The months from <paramref name="first"/> to <paramref name="last"/>, both included.</summary>
    public static IReadOnlyList<JalaliMonth> Range(JalaliMonth first, JalaliMonth last)
    {
        var months = new List<JalaliMonth>();
        for (var month = first; month.CompareTo(last) <= 0; month = month.Next())
        {
            months.Add(month);
        }

        return months;
    }

    /// <summary>The first day (Gregorian date of the Tehran day).</summary>
    public DateOnly FirstDay => JalaliDate.TryCreate(Year, Month, 1, out var day) ? day : throw new InvalidOperationException("Not a Jalali month.");

    /// <summary>Midnight at the start of the month in Tehran, in UTC.</summary>
    public DateTime StartUtc =>
        TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(FirstDay.ToDateTime(TimeOnly.MinValue), DateTimeKind.Unspecified), JalaliDate.Tehran);

    public JalaliMonth Previous() => Month == 1 ? new JalaliMonth(Year - 1, 12) : new JalaliMonth(Year, Month - 1);

    public JalaliMonth Next() => Month == 12 ? new JalaliMonth(Year + 1, 1) : new JalaliMonth(Year, Month + 1);

    /// <summary>«فروردین ۱۴۰۴».</summary>
    public string PersianName => JalaliDate.MonthNames[Month - 1] + " " + PersianText.ToPersianDigits(Year.ToString(CultureInfo.InvariantCulture));

    /// <summary><c>1404-01</c>: a stable key.</summary>
    public string Key => string.Create(CultureInfo.InvariantCulture, $"{Year:D4}-{Month:D2}");

    /// <summary><c>140401</c>: the month as one number (year × 100 + month), as the report summary stores it.</summary>
    public int Number => (Year * 100) + Month;

    /// <summary>The month of <see cref="Number"/>.</summary>
    public static JalaliMonth FromNumber(int number) => new(number / 100, number % 100);

    public int CompareTo(JalaliMonth other) => (Year, Month).CompareTo((other.Year, other.Month));

    public static bool operator <(JalaliMonth left, JalaliMonth right) => left.CompareTo(right) < 0;

    public static bool operator >(JalaliMonth left, JalaliMonth right) => left.CompareTo(right) > 0;

    public static bool operator <=(JalaliMonth left, JalaliMonth right) => left.CompareTo(right) <= 0;

    public static bool operator >=(JalaliMonth left, JalaliMonth right) => left.CompareTo(right) >= 0;
}

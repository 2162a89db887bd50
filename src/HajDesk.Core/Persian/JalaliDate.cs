using System.Globalization;

namespace HajDesk.Core.Persian;

/// <summary>
/// The Solar Hijri (Jalali) calendar used on every Iranian form, receipt and letter. Dates are stored as
/// Gregorian <see cref="DateOnly"/>/UTC <see cref="DateTime"/> and converted only at the edges, with
/// <see cref="PersianCalendar"/> (which follows the astronomical leap rule: 1403 is leap, 1404 is not).
/// </summary>
public static class JalaliDate
{
    private static readonly PersianCalendar Calendar = new();

    private static readonly (int Year, int Month, int Day) MaxDate = (
        Calendar.GetYear(Calendar.MaxSupportedDateTime),
        Calendar.GetMonth(Calendar.MaxSupportedDateTime),
        Calendar.GetDayOfMonth(Calendar.MaxSupportedDateTime));

    private static readonly string[] Months =
    [
        "فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور",
        "مهر", "آبان", "آذر", "دی", "بهمن", "اسفند",
    ];

    /// <summary>Month names, فروردین (index 0) to اسفند (index 11).</summary>
    public static IReadOnlyList<string> MonthNames { get; } = Array.AsReadOnly(Months);

    /// <summary>
    /// Iran Standard Time. Iran has not observed daylight saving since 2022, but the system time zone database is
    /// still used so that historical instants convert correctly; a fixed +03:30 zone is the fallback when the
    /// database is missing.
    /// </summary>
    public static TimeZoneInfo Tehran { get; } = FindTehran();

    /// <summary>The first year the date picker of the forms knows.</summary>
    public const int PickerFirstYear = 1300;

    /// <summary>How many years from <see cref="PickerFirstYear"/> the date picker knows.</summary>
    public const int PickerYears = 121;

    /// <summary>
    /// The leap years the date picker needs (<see cref="PickerFirstYear"/> onwards), comma-separated; computed once,
    /// not on every render of a form.
    /// </summary>
    public static string PickerLeapYears { get; } =
        string.Join(',', Enumerable.Range(PickerFirstYear, PickerYears).Where(year => Calendar.IsLeapYear(year)));

    /// <summary>The Gregorian date (<c>yyyy-MM-dd</c>) of 1 Farvardin of <see cref="PickerFirstYear"/>, for the date picker.</summary>
    public static string PickerFirstNowruz { get; } =
        DateOnly.FromDateTime(Calendar.ToDateTime(PickerFirstYear, 1, 1, 0, 0, 0, 0)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Creates a date from Jalali parts; false for anything the calendar does not have.</summary>
    public static bool TryCreate(int year, int month, int day, out DateOnly date)
    {
        date = default;
        if (year < 1 || year > MaxDate.Year || month < 1 || month > 12 || day < 1)
        {
            return false;
        }

        if (year == MaxDate.Year && (month > MaxDate.Month || (month == MaxDate.Month && day > MaxDate.Day)))
        {
            return false;
        }

        if (day > Calendar.GetDaysInMonth(year, month))
        {
            return false;
        }

        date = DateOnly.FromDateTime(Calendar.ToDateTime(year, month, day, 0, 0, 0, 0));
        return true;
    }

    /// <summary>
    /// Parses <c>yyyy/m/d</c> or <c>yyyy-m-d</c> (one separator kind, four-digit year, one or two digit month
    /// and day) in ASCII, Persian or Arabic-Indic digits, ignoring surrounding white space and bidi marks.
    /// </summary>
    public static bool TryParse(string? input, out DateOnly date)
    {
        date = default;
        var s = PersianText.NormalizeNumeric(input).AsSpan();

        if (!TryReadNumber(ref s, 4, 4, out var year) || s.IsEmpty || s[0] is not ('/' or '-'))
        {
            return false;
        }

        var separator = s[0];
        s = s[1..];
        if (!TryReadNumber(ref s, 1, 2, out var month) || s.IsEmpty || s[0] != separator)
        {
            return false;
        }

        s = s[1..];
        if (!TryReadNumber(ref s, 1, 2, out var day) || !s.IsEmpty)
        {
            return false;
        }

        return TryCreate(year, month, day, out date);
    }

    /// <exception cref="ArgumentOutOfRangeException">The date is before 1/1/1 of the Jalali calendar (622-03-22).</exception>
    public static (int Year, int Month, int Day) ToJalali(DateOnly date)
    {
        var dateTime = date.ToDateTime(TimeOnly.MinValue);
        return (Calendar.GetYear(dateTime), Calendar.GetMonth(dateTime), Calendar.GetDayOfMonth(dateTime));
    }

    /// <exception cref="ArgumentOutOfRangeException">The year or month is outside the calendar.</exception>
    public static int DaysInMonth(int year, int month) => Calendar.GetDaysInMonth(year, month);

    /// <exception cref="ArgumentOutOfRangeException">The year is outside the calendar.</exception>
    public static bool IsLeapYear(int year) => Calendar.IsLeapYear(year);

    /// <summary>Formats as <c>۱۳۶۵/۰۴/۱۲</c>.</summary>
    public static string FormatNumeric(DateOnly date)
    {
        var (year, month, day) = ToJalali(date);
        return PersianText.ToPersianDigits(
            string.Create(CultureInfo.InvariantCulture, $"{year:D4}/{month:D2}/{day:D2}"));
    }

    /// <summary>Formats as <c>۱۲ تیر ۱۳۶۵</c>.</summary>
    public static string FormatLong(DateOnly date)
    {
        var (year, month, day) = ToJalali(date);
        return PersianText.ToPersianDigits(
            string.Create(CultureInfo.InvariantCulture, $"{day} {Months[month - 1]} {year}"));
    }

    /// <summary>
    /// Formats a stored instant in Tehran local time as <c>۱۲ تیر ۱۴۰۳، ساعت ۱۴:۰۵</c>. An
    /// <see cref="DateTimeKind.Unspecified"/> value is taken as UTC (that is how it comes back from the database).
    /// </summary>
    public static string FormatDateTime(DateTime utc)
    {
        var local = ToTehranLocal(utc);
        var date = FormatLong(DateOnly.FromDateTime(local));
        return date + "، ساعت " + PersianText.ToPersianDigits(local.ToString("HH:mm", CultureInfo.InvariantCulture));
    }

    /// <summary>Today's date in Tehran; the server's own time zone never matters.</summary>
    public static DateOnly TodayInTehran(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        return DateOnly.FromDateTime(ToTehranLocal(time.GetUtcNow().UtcDateTime));
    }

    /// <summary>
    /// Converts a UTC instant to Tehran wall-clock time (kind <see cref="DateTimeKind.Unspecified"/>).
    /// <see cref="DateTimeKind.Unspecified"/> input is taken as UTC; <see cref="DateTimeKind.Local"/> input is
    /// converted to UTC first.
    /// </summary>
    public static DateTime ToTehranLocal(DateTime utc)
    {
        var asUtc = utc.Kind switch
        {
            DateTimeKind.Local => utc.ToUniversalTime(),
            DateTimeKind.Unspecified => DateTime.SpecifyKind(utc, DateTimeKind.Utc),
            _ => utc,
        };
        return TimeZoneInfo.ConvertTimeFromUtc(asUtc, Tehran);
    }

    private static bool TryReadNumber(ref ReadOnlySpan<char> s, int minDigits, int maxDigits, out int value)
    {
        value = 0;
        var length = 0;
        while (length < s.Length && char.IsAsciiDigit(s[length]))
        {
            length++;
        }

        if (length < minDigits || length > maxDigits)
        {
            return false;
        }

        value = int.Parse(s[..length], NumberStyles.None, CultureInfo.InvariantCulture);
        s = s[length..];
        return true;
    }

    private static TimeZoneInfo FindTehran()
    {
        foreach (var id in new[] { "Asia/Tehran", "Iran Standard Time" })
        {
            try
            {
                return TimeZoneInfo.FindSystemTimeZoneById(id);
            }
            catch (TimeZoneNotFoundException)
            {
            }
            catch (InvalidTimeZoneException)
            {
            }
        }

        return TimeZoneInfo.CreateCustomTimeZone("Asia/Tehran", TimeSpan.FromMinutes(210), "Tehran", "Iran Standard Time");
    }
}

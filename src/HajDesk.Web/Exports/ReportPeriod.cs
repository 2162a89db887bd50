using System.Globalization;
using HajDesk.Core.Persian;

namespace HajDesk.Web.Exports;

/// <summary>
/// A period of the periodic performance report: a Jalali month (1–12) or a half-year of a Jalali year («شش ماه نخست»
/// Farvardin–Shahrivar, «شش ماه دوم» Mehr–Esfand), as the national service-desk rules ask for.
/// </summary>
public sealed record ReportPeriod(int Year, int FirstMonth, int LastMonth)
{
    /// <summary>The value of the first half-year in the form's «دوره» list (months are <c>1</c>…<c>12</c>).</summary>
    public const string FirstHalf = "h1";

    public const string SecondHalf = "h2";

    public const string YearMessage = "سال را به شمسی و چهار رقمی بنویسید، مانند ۱۴۰۴.";

    public const string PartMessage = "یک ماه یا یکی از دو نیمه سال را برگزینید.";

    public const string FutureMessage = "این دوره هنوز به پایان نرسیده است؛ گزارش دوره‌ای برای دوره‌های گذشته است.";

    /// <summary>The choices of the «دوره» list: the twelve months, then the two halves.</summary>
    public static IReadOnlyList<(string Value, string Name)> Parts { get; } =
        [.. JalaliDate.MonthNames.Select((name, i) => ((i + 1).ToString(CultureInfo.InvariantCulture), name)),
         (FirstHalf, "شش ماه نخست (فروردین تا شهریور)"), (SecondHalf, "شش ماه دوم (مهر تا اسفند)")];

    /// <summary>Reads the typed year (any digits) and the chosen part; a wrong one is an error (field, message).</summary>
    public static (ReportPeriod? Period, string? Field, string? Error) Parse(string? year, string? part)
    {
        if (!int.TryParse(PersianText.ToAsciiDigits(year?.Trim()), NumberStyles.None, CultureInfo.InvariantCulture, out var y)
            || y < 1300 || y > 1500)
        {
            return (null, "Year", YearMessage);
        }

        return part switch
        {
            FirstHalf => (new ReportPeriod(y, 1, 6), null, null),
            SecondHalf => (new ReportPeriod(y, 7, 12), null, null),
            _ when int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var m) && m is >= 1 and <= 12 =>
                (new ReportPeriod(y, m, m), null, null),
            _ => (null, "Part", PartMessage),
        };
    }

    public DateOnly FirstDay => Day(Year, FirstMonth, 1);

    public DateOnly LastDay => Day(Year, LastMonth, JalaliDate.DaysInMonth(Year, LastMonth));

    /// <summary>Whether the period has ended before <paramref name="today"/> (Tehran): only past periods are reported.</summary>
    public bool IsPast(DateOnly today) => LastDay < today;

    /// <summary>The first day as the report filter takes it, <c>1404/07/01</c>.</summary>
    public string From => PersianText.ToAsciiDigits(JalaliDate.FormatNumeric(FirstDay));

    public string To => PersianText.ToAsciiDigits(JalaliDate.FormatNumeric(LastDay));

    /// <summary>«مهر ۱۴۰۴», «شش ماه نخست ۱۴۰۴».</summary>
    public string Name
    {
        get
        {
            var year = PersianText.ToPersianDigits(Year.ToString(CultureInfo.InvariantCulture));
            return (FirstMonth, LastMonth) switch
            {
                (1, 6) => "شش ماه نخست " + year,
                (7, 12) => "شش ماه دوم " + year,
                _ => JalaliDate.MonthNames[FirstMonth - 1] + " " + year,
            };
        }
    }

    /// <summary>An ASCII file name stem: <c>periodic-report-1404-07</c>, <c>periodic-report-1404-h1</c>.</summary>
    public string FileStem => FirstMonth == LastMonth
        ? string.Create(CultureInfo.InvariantCulture, $"periodic-report-{Year:D4}-{FirstMonth:D2}")
        : string.Create(CultureInfo.InvariantCulture, $"periodic-report-{Year:D4}-h{(FirstMonth == 1 ? 1 : 2)}");

    private static DateOnly Day(int year, int month, int day) =>
        JalaliDate.TryCreate(year, month, day, out var date) ? date : throw new InvalidOperationException("Not a Jalali date.");
}

using System.Globalization;
using System.Text;
using HajDesk.Core.Persian;

namespace HajDesk.Core.Calendar;

/// <summary>A checked holiday: its Tehran day and its title.</summary>
public sealed record HolidayEntry(DateOnly Date, string Title);

/// <summary>
/// The rules of a holiday typed into the calendar page or uploaded as CSV: each message written once, in Persian.
/// </summary>
public static class HolidayRules
{
    public const string DateRequired = "تاریخ را بنویسید.";

    public const string DateInvalid = "تاریخ باید به شکل ۱۴۰۵/۰۱/۰۱ (سال/ماه/روز خورشیدی) و روزی از تقویم باشد.";

    public const string TitleRequired = "عنوان تعطیلی را بنویسید.";

    public static readonly string TitleTooLong =
        $"عنوان حداکثر {PersianText.ToPersianDigits(Holiday.MaxTitleLength.ToString(CultureInfo.InvariantCulture))} نویسه است.";

    public const string Duplicate = "این روز پیش‌تر در فهرست تعطیلی‌ها هست.";

    public const string FileEmpty = "پرونده خالی است؛ هر سطر یک تعطیلی به شکل «تاریخ,عنوان» باشد.";

    public const string FileNotText = "پرونده باید متنی (CSV با کدگذاری UTF-8) باشد.";

    /// <summary>The most lines an upload may hold: a few years of holidays, far fewer than anything abusive.</summary>
    public const int MaxCsvLines = 500;

    public static readonly string FileTooLong =
        $"پرونده بیش از {PersianText.ToPersianDigits(MaxCsvLines.ToString(CultureInfo.InvariantCulture))} سطر دارد.";

    /// <summary>The earliest and latest Jalali years accepted: a holiday far from today is surely a typo.</summary>
    public const int MinYear = 1390;

    public const int MaxYear = 1499;

    /// <summary>Checks a typed date (Persian, Arabic or Latin digits) and title; the date's error, the title's error.</summary>
    public static (HolidayEntry? Entry, string? DateError, string? TitleError) Check(string? date, string? title)
    {
        string? dateError = null;
        DateOnly day = default;
        if (string.IsNullOrWhiteSpace(PersianText.NormalizeNumeric(date)))
        {
            dateError = DateRequired;
        }
        else if (!JalaliDate.TryParse(date, out day) || JalaliDate.ToJalali(day).Year is < MinYear or > MaxYear)
        {
            dateError = DateInvalid;
        }

        var text = PersianText.NormalizeText(title).Replace('\n', ' ').Trim();
        var titleError = text.Length == 0 ? TitleRequired : text.Length > Holiday.MaxTitleLength ? TitleTooLong : null;
        return dateError is null && titleError is null ? (new HolidayEntry(day, text), null, null) : (null, dateError, titleError);
    }

    /// <summary>
    /// Reads an uploaded CSV of <c>date,title</c> lines (a header line <c>date,title</c> or «تاریخ,عنوان» is
    /// skipped; a title may be quoted and contain commas). Either every line is good and the entries come back, or
    /// the errors come back, one per bad line, and nothing should be imported.
    /// </summary>
    public static (IReadOnlyList<HolidayEntry> Entries, IReadOnlyList<string> Errors) ParseCsv(byte[] content)
    {
        ArgumentNullException.ThrowIfNull(content);
        string text;
        try
        {
            text = new UTF8Encoding(false, true).GetString(content);
        }
        catch (DecoderFallbackException)
        {
            return ([], [FileNotText]);
        }

        if (text.Contains('\0', StringComparison.Ordinal))
        {
            return ([], [FileNotText]);
        }

        var lines = text.TrimStart('\uFEFF').ReplaceLineEndings("\n").Split('\n');
        var entries = new List<HolidayEntry>();
        var errors = new List<string>();
        var seen = new HashSet<DateOnly>();
        var counted = 0;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0 || (entries.Count == 0 && errors.Count == 0 && IsHeader(line)))
            {
                continue;
            }

            if (++counted > MaxCsvLines)
            {
                return ([], [FileTooLong]);
            }

            var lineName = "سطر " + PersianText.ToPersianDigits((i + 1).ToString(CultureInfo.InvariantCulture)) + ": ";
            var comma = line.IndexOfAny([',', '،']);
            if (comma < 0)
            {
                errors.Add(lineName + "تاریخ و عنوان باید با ویرگول جدا شوند، مانند ۱۴۰۵/۰۱/۰۱,نوروز.");
                continue;
            }

            var (entry, dateError, titleError) = Check(line[..comma], Unquote(line[(comma + 1)..]));
            if (entry is null)
            {
                errors.Add(lineName + (dateError ?? titleError));
            }
            else if (!seen.Add(entry.Date))
            {
                errors.Add(lineName + "این تاریخ در همین پرونده دو بار آمده است.");
            }
            else
            {
                entries.Add(entry);
            }
        }

        if (errors.Count > 0)
        {
            return ([], errors);
        }

        return entries.Count == 0 ? ([], [FileEmpty]) : (entries, []);
    }

    private static bool IsHeader(string line)
    {
        var first = line.Split([',', '،'])[0].Trim().Trim('"');
        return first.Equals("date", StringComparison.OrdinalIgnoreCase) || first == "تاریخ";
    }

    private static string Unquote(string value)
    {
        var trimmed = value.Trim();
        return trimmed.Length >= 2 && trimmed[0] == '"' && trimmed[^1] == '"'
            ? trimmed[1..^1].Replace("\"\"", "\"", StringComparison.Ordinal)
            : trimmed;
    }
}

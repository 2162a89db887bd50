using HajDesk.Core.Persian;

namespace HajDesk.Core.Catalogue;

/// <summary>
/// The public code of a service in the catalogue: Latin capital letters, digits and hyphens, 2 to 20 characters,
/// starting with a letter (e.g. <c>HD-101</c>). Subjects without one are given <see cref="Default"/>.
/// </summary>
public static class ServiceCode
{
    public const int MaxLength = 20;

    public const string InvalidMessage =
        "شناسه خدمت را با حرف‌های بزرگ انگلیسی، رقم و خط تیره بنویسید (مانند HD-101)؛ با حرف شروع شود و حداکثر ۲۰ نویسه باشد.";

    public const string TakenMessage = "این شناسه خدمت برای موضوع دیگری به کار رفته است.";

    /// <summary>The code a subject gets when nobody chose one: <c>HD-</c> and its id in three or more digits.</summary>
    public static string Default(int subjectId) => "HD-" + subjectId.ToString("D3", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Reads a typed code: trimmed, Persian/Arabic digits made Latin, letters upper-cased; false when unusable.</summary>
    public static bool TryNormalize(string? input, out string code)
    {
        code = PersianText.ToAsciiDigits(input?.Trim()).ToUpperInvariant();
        var ok = code.Length is >= 2 and <= MaxLength && char.IsAsciiLetterUpper(code[0]) && code[^1] != '-'
            && code.All(c => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c) || c == '-');
        if (!ok)
        {
            code = string.Empty;
        }

        return ok;
    }
}

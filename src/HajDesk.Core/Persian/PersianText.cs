using System.Text;

namespace HajDesk.Core.Persian;

/// <summary>
/// Normalization of what citizens type. Persian keyboards, Arabic keyboards and copy-paste from PDFs or messaging apps
/// produce the same visible text from different code points (Arabic yeh/kaf, Persian or Arabic-Indic digits, invisible
/// bidi marks). Everything that is compared, searched or validated goes through here first, so that equal-looking
/// input is stored as equal strings.
/// </summary>
public static class PersianText
{
    /// <summary>Zero width non-joiner (نیم‌فاصله), part of Persian orthography.</summary>
    public const char Zwnj = '\u200C';

    private const char Zwj = '\u200D';
    private const char Bom = '\uFEFF';
    private const char Tatweel = '\u0640';
    private const char PersianZero = '\u06F0';
    private const char ArabicIndicZero = '\u0660';

    /// <summary>Converts Persian (U+06F0..U+06F9) and Arabic-Indic (U+0660..U+0669) digits to ASCII digits.</summary>
    /// <returns>The converted string; <c>""</c> for <see langword="null"/>.</returns>
    public static string ToAsciiDigits(string? s)
    {
        if (string.IsNullOrEmpty(s))
        {
            return string.Empty;
        }

        return string.Create(s.Length, s, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                var c = source[i];
                span[i] = c switch
                {
                    >= PersianZero and <= '\u06F9' => (char)('0' + (c - PersianZero)),
                    >= ArabicIndicZero and <= '\u0669' => (char)('0' + (c - ArabicIndicZero)),
                    _ => c,
                };
            }
        });
    }

    /// <summary>Converts ASCII digits to Persian digits, for display. Other characters are left alone.</summary>
    /// <returns>The converted string; <c>""</c> for <see langword="null"/>.</returns>
    public static string ToPersianDigits(string? s)
    {
        if (string.IsNullOrEmpty(s))
        {
            return string.Empty;
        }

        return string.Create(s.Length, s, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                var c = source[i];
                span[i] = char.IsAsciiDigit(c) ? (char)(PersianZero + (c - '0')) : c;
            }
        });
    }

    /// <summary>
    /// Prepares a numeric field (national code, phone, tracking code) for validation: converts digits to ASCII,
    /// removes invisible bidi marks, ZWNJ, ZWJ and BOM anywhere (pasting a number out of right-to-left text often
    /// brings an LRM/RLM along), and trims white space of any kind, including NBSP, from both ends. Separators
    /// inside the value are kept; each field decides whether it accepts them.
    /// </summary>
    /// <returns>The normalized string; <c>""</c> for <see langword="null"/>.</returns>
    public static string NormalizeNumeric(string? s)
    {
        if (string.IsNullOrEmpty(s))
        {
            return string.Empty;
        }

        var ascii = ToAsciiDigits(s);
        var builder = new StringBuilder(ascii.Length);
        foreach (var c in ascii)
        {
            if (!IsInvisibleInNumber(c))
            {
                builder.Append(c);
            }
        }

        return builder.ToString().Trim();
    }

    /// <summary>
    /// Normalizes free text (names, request text): Arabic yeh (ي, ى) becomes Persian yeh (ی) and Arabic kaf (ك)
    /// becomes Persian kaf (ک), so that searches and duplicate checks see one spelling; tatweel (ـ) is removed; line
    /// breaks become LF; other control characters except LF and tab are removed; bidi embedding, override and
    /// isolate controls are removed because an unbalanced one can flip the direction of the rest of a page; ZWNJ is
    /// kept only between two letters (runs collapse to one); BOM is removed; the ends are trimmed. Digits are not
    /// converted: in free text they are the citizen's own words. Applying it twice gives the same result.
    /// </summary>
    /// <returns>The normalized string; <c>""</c> for <see langword="null"/>.</returns>
    public static string NormalizeText(string? s)
    {
        if (string.IsNullOrEmpty(s))
        {
            return string.Empty;
        }

        // Pass 1: character mapping and removal.
        var mapped = new StringBuilder(s.Length);
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            switch (c)
            {
                case '\u064A' or '\u0649':
                    mapped.Append('\u06CC');
                    break;
                case '\u0643':
                    mapped.Append('\u06A9');
                    break;
                case '\r':
                    mapped.Append('\n');
                    if (i + 1 < s.Length && s[i + 1] == '\n')
                    {
                        i++;
                    }

                    break;
                case '\n' or '\t':
                    mapped.Append(c);
                    break;
                case Tatweel or Bom:
                    break;
                case >= '\u202A' and <= '\u202E':
                    break;
                case >= '\u2066' and <= '\u2069':
                    break;
                default:
                    if (!char.IsControl(c))
                    {
                        mapped.Append(c);
                    }

                    break;
            }
        }

        // Pass 2: keep a ZWNJ only where it joins two letters; a run of ZWNJs counts as one.
        var text = mapped.ToString();
        var result = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c != Zwnj)
            {
                result.Append(c);
                continue;
            }

            var end = i;
            while (end + 1 < text.Length && text[end + 1] == Zwnj)
            {
                end++;
            }

            if (IsLetterBefore(text, i) && IsLetterAfter(text, end + 1))
            {
                result.Append(Zwnj);
            }

            i = end;
        }

        return result.ToString().Trim();
    }

    /// <summary>
    /// Removes spaces and dashes that stand between two digits. Fails on anything else, including a separator at
    /// either end or an empty input.
    /// </summary>
    internal static bool TryRemoveDigitSeparators(string s, out string digits)
    {
        digits = string.Empty;
        if (s.Length == 0 || !char.IsAsciiDigit(s[0]) || !char.IsAsciiDigit(s[^1]))
        {
            return false;
        }

        var builder = new StringBuilder(s.Length);
        foreach (var c in s)
        {
            if (char.IsAsciiDigit(c))
            {
                builder.Append(c);
            }
            else if (!IsDigitSeparator(c))
            {
                return false;
            }
        }

        digits = builder.ToString();
        return true;
    }

    private static bool IsDigitSeparator(char c) =>
        c is '-' or '\u2010' or '\u2011' or '\u2012' or '\u2013' or '\u2014' or '\u2212' || char.IsWhiteSpace(c);

    private static bool IsInvisibleInNumber(char c) => c switch
    {
        '\u200E' or '\u200F' or '\u061C' => true,
        >= '\u202A' and <= '\u202E' => true,
        >= '\u2066' and <= '\u2069' => true,
        Zwnj or Zwj or Bom => true,
        _ => false,
    };

    private static bool IsLetterBefore(string text, int index) =>
        index > 0 && Rune.DecodeLastFromUtf16(text.AsSpan(0, index), out var rune, out _) == System.Buffers.OperationStatus.Done
        && IsWordRune(rune);

    private static bool IsLetterAfter(string text, int index) =>
        index < text.Length && Rune.DecodeFromUtf16(text.AsSpan(index), out var rune, out _) == System.Buffers.OperationStatus.Done
        && IsWordRune(rune);

    // A letter, or a combining mark (harakat such as kasra) that sits on one.
    private static bool IsWordRune(Rune rune) =>
        Rune.IsLetter(rune)
        || Rune.GetUnicodeCategory(rune) is System.Globalization.UnicodeCategory.NonSpacingMark
            or System.Globalization.UnicodeCategory.SpacingCombiningMark;
}

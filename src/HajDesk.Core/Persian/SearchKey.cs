using System.Globalization;
using System.Text;

namespace HajDesk.Core.Persian;

/// <summary>
/// The one normalised form in which names and texts are searched: what is stored beside a request's name and text
/// (and an answer's or internal note's text) and what a search term is turned into before it is looked for.
/// Two spellings a reader takes for the same word give the same key:
/// <list type="bullet">
/// <item>white space, zero-width non-joiner, zero-width joiner, bidi marks, other invisible format characters and
/// tatweel (ـ) are dropped, so «محمدعلی», «محمد علی» and «محمد‌علی» are one key;</item>
/// <item>the Arabic and Persian forms of one letter are folded: ي ى ئ → ی, ك → ک, ة ۀ ە → ه, أ إ آ ٱ → ا, ؤ → و
/// (so «طباطبائی» and «طباطبایی» meet), and presentation forms become their letters (compatibility decomposition);</item>
/// <item>diacritics (harakat, tanwin, shadda, sukun, superscript alef, hamza above and below) and other combining
/// marks are removed;</item>
/// <item>digits of every script become ASCII digits; letters with case become lower case.</item>
/// </list>
/// Punctuation is kept. Applying it to a key gives the same key. The key is for matching only; it is never shown.
/// </summary>
public static class SearchKey
{
    /// <summary>The key of <paramref name="s"/>; <c>""</c> for <see langword="null"/> or blank text.</summary>
    public static string Of(string? s)
    {
        if (string.IsNullOrEmpty(s))
        {
            return string.Empty;
        }

        var decomposed = WithoutLoneSurrogates(s).Normalize(NormalizationForm.FormKD);
        var builder = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            var folded = Fold(c);
            if (folded != '\0')
            {
                builder.Append(folded);
            }
        }

        return builder.ToString();
    }

    /// <summary>
    /// The key of a person's name: first and last name together, so that a word spanning both (or a name typed with
    /// or without the space between its parts) is found.
    /// </summary>
    public static string OfName(string? firstName, string? lastName) => Of(firstName) + Of(lastName);

    /// <summary>
    /// The keys of the words a reader typed (split at white space), at most <paramref name="maxWords"/>, without
    /// repeats or empty keys (a word of diacritics alone).
    /// </summary>
    public static IReadOnlyList<string> OfWords(string? input, int maxWords = 5) =>
        string.IsNullOrWhiteSpace(input)
            ? []
            : OfWords(input.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Take(maxWords));

    /// <summary>The keys of <paramref name="words"/>, without repeats or empty keys.</summary>
    public static IReadOnlyList<string> OfWords(IEnumerable<string> words) =>
        words.Select(Of).Where(k => k.Length > 0).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>
    /// Whether every one of <paramref name="keys"/> occurs in the key of one of <paramref name="texts"/> (not
    /// necessarily the same one): the in-memory match, for lists small enough to hold, such as the catalogue.
    /// </summary>
    public static bool MatchesAll(IReadOnlyList<string> keys, IEnumerable<string?> texts)
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(texts);
        var textKeys = texts.Select(Of).ToList();
        return keys.All(k => textKeys.Exists(t => t.Contains(k, StringComparison.Ordinal)));
    }

    /// <summary>One character of the decomposed text: its folded form, or <c>'\0'</c> when it is dropped.</summary>
    private static char Fold(char c)
    {
        switch (c)
        {
            case '\u064A' or '\u0649' or '\u0626' or '\u06CC' or '\u06D0' or '\u06D2':
                return '\u06CC'; // ی
            case '\u0643' or '\u06AA':
                return '\u06A9'; // ک
            case '\u0629' or '\u06C0' or '\u06D5' or '\u06C1' or '\u06BE':
                return '\u0647'; // ه
            case '\u0623' or '\u0625' or '\u0622' or '\u0671' or '\u0672' or '\u0673':
                return '\u0627'; // ا
            case '\u0624':
                return '\u0648'; // و
            case '\u0640':
                return '\0'; // tatweel
        }

        if (char.IsSurrogate(c))
        {
            return c;
        }

        var category = CharUnicodeInfo.GetUnicodeCategory(c);
        switch (category)
        {
            case UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark:
            case UnicodeCategory.Format or UnicodeCategory.Control:
            case UnicodeCategory.SpaceSeparator or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator:
                return '\0';
            case UnicodeCategory.DecimalDigitNumber:
                var value = CharUnicodeInfo.GetDecimalDigitValue(c);
                return value >= 0 ? (char)('0' + value) : c;
            case UnicodeCategory.UppercaseLetter or UnicodeCategory.TitlecaseLetter:
                var lower = char.ToLowerInvariant(c);
                // A lower-case letter with a decomposition of its own (rare) would not be a fixed point: keep it as is.
                return lower.ToString().IsNormalized(NormalizationForm.FormKD) ? lower : c;
            default:
                return c;
        }
    }

    private static string WithoutLoneSurrogates(string s)
    {
        for (var i = 0; i < s.Length; i++)
        {
            if (char.IsSurrogate(s[i]) && !(char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1])))
            {
                return Clean(s);
            }

            if (char.IsHighSurrogate(s[i]))
            {
                i++;
            }
        }

        return s;

        static string Clean(string s)
        {
            var builder = new StringBuilder(s.Length);
            for (var i = 0; i < s.Length; i++)
            {
                if (char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
                {
                    builder.Append(s[i]).Append(s[i + 1]);
                    i++;
                }
                else if (!char.IsSurrogate(s[i]))
                {
                    builder.Append(s[i]);
                }
            }

            return builder.ToString();
        }
    }
}

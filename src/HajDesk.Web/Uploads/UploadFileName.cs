using System.Globalization;
using HajDesk.Core.Persian;

namespace HajDesk.Web.Uploads;

/// <summary>
/// The name a document is stored and served under. The uploader's name is display text only: it is cleaned of
/// paths and of characters that hide or reorder text, and its extension is the one of the type recognized from the
/// bytes, so a PDF named <c>invoice.pdf.html</c> is stored as <c>invoice.pdf</c> and can never be saved from a
/// download and opened as a page or a program.
/// </summary>
public static class UploadFileName
{
    private const int MaxLength = 120;

    private static readonly Dictionary<string, string[]> Extensions = new(StringComparer.Ordinal)
    {
        ["application/pdf"] = [".pdf"],
        ["image/jpeg"] = [".jpg", ".jpeg"],
        ["image/png"] = [".png"],
    };

    /// <summary>
    /// The name without any folder, without control, format (bidi override, isolate, marks) or separator
    /// characters except the zero-width (non-)joiner Persian words need, without characters that are not allowed in
    /// file names on common systems, and without leading or trailing dots and spaces; <c>file</c> when nothing is left.
    /// </summary>
    public static string Clean(string? name)
    {
        var text = PersianText.NormalizeText(name);
        var lastSeparator = text.LastIndexOfAny(['/', '\\']);
        var fileName = lastSeparator >= 0 ? text[(lastSeparator + 1)..] : text;
        var kept = fileName.Where(c => !IsRefused(c)).ToArray();
        var cleaned = new string(kept).Trim().Trim('.', ' ');
        return cleaned.Length == 0 ? "file" : Shorten(cleaned);
    }

    /// <summary>
    /// <see cref="Clean"/>, ending in the extension of <paramref name="contentType"/>: an extension that already
    /// matches it is kept (<c>photo.JPEG</c>); any other last extension is replaced (<c>invoice.pdf.html</c> →
    /// <c>invoice.pdf</c>, <c>report.pdf.exe</c> → <c>report.pdf</c>, <c>scan</c> → <c>scan.pdf</c>).
    /// </summary>
    public static string ForContentType(string? name, string contentType)
    {
        var allowed = Extensions[contentType];
        var cleaned = Clean(name);
        if (HasExtension(cleaned, allowed))
        {
            return cleaned;
        }

        var dot = cleaned.LastIndexOf('.');
        var stem = (dot > 0 ? cleaned[..dot] : cleaned).TrimEnd('.', ' ');
        if (HasExtension(stem, allowed))
        {
            return stem;
        }

        return Shorten((stem.Length == 0 ? "file" : stem) + allowed[0]);
    }

    private static bool HasExtension(string name, string[] allowed) =>
        allowed.Any(e => name.Length > e.Length && name.EndsWith(e, StringComparison.OrdinalIgnoreCase));

    private static bool IsRefused(char c) =>
        c is '"' or '<' or '>' or ':' or '*' or '?' or '|' or '/' or '\\'
        || (c is not ('\u200C' or '\u200D') && char.GetUnicodeCategory(c) is UnicodeCategory.Control or UnicodeCategory.Format
            or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator or UnicodeCategory.Surrogate
            or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned);

    // Long names keep their start and their extension, which is what identifies the file.
    private static string Shorten(string name)
    {
        if (name.Length <= MaxLength)
        {
            return name;
        }

        var extension = Path.GetExtension(name);
        if (extension.Length > 10)
        {
            extension = string.Empty;
        }

        var stem = name[..^extension.Length];
        return stem[..60] + "…" + stem[^(MaxLength - 61 - extension.Length)..] + extension;
    }
}

namespace HajDesk.EndToEndTests.Infrastructure;

/// <summary>Persian and Latin digits, for typing like a citizen and reading what the pages show.</summary>
public static class Digits
{
    private const string Persian = "۰۱۲۳۴۵۶۷۸۹";

    public static string ToPersian(string text) =>
        new(text.Select(c => c is >= '0' and <= '9' ? Persian[c - '0'] : c).ToArray());

    public static string ToLatin(string text) =>
        new(text.Select(c => Persian.IndexOf(c, StringComparison.Ordinal) is var i and >= 0 ? (char)('0' + i) : c).ToArray());

    /// <summary>Only the digits of a text, as Latin digits (spaces, bidi marks and the rest dropped).</summary>
    public static string Only(string text) => new(ToLatin(text).Where(char.IsAsciiDigit).ToArray());
}

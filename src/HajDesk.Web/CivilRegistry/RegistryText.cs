namespace HajDesk.Web.CivilRegistry;

/// <summary>Checks and normalizes the names a registry returns.</summary>
internal static class RegistryText
{
    public const int MaxNameLength = 100;

    /// <summary>Arabic yeh (ي, ى) and kaf (ك) become their Persian forms (ی, ک); surrounding space is trimmed.</summary>
    public static string NormalizeName(string name) => name
        .Replace('\u064A', '\u06CC')
        .Replace('\u0649', '\u06CC')
        .Replace('\u0643', '\u06A9')
        .Trim();

    /// <summary>A normalized name is usable when it is non-empty, at most 100 characters and has no control characters.</summary>
    public static bool IsValidName(string name) =>
        name.Length is > 0 and <= MaxNameLength && !name.Any(char.IsControl);
}

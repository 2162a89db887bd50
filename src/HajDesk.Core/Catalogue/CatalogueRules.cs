using System.Globalization;
using HajDesk.Core.Persian;
using HajDesk.Core.Requests.Submission;

namespace HajDesk.Core.Catalogue;

/// <summary>The field rules of catalogue entries and questions, with their Persian messages.</summary>
public static class CatalogueRules
{
    /// <summary>
    /// Normalizes an optional catalogue text (Persian letters, line breaks kept) and checks its length; an empty
    /// text is stored as null.
    /// </summary>
    public static string? CheckOptional(string? input, string label, int maxLength, FieldErrors errors, string field)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var text = PersianText.NormalizeText(input);
        if (text.Length > maxLength)
        {
            errors.Add(field, TooLong(label, maxLength, text.Length));
        }

        return text.Length == 0 ? null : text;
    }

    /// <summary>The same for a required text: empty is an error.</summary>
    public static string CheckRequired(string? input, string label, int maxLength, FieldErrors errors, string field)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var text = CheckOptional(input, label, maxLength, errors, field);
        if (text is null)
        {
            errors.Add(field, $"{label} را بنویسید.");
        }

        return text ?? string.Empty;
    }

    private static string TooLong(string label, int max, int length) =>
        $"{label} حداکثر {Digits(max)} نویسه است؛ اکنون {Digits(length)} نویسه است.";

    private static string Digits(int value) => PersianText.ToPersianDigits(value.ToString(CultureInfo.InvariantCulture));
}

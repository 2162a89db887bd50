using System.Globalization;
using HajDesk.Core.Persian;

namespace HajDesk.Core.Requests;

/// <summary>
/// How one free-text input of a transition is checked: normalized (Arabic letters and digits to Persian, trimmed),
/// required or optional, and at most <see cref="MaxLength"/> characters. Each rule, and so each message and each
/// limit, is defined once in <see cref="RequestTexts"/>.
/// </summary>
/// <param name="MaxLength">The longest accepted text after normalization.</param>
/// <param name="RequiredMessage">The message for an empty text; null when the text is optional.</param>
/// <param name="TooLongMessage">The message for a text over <paramref name="MaxLength"/>.</param>
public sealed record TextRule(int MaxLength, string? RequiredMessage, string TooLongMessage)
{
    /// <summary>Normalizes <paramref name="input"/> and checks it.</summary>
    /// <param name="input">What the person typed.</param>
    /// <param name="text">The normalized text; empty for an optional text left blank.</param>
    /// <returns><see cref="RequestResult.Done"/>, or a refusal about <see cref="RequestField.Text"/>.</returns>
    public RequestResult Check(string? input, out string text)
    {
        text = PersianText.NormalizeText(input);
        if (text.Length == 0 && RequiredMessage is not null)
        {
            return RequestResult.Refuse(RequiredMessage, RequestField.Text);
        }

        return text.Length > MaxLength ? RequestResult.Refuse(TooLongMessage, RequestField.Text) : RequestResult.Done;
    }

    /// <summary><paramref name="value"/> in Persian digits, for messages that name a limit.</summary>
    internal static string Digits(int value) => PersianText.ToPersianDigits(value.ToString(CultureInfo.InvariantCulture));
}

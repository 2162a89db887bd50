using HajDesk.Core.Data;
using HajDesk.Core.Persian;
using HajDesk.Core.Staff;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.EntityFrameworkCore;

namespace HajDesk.Web.Pages.Staff.Admin.Canned;

/// <summary>Rules of canned answers (پاسخ‌های آماده), shared by the add and edit pages.</summary>
public static class CannedAdmin
{
    /// <summary>Normalizes and checks a title (required, at most <see cref="CannedAnswer.MaxTitleLength"/>, unique) and a text
    /// (required, at most <see cref="CannedAnswer.MaxTextLength"/>).</summary>
    public static async Task<(string Title, string Text)> ValidateAsync(HajDeskDbContext db, ModelStateDictionary modelState,
        string? title, string? text, int? exceptId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(modelState);
        var normalizedTitle = PersianText.NormalizeText(title).Replace('\n', ' ');
        var normalizedText = PersianText.NormalizeText(text);
        if (normalizedTitle.Length == 0)
        {
            modelState.AddModelError(nameof(ICannedFields.Title), "عنوان پاسخ آماده را بنویسید.");
        }
        else if (normalizedTitle.Length > CannedAnswer.MaxTitleLength)
        {
            modelState.AddModelError(nameof(ICannedFields.Title), $"عنوان باید حداکثر {Digits(CannedAnswer.MaxTitleLength)} نویسه باشد.");
        }
        else if (await db.CannedAnswers.AnyAsync(c => c.Title == normalizedTitle && c.Id != exceptId, cancellationToken))
        {
            modelState.AddModelError(nameof(ICannedFields.Title), $"پاسخ آماده دیگری با عنوان «{normalizedTitle}» هست.");
        }

        if (normalizedText.Length == 0)
        {
            modelState.AddModelError(nameof(ICannedFields.Text), "متن پاسخ آماده را بنویسید.");
        }
        else if (normalizedText.Length > CannedAnswer.MaxTextLength)
        {
            modelState.AddModelError(nameof(ICannedFields.Text), $"متن باید حداکثر {Digits(CannedAnswer.MaxTextLength)} نویسه باشد.");
        }

        return (normalizedTitle, normalizedText);
    }

    private static string Digits(int value) => PersianText.ToPersianDigits(value.ToString(System.Globalization.CultureInfo.InvariantCulture));
}

/// <summary>The fields of the add and edit forms (partial <c>_CannedFields</c>).</summary>
public interface ICannedFields
{
    string? Title { get; }

    string? Text { get; }
}

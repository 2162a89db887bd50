using HajDesk.Core.Data;
using HajDesk.Core.Persian;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.EntityFrameworkCore;

namespace HajDesk.Web.Pages.Staff.Admin.Canned;

/// <summary>Rules of canned answers (پاسخ‌های آماده), shared by the add and edit pages.</summary>
public static class CannedAdmin
{
    public const int MaxTitleLength = 200;

    public const int MaxTextLength = 4000;

    /// <summary>Normalizes and checks a title (required, ≤ 200, unique) and a text (required, ≤ 4000).</summary>
    public static async Task<(string Title, string Text)> ValidateAsync(HajDeskDbContext db, ModelStateDictionary modelState,
        string? title, string? text, int? exceptId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(modelState);
        var normalizedTitle = PersianText.NormalizeText(title).Replace('\n', ' ');
        var normalizedText = PersianText.NormalizeText(text);
        if (normalizedTitle.Length == 0)
        {
            modelState.AddModelError("Title", "عنوان پاسخ آماده را بنویسید.");
        }
        else if (normalizedTitle.Length > MaxTitleLength)
        {
            modelState.AddModelError("Title", "عنوان باید حداکثر ۲۰۰ نویسه باشد.");
        }
        else if (await db.CannedAnswers.AnyAsync(c => c.Title == normalizedTitle && c.Id != exceptId, cancellationToken))
        {
            modelState.AddModelError("Title", $"پاسخ آماده دیگری با عنوان «{normalizedTitle}» هست.");
        }

        if (normalizedText.Length == 0)
        {
            modelState.AddModelError("Text", "متن پاسخ آماده را بنویسید.");
        }
        else if (normalizedText.Length > MaxTextLength)
        {
            modelState.AddModelError("Text", "متن باید حداکثر ۴۰۰۰ نویسه باشد.");
        }

        return (normalizedTitle, normalizedText);
    }
}

/// <summary>The fields of the add and edit forms (partial <c>_CannedFields</c>).</summary>
public interface ICannedFields
{
    string? Title { get; }

    string? Text { get; }
}

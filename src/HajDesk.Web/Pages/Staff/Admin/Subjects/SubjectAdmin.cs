using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using HajDesk.Core.Data;
using HajDesk.Core.Persian;
using HajDesk.Core.Reference;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;

namespace HajDesk.Web.Pages.Staff.Admin.Subjects;

/// <summary>The rules and the concurrency check shared by the subject pages.</summary>
/// <remarks>
/// <para>
/// Concurrency without changing the EF model: every form carries <see cref="Stamp"/>, a hash of the row's fields as
/// they were when the form was drawn. A handler refuses (409) when the row's stamp is no longer the same, and, to
/// close the window between that check and the save, <see cref="LockUnchangedAsync"/> runs a no-op
/// <c>UPDATE … WHERE</c> every field still has the value that was checked, inside the transaction that then saves
/// the change and its audit row. On PostgreSQL that UPDATE takes the row lock (a second admin's UPDATE waits and
/// then finds the row changed); on SQLite the write transaction serializes both.
/// </para>
/// </remarks>
public static class SubjectAdmin
{
    public const int MaxNameLength = 120;

    public const int MinResponseDays = 1;

    public const int MaxResponseDays = 60;

    public const string ConflictMessage =
        "این موضوع هم‌زمان توسط همکار دیگری تغییر کرده است. وضعیت تازه آن در همین صفحه آمده است؛ آن را ببینید و اگر هنوز لازم است، دوباره بفرستید. آنچه نوشته بودید نگه داشته شده است.";

    public const string ListConflictMessage =
        "فهرست موضوع‌ها هم‌زمان توسط همکار دیگری تغییر کرده است. فهرست تازه در همین صفحه آمده است؛ اگر هنوز لازم است، دوباره جابه‌جا کنید.";

    /// <summary>An opaque fingerprint of the row's current values (URL-safe, 22 characters).</summary>
    public static string Stamp(Subject subject)
    {
        ArgumentNullException.ThrowIfNull(subject);
        var text = string.Join('\u001F',
            subject.Id.ToString(CultureInfo.InvariantCulture),
            subject.ParentId?.ToString(CultureInfo.InvariantCulture) ?? "-",
            subject.Name,
            subject.DisplayOrder.ToString(CultureInfo.InvariantCulture),
            subject.IsActive ? "1" : "0",
            subject.AttachmentRequired ? "1" : "0",
            subject.ResponseDays.ToString(CultureInfo.InvariantCulture));
        return WebEncoders.Base64UrlEncode(SHA256.HashData(Encoding.UTF8.GetBytes(text)).AsSpan(0, 16));
    }

    /// <summary>
    /// Inside the caller's transaction: succeeds (and holds the row) only while the row still has exactly the values
    /// of <paramref name="loaded"/>'s original state.
    /// </summary>
    public static async Task<bool> LockUnchangedAsync(HajDeskDbContext db, Subject loaded, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var original = db.Entry(loaded).OriginalValues;
        var id = loaded.Id;
        var parentId = original.GetValue<int?>(nameof(Subject.ParentId));
        var name = original.GetValue<string>(nameof(Subject.Name));
        var order = original.GetValue<int>(nameof(Subject.DisplayOrder));
        var active = original.GetValue<bool>(nameof(Subject.IsActive));
        var attachment = original.GetValue<bool>(nameof(Subject.AttachmentRequired));
        var days = original.GetValue<int>(nameof(Subject.ResponseDays));
        var rows = await db.Subjects
            .Where(s => s.Id == id && s.ParentId == parentId && s.Name == name && s.DisplayOrder == order
                && s.IsActive == active && s.AttachmentRequired == attachment && s.ResponseDays == days)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.Name, s => s.Name), cancellationToken);
        return rows == 1;
    }

    /// <summary>The name as stored: normalized Persian text.</summary>
    public static string NormalizeName(string? name) => PersianText.NormalizeText(name).Replace('\n', ' ').Replace('\t', ' ');

    /// <summary>Validates a name (required, length, unique among siblings); a Persian error or null.</summary>
    public static async Task<string?> CheckNameAsync(HajDeskDbContext db, string name, int? parentId, int? exceptId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (name.Length == 0)
        {
            return "نام موضوع را بنویسید.";
        }

        if (name.Length > MaxNameLength)
        {
            return $"نام موضوع باید حداکثر {Digits(MaxNameLength)} نویسه باشد.";
        }

        var taken = await db.Subjects.AsNoTracking()
            .AnyAsync(s => s.ParentId == parentId && s.Name == name && s.Id != exceptId, cancellationToken);
        if (taken)
        {
            return parentId is null
                ? $"موضوع اصلی دیگری با نام «{name}» هست؛ نام دیگری برگزینید."
                : $"این موضوع اصلی زیرموضوع دیگری با نام «{name}» دارد؛ نام دیگری برگزینید.";
        }

        return null;
    }

    /// <summary>Reads the response time (ASCII or Persian digits); a Persian error when it is not 1–60.</summary>
    public static bool TryReadResponseDays(string? input, out int days, out string? error)
    {
        error = null;
        if (int.TryParse(PersianText.NormalizeNumeric(input), NumberStyles.None, CultureInfo.InvariantCulture, out days)
            && days is >= MinResponseDays and <= MaxResponseDays)
        {
            return true;
        }

        error = $"مهلت پاسخ باید عددی از {Digits(MinResponseDays)} تا {Digits(MaxResponseDays)} روز کاری باشد.";
        return false;
    }

    /// <summary>A one-line description of the subject for audit details.</summary>
    public static string Describe(Subject subject, string? parentName) =>
        (parentName is null ? $"موضوع اصلی «{subject.Name}»" : $"زیرموضوع «{subject.Name}» از «{parentName}»")
        + $"؛ مهلت {Digits(subject.ResponseDays)} روز کاری؛ پیوست {(subject.AttachmentRequired ? "الزامی" : "اختیاری")}";

    public static string Digits(int value) => PersianText.ToPersianDigits(value.ToString(CultureInfo.InvariantCulture));
}

/// <summary>The fields the add and edit forms share (partial <c>_SubjectFields</c>).</summary>
public interface ISubjectFields
{
    string? Name { get; }

    string? ResponseDays { get; }

    bool AttachmentRequired { get; }
}

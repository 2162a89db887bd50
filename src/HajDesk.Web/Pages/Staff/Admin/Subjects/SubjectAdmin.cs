using System.Globalization;
using HajDesk.Core.Data;
using HajDesk.Core.Persian;
using HajDesk.Core.Reference;
using Microsoft.EntityFrameworkCore;

namespace HajDesk.Web.Pages.Staff.Admin.Subjects;

/// <summary>The rules shared by the subject pages. Concurrency is the one mechanism of every edited entity:
/// each form carries the subject's <see cref="Subject.Version"/> (<see cref="IVersioned"/>).</summary>
public static class SubjectAdmin
{
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

        if (name.Length > Subject.MaxNameLength)
        {
            return $"نام موضوع باید حداکثر {Digits(Subject.MaxNameLength)} نویسه باشد.";
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
            && days is >= Subject.MinResponseDays and <= Subject.MaxResponseDays)
        {
            return true;
        }

        error = $"مهلت پاسخ باید عددی از {Digits(Subject.MinResponseDays)} تا {Digits(Subject.MaxResponseDays)} روز کاری باشد.";
        return false;
    }

    /// <summary>
    /// Why <paramref name="subject"/> cannot be deleted, in Persian with the offer to deactivate it, or null: a request
    /// uses it, a referral names it, it has sub-subjects, or an expert is limited to it.
    /// </summary>
    public static async Task<string?> DeleteRefusalAsync(HajDeskDbContext db, Subject subject, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(subject);
        var id = subject.Id;
        var requests = await db.Requests.CountAsync(r => r.SubjectId == id || r.SubSubjectId == id, cancellationToken);
        var offer = subject.IsActive ? " می‌توانید به جای حذف، آن را غیرفعال کنید تا دیگر در فرم درخواست نمایش داده نشود." : " این موضوع هم‌اکنون غیرفعال است و در فرم درخواست نمایش داده نمی‌شود.";
        if (requests > 0)
        {
            return $"این موضوع در {Digits(requests)} درخواست به کار رفته است و حذف آن سابقه آن درخواست‌ها را از میان می‌برد؛ نمی‌توان آن را حذف کرد." + offer;
        }

        if (await db.RequestEvents.AnyAsync(e => e.FromSubjectId == id || e.ToSubjectId == id, cancellationToken))
        {
            return "این موضوع در سابقه ارجاع درخواست‌ها آمده است و نمی‌توان آن را حذف کرد." + offer;
        }

        var children = await db.Subjects.CountAsync(s => s.ParentId == id, cancellationToken);
        if (children > 0)
        {
            return $"این موضوع {Digits(children)} زیرموضوع دارد؛ نخست زیرموضوع‌ها را حذف کنید." + offer;
        }

        var staff = await db.StaffSubjects.CountAsync(s => s.SubjectId == id, cancellationToken);
        if (staff > 0)
        {
            return $"کار {Digits(staff)} کارشناس به این موضوع محدود شده است؛ نخست موضوع‌های آنان را در «حساب‌های کارکنان» تغییر دهید." + offer;
        }

        return null;
    }

    /// <summary>What an edit changes, in words for the audit row; empty when nothing changes.</summary>
    public static List<string> DescribeChanges(Subject subject, string name, int days, bool attachmentRequired)
    {
        ArgumentNullException.ThrowIfNull(subject);
        var changes = new List<string>();
        if (subject.Name != name)
        {
            changes.Add($"نام: «{subject.Name}» ← «{name}»");
        }

        if (subject.ResponseDays != days)
        {
            changes.Add($"مهلت: {Digits(subject.ResponseDays)} ← {Digits(days)} روز کاری");
        }

        if (subject.AttachmentRequired != attachmentRequired)
        {
            changes.Add("پیوست: " + (attachmentRequired ? "الزامی" : "اختیاری"));
        }

        return changes;
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

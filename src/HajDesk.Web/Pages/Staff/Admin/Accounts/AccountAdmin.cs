using System.Security.Cryptography;
using HajDesk.Core.Data;
using HajDesk.Core.Persian;
using HajDesk.Core.Reference;
using HajDesk.Core.Staff;
using HajDesk.Web.Staff;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.EntityFrameworkCore;

namespace HajDesk.Web.Pages.Staff.Admin.Accounts;

/// <summary>Rules shared by the staff account pages.</summary>
public static class AccountAdmin
{
    public const int MaxUserNameLength = 64;

    public const int MaxDisplayNameLength = 200;

    public const string ConflictMessage =
        "این حساب هم‌زمان تغییر کرده است (به دست همکار دیگری، یا با ورود یا خطای ورود خود کاربر). وضعیت تازه آن در همین صفحه آمده است؛ آن را ببینید و اگر هنوز لازم است، دوباره بفرستید. آنچه نوشته بودید نگه داشته شده است (رمزها را دوباره بنویسید).";

    /// <summary>Where Identity's user store keeps a user's authenticator key and recovery codes (AspNetUserTokens).</summary>
    public const string UserStoreTokenProvider = "[AspNetUserStore]";

    /// <summary>ASCII letters, digits, dot and dash; starts and ends with a letter or digit.</summary>
    public static bool IsValidUserName(string userName) =>
        userName.Length is > 0 and <= MaxUserNameLength
        && userName.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-')
        && char.IsAsciiLetterOrDigit(userName[0]) && char.IsAsciiLetterOrDigit(userName[^1]);

    /// <summary>A new security stamp: every session issued with the old one ends on its next request.</summary>
    public static string NewSecurityStamp() => Convert.ToHexString(RandomNumberGenerator.GetBytes(20));

    public static string NormalizeDisplayName(string? value) => PersianText.NormalizeText(value).Replace('\n', ' ').Replace('\t', ' ');

    /// <summary>
    /// Checks a display name, an optional e-mail address, and the role/province/subjects rules: a province is required
    /// for experts and supervisors and forbidden for administrators; only experts may be limited to main subjects.
    /// Errors go into <paramref name="modelState"/> under the field names of the forms.
    /// </summary>
    public static void Validate(ModelStateDictionary modelState, string displayName, string email, StaffRole? role, int? provinceId,
        IReadOnlyCollection<int> subjectIds, IReadOnlyCollection<Province> provinces, IReadOnlyCollection<Subject> mainSubjects)
    {
        ArgumentNullException.ThrowIfNull(modelState);
        if (displayName.Length == 0)
        {
            modelState.AddModelError("DisplayName", "نام و نام خانوادگی را بنویسید.");
        }
        else if (displayName.Length > MaxDisplayNameLength)
        {
            modelState.AddModelError("DisplayName", "نام بیش از اندازه بلند است.");
        }

        if (email.Length > 0 && !EmailAddress.IsValid(email))
        {
            modelState.AddModelError("Email", "نشانی رایانامه درست نیست؛ آن را مانند name@example.ir بنویسید یا خالی بگذارید.");
        }

        if (role is not StaffRole known || !Enum.IsDefined(known))
        {
            modelState.AddModelError("Role", "نقش را برگزینید.");
            return;
        }

        if (known == StaffRole.Administrator)
        {
            if (provinceId is not null)
            {
                modelState.AddModelError("ProvinceId", "مدیر سامانه به استانی وابسته نیست؛ استان را خالی بگذارید.");
            }
        }
        else if (provinceId is null || provinces.All(p => p.Id != provinceId))
        {
            modelState.AddModelError("ProvinceId", $"استانِ {known.ToPersian()} را برگزینید.");
        }

        if (subjectIds.Count > 0)
        {
            if (known != StaffRole.Expert)
            {
                modelState.AddModelError("SubjectIds", "محدود کردن به موضوع‌ها فقط برای کارشناس است؛ برای این نقش هیچ موضوعی را برنگزینید.");
            }
            else if (subjectIds.Any(id => mainSubjects.All(s => s.Id != id)))
            {
                modelState.AddModelError("SubjectIds", "موضوع برگزیده پیدا نشد.");
            }
        }
    }

    /// <summary>Checks a typed password against Identity's policy; the Persian problems, none when it is acceptable.</summary>
    public static async Task<List<string>> CheckPasswordAsync(UserManager<StaffUser> users, StaffUser user, string? password, string? confirmation)
    {
        ArgumentNullException.ThrowIfNull(users);
        var problems = new List<string>();
        if (string.IsNullOrEmpty(password))
        {
            problems.Add("رمز عبور را بنویسید.");
            return problems;
        }

        foreach (var validator in users.PasswordValidators)
        {
            var result = await validator.ValidateAsync(users, user, password);
            problems.AddRange(result.Errors.Select(e => IdentityErrorText.ToPersian(e, users.Options.Password)));
        }

        if (password != confirmation)
        {
            problems.Add("رمز عبور و تکرار آن یکی نیستند.");
        }

        return problems;
    }

    public static Task<List<Province>> ProvincesAsync(HajDeskDbContext db, CancellationToken cancellationToken) =>
        db.Provinces.AsNoTracking().OrderBy(p => p.DisplayOrder).ThenBy(p => p.Id).ToListAsync(cancellationToken);

    public static Task<List<Subject>> MainSubjectsAsync(HajDeskDbContext db, CancellationToken cancellationToken) =>
        db.Subjects.AsNoTracking().Where(s => s.ParentId == null).OrderBy(s => s.DisplayOrder).ThenBy(s => s.Id).ToListAsync(cancellationToken);

    /// <summary>Role, province and subjects in words, for audit details.</summary>
    public static string DescribeAssignment(StaffRole role, int? provinceId, IEnumerable<int> subjectIds,
        IReadOnlyCollection<Province> provinces, IReadOnlyCollection<Subject> mainSubjects)
    {
        var text = role.ToPersian();
        if (provinces.FirstOrDefault(p => p.Id == provinceId) is { } province)
        {
            text += "، استان " + province.Name;
        }

        var names = subjectIds.Select(id => mainSubjects.FirstOrDefault(s => s.Id == id)?.Name).OfType<string>().ToList();
        if (names.Count > 0)
        {
            text += "، فقط موضوع‌های " + string.Join("، ", names.Select(n => "«" + n + "»"));
        }

        return text;
    }
}

/// <summary>The assignment fields the create and edit forms share (partial <c>_AssignmentFields</c>).</summary>
public interface IAssignmentFields
{
    StaffRole? Role { get; }

    int? ProvinceId { get; }

    List<int> SubjectIds { get; }

    List<Province> Provinces { get; }

    List<Subject> MainSubjects { get; }
}

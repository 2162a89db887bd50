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
    /// <summary>Where Identity's user store keeps a user's authenticator key and recovery codes (AspNetUserTokens).</summary>
    public const string UserStoreTokenProvider = "[AspNetUserStore]";

    /// <summary>ASCII letters, digits, dot and dash; starts and ends with a letter or digit.</summary>
    public static bool IsValidUserName(string userName) =>
        userName.Length is > 0 and <= StaffUser.MaxUserNameLength
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
            modelState.AddModelError(nameof(IAccountFields.DisplayName), "نام و نام خانوادگی را بنویسید.");
        }
        else if (displayName.Length > StaffUser.MaxDisplayNameLength)
        {
            modelState.AddModelError(nameof(IAccountFields.DisplayName), "نام بیش از اندازه بلند است.");
        }

        if (email.Length > 0 && !EmailAddress.IsValid(email))
        {
            modelState.AddModelError(nameof(IAccountFields.Email), "نشانی رایانامه درست نیست؛ آن را مانند name@example.ir بنویسید یا خالی بگذارید.");
        }

        if (role is not StaffRole known || !Enum.IsDefined(known))
        {
            modelState.AddModelError(nameof(IAssignmentFields.Role), "نقش را برگزینید.");
            return;
        }

        if (known == StaffRole.Administrator)
        {
            if (provinceId is not null)
            {
                modelState.AddModelError(nameof(IAssignmentFields.ProvinceId), "مدیر سامانه به استانی وابسته نیست؛ استان را خالی بگذارید.");
            }
        }
        else if (provinceId is null || provinces.All(p => p.Id != provinceId))
        {
            modelState.AddModelError(nameof(IAssignmentFields.ProvinceId), $"استانِ {known.ToPersian()} را برگزینید.");
        }

        if (subjectIds.Count > 0)
        {
            if (known != StaffRole.Expert)
            {
                modelState.AddModelError(nameof(IAssignmentFields.SubjectIds), "محدود کردن به موضوع‌ها فقط برای کارشناس است؛ برای این نقش هیچ موضوعی را برنگزینید.");
            }
            else if (subjectIds.Any(id => mainSubjects.All(s => s.Id != id)))
            {
                modelState.AddModelError(nameof(IAssignmentFields.SubjectIds), "موضوع برگزیده پیدا نشد.");
            }
        }
    }

    /// <summary>
    /// Applies a validated edit to a tracked account: name, e-mail, role, province (none for administrators) and
    /// subjects (only experts keep any). Returns what changed, in words for the audit row; empty when nothing did.
    /// </summary>
    public static List<string> ApplyEdit(HajDeskDbContext db, UserManager<StaffUser> users, StaffUser user, string displayName, string email,
        StaffRole role, int? provinceId, List<int> subjectIds, IReadOnlyCollection<Province> provinces, IReadOnlyCollection<Subject> mainSubjects)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(users);
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(email);
        provinceId = role == StaffRole.Administrator ? null : provinceId;
        var newSubjects = role == StaffRole.Expert ? subjectIds : [];
        var oldSubjects = user.Subjects.Select(s => s.SubjectId).ToList();
        var changes = new List<string>();
        if (user.DisplayName != displayName)
        {
            changes.Add($"نام: «{user.DisplayName}» ← «{displayName}»");
        }

        if ((user.Email ?? string.Empty) != email)
        {
            changes.Add("رایانامه تغییر کرد");
        }

        if (user.Role != role || user.ProvinceId != provinceId || !oldSubjects.Order().SequenceEqual(newSubjects.Order()))
        {
            changes.Add($"{DescribeAssignment(user.Role, user.ProvinceId, oldSubjects, provinces, mainSubjects)} ← "
                + DescribeAssignment(role, provinceId, newSubjects, provinces, mainSubjects));
        }

        if (changes.Count == 0)
        {
            return changes;
        }

        user.DisplayName = displayName;
        user.Email = email.Length == 0 ? null : email;
        user.NormalizedEmail = email.Length == 0 ? null : users.NormalizeEmail(email);
        user.Role = role;
        user.ProvinceId = provinceId;
        foreach (var removed in user.Subjects.Where(s => !newSubjects.Contains(s.SubjectId)).ToList())
        {
            db.StaffSubjects.Remove(removed);
        }

        foreach (var added in newSubjects.Where(s => !oldSubjects.Contains(s)))
        {
            db.StaffSubjects.Add(new StaffSubject { StaffUserId = user.Id, SubjectId = added });
        }

        return changes;
    }

    /// <summary>Disables an account and ends its sessions; a Persian refusal for one's own account.</summary>
    public static string? Disable(StaffUser user, string myId)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (user.Id == myId)
        {
            return "نمی‌توانید حساب خودتان را غیرفعال کنید؛ همیشه دست‌کم یک مدیر سامانه فعال باید بماند.";
        }

        user.IsDisabled = true;
        user.SecurityStamp = NewSecurityStamp();
        return null;
    }

    /// <summary>Sets a new password typed twice, unlocks the account and ends its sessions; the Persian problems, or null.</summary>
    public static async Task<string?> ResetPasswordAsync(UserManager<StaffUser> users, StaffUser user, string? password, string? confirmation)
    {
        ArgumentNullException.ThrowIfNull(users);
        ArgumentNullException.ThrowIfNull(user);
        var problems = await CheckPasswordAsync(users, user, password, confirmation);
        if (problems.Count > 0)
        {
            return string.Join(" ", problems);
        }

        user.PasswordHash = users.PasswordHasher.HashPassword(user, password!);
        user.SecurityStamp = NewSecurityStamp();
        user.LockoutEnd = null;
        user.AccessFailedCount = 0;
        return null;
    }

    /// <summary>
    /// Turns two-factor sign-in off for someone who lost their phone, deleting the key; a Persian refusal for one's
    /// own account (which needs a current code on the two-factor page).
    /// </summary>
    public static async Task<string?> ResetTwoFactorAsync(HajDeskDbContext db, StaffUser user, string myId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(user);
        if (user.Id == myId)
        {
            return "ورود دومرحله‌ای خودتان را از صفحه «ورود دومرحله‌ای» (با کد برنامه رمزساز) بردارید.";
        }

        // The key is removed too: the lost phone's codes must never work again, even if 2FA is turned on later.
        var tokens = await db.UserTokens
            .Where(t => t.UserId == user.Id && t.LoginProvider == UserStoreTokenProvider)
            .ToListAsync(cancellationToken);
        db.UserTokens.RemoveRange(tokens);
        user.TwoFactorEnabled = false;
        user.SecurityStamp = NewSecurityStamp();
        return null;
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

/// <summary>The account fields the create and edit forms share.</summary>
public interface IAccountFields : IAssignmentFields
{
    string? DisplayName { get; }

    string? Email { get; }
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

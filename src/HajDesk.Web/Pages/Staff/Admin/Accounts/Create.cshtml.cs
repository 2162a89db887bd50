using HajDesk.Core.Data;
using HajDesk.Core.Staff;
using HajDesk.Web.Infrastructure;
using HajDesk.Web.Staff;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HajDesk.Web.Pages.Staff.Admin.Accounts;

/// <summary>
/// <c>/staff/admin/accounts/new</c>: creates a staff account with an initial password typed by the administrator
/// (checked against the Identity password policy, problems in Persian). The password is never shown again, logged
/// or audited.
/// </summary>
[NoStore]
public class CreateModel(HajDeskDbContext db, UserManager<StaffUser> users, AuditLog audit, TimeProvider time)
    : AccountFormModel
{
    [BindProperty]
    public string? UserName { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    [BindProperty]
    public string? ConfirmPassword { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Role = StaffRole.Expert;
        await LoadAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        ModelState.Clear();
        await LoadAsync(cancellationToken);
        var userName = (UserName ?? string.Empty).Trim();
        var displayName = AccountAdmin.NormalizeDisplayName(DisplayName);
        var email = (Email ?? string.Empty).Trim();
        var subjectIds = SubjectIds.Distinct().ToList();

        if (!AccountAdmin.IsValidUserName(userName))
        {
            ModelState.AddModelError(nameof(UserName),
                "نام کاربری را با حرف‌ها و رقم‌های انگلیسی بنویسید؛ نقطه و خط تیره هم در میانه آن پذیرفته است (مانند tehran.expert1)؛ حداکثر "
                + Core.Persian.PersianText.ToPersianDigits(StaffUser.MaxUserNameLength.ToString(System.Globalization.CultureInfo.InvariantCulture)) + " نویسه.");
        }
        else if (await users.FindByNameAsync(userName) is not null)
        {
            ModelState.AddModelError(nameof(UserName), "این نام کاربری پیش‌تر به کار رفته است.");
        }

        AccountAdmin.Validate(ModelState, displayName, email, Role, ProvinceId, subjectIds, Provinces, MainSubjects);

        var user = new StaffUser
        {
            UserName = userName,
            DisplayName = displayName,
            Email = email.Length == 0 ? null : email,
            Role = Role ?? StaffRole.Expert,
            ProvinceId = Role == StaffRole.Administrator ? null : ProvinceId,
            CreatedAt = time.GetUtcNow().UtcDateTime,
        };
        if (await AccountAdmin.CheckPasswordAsync(users, user, Password, ConfirmPassword) is { Count: > 0 } problems)
        {
            // One message for the field: field-error shows a field's first message, and every problem must be seen.
            ModelState.AddModelError(nameof(Password), string.Join(" ", problems));
        }

        if (ModelState.ErrorCount > 0)
        {
            return Invalid();
        }

        if (user.Role == StaffRole.Expert)
        {
            user.Subjects.AddRange(subjectIds.Select(id => new StaffSubject { StaffUserId = user.Id, SubjectId = id }));
        }

        // Staged first, so that Identity's one SaveChanges writes the account and its audit row together.
        audit.Add(AuditActions.StaffCreate, null,
            $"حساب «{user.UserName}» ({user.DisplayName})؛ {AccountAdmin.DescribeAssignment(user.Role, user.ProvinceId, subjectIds, Provinces, MainSubjects)}");
        var result = await users.CreateAsync(user, Password!);
        if (!result.Succeeded)
        {
            db.ChangeTracker.Clear();
            foreach (var group in result.Errors.GroupBy(e => e.Code.StartsWith("Password", StringComparison.Ordinal) ? nameof(Password) : nameof(UserName)))
            {
                ModelState.AddModelError(group.Key, string.Join(" ", group.Select(e => IdentityErrorText.ToPersian(e, users.Options.Password))));
            }

            return Invalid();
        }

        this.Flash("حساب ساخته شد.");
        return RedirectToPage("Index");
    }

    private PageResult Invalid()
    {
        Password = null;
        ConfirmPassword = null;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private Task LoadAsync(CancellationToken cancellationToken) => LoadChoicesAsync(db, cancellationToken);
}

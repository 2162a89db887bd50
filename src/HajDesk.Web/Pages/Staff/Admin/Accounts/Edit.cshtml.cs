using HajDesk.Core.Data;
using HajDesk.Core.Staff;
using HajDesk.Web.Infrastructure;
using HajDesk.Web.Infrastructure.Concurrency;
using HajDesk.Web.Staff;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace HajDesk.Web.Pages.Staff.Admin.Accounts;

/// <summary>
/// <c>/staff/admin/accounts/{id}</c>: one staff account — name, e-mail, role, province and subjects; disable and
/// enable; a new password (which also unlocks); turning two-factor sign-in off for someone who lost their phone.
/// </summary>
/// <remarks>
/// <para>
/// Every form carries the account's <see cref="StaffUser.Version"/> (the one concurrency mechanism,
/// <see cref="IVersioned"/>; Identity's own writes such as a counted sign-in failure move it too). A stale form gets
/// the one conflict response (<see cref="EditConflictFilter"/>): 409, the account as it is now, the typed values kept.
/// </para>
/// <para>
/// Disabling, a new password and turning 2FA off replace the security stamp, so every session of the account ends on
/// its next request (<see cref="CurrentStaff"/>). An administrator cannot disable themselves or change their own
/// role, so at least one active administrator always remains.
/// </para>
/// </remarks>
[NoStore]
public class EditModel(
    HajDeskDbContext db,
    UserManager<StaffUser> users,
    SignInManager<StaffUser> signIn,
    CurrentStaff currentStaff,
    AuditLog audit,
    TimeProvider time) : AccountFormModel, IEditConflictPage
{
    [BindProperty]
    public int Version { get; set; }

    [BindProperty]
    public string? NewPassword { get; set; }

    [BindProperty]
    public string? ConfirmNewPassword { get; set; }

    public StaffUser Item { get; private set; } = null!;

    public bool IsSelf { get; private set; }

    public bool IsLockedOut { get; private set; }

    /// <summary>Which form a problem belongs to (<c>save</c>, <c>password</c>, <c>status</c>, <c>2fa</c>).</summary>
    public string? FailedForm { get; private set; }

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, fillForm: true, cancellationToken))
        {
            return NotFound();
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string id, CancellationToken cancellationToken)
    {
        ModelState.Clear();
        FailedForm = "save";
        var user = await FindAsync(id, cancellationToken);
        if (user is null)
        {
            return NotFound();
        }

        var me = await currentStaff.RequireAsync(cancellationToken);
        await LoadChoicesAsync(db, cancellationToken);
        var displayName = AccountAdmin.NormalizeDisplayName(DisplayName);
        var email = (Email ?? string.Empty).Trim();
        var subjectIds = SubjectIds.Distinct().ToList();
        AccountAdmin.Validate(ModelState, displayName, email, Role, ProvinceId, subjectIds, Provinces, MainSubjects);
        if (user.Id == me.Id && Role is not null && Role != StaffRole.Administrator)
        {
            ModelState.AddModelError(nameof(Role), "نمی‌توانید نقش خودتان را تغییر دهید؛ همیشه دست‌کم یک مدیر سامانه فعال باید بماند. از مدیر دیگری بخواهید.");
        }

        if (ModelState.ErrorCount > 0)
        {
            return await RedisplayAsync(id, StatusCodes.Status400BadRequest, keepTyped: true, cancellationToken);
        }

        var changes = AccountAdmin.ApplyEdit(db, users, user, displayName, email, Role!.Value, ProvinceId, subjectIds, Provinces, MainSubjects);
        if (changes.Count == 0)
        {
            this.Flash("حساب ذخیره شد.");
            return RedirectToPage("Edit", new { id });
        }

        return await SaveAsync(user, AuditActions.StaffUpdate, string.Join("؛ ", changes), "حساب ذخیره شد.", cancellationToken);
    }

    public async Task<IActionResult> OnPostDisableAsync(string id, CancellationToken cancellationToken)
    {
        var me = await currentStaff.RequireAsync(cancellationToken);
        return await ActAsync(id, "status", user => Task.FromResult(AccountAdmin.Disable(user, me.Id)),
            AuditActions.StaffDisable, null, "حساب غیرفعال شد؛ نشست‌های باز آن در درخواست بعدی بسته می‌شوند.", cancellationToken);
    }

    public Task<IActionResult> OnPostEnableAsync(string id, CancellationToken cancellationToken) =>
        ActAsync(id, "status", user =>
        {
            user.IsDisabled = false;
            return Task.FromResult<string?>(null);
        }, AuditActions.StaffEnable, null, "حساب فعال شد.", cancellationToken);

    public Task<IActionResult> OnPostResetPasswordAsync(string id, CancellationToken cancellationToken) =>
        ActAsync(id, "password", user => AccountAdmin.ResetPasswordAsync(users, user, NewPassword, ConfirmNewPassword),
            AuditActions.StaffPasswordReset, "قفل حساب هم برداشته شد",
            "رمز تازه ثبت شد و قفل حساب برداشته شد؛ نشست‌های باز آن بسته می‌شوند.", cancellationToken);

    public async Task<IActionResult> OnPostResetTwoFactorAsync(string id, CancellationToken cancellationToken)
    {
        var me = await currentStaff.RequireAsync(cancellationToken);
        return await ActAsync(id, "2fa", user => AccountAdmin.ResetTwoFactorAsync(db, user, me.Id, cancellationToken),
            AuditActions.StaffTwoFactorReset, null,
            "ورود دومرحله‌ای این حساب برداشته شد؛ کاربر اکنون فقط با رمز وارد می‌شود و می‌تواند آن را دوباره راه بیندازد.", cancellationToken);
    }

    /// <summary>
    /// A status, password or 2FA action: checks the form's version, applies <paramref name="change"/> (a
    /// Persian error or null) and saves the change and its audit row together.
    /// </summary>
    private async Task<IActionResult> ActAsync(string id, string form, Func<StaffUser, Task<string?>> change, string action, string? details,
        string confirmation, CancellationToken cancellationToken)
    {
        ModelState.Clear();
        FailedForm = form;
        var user = await FindAsync(id, cancellationToken);
        if (user is null)
        {
            return NotFound();
        }

        if (await change(user) is { } error)
        {
            ModelState.AddModelError(string.Empty, error);
            return await RedisplayAsync(id, StatusCodes.Status400BadRequest, keepTyped: false, cancellationToken);
        }

        return await SaveAsync(user, action, details, confirmation, cancellationToken);
    }

    private async Task<IActionResult> SaveAsync(StaffUser user, string action, string? details, string confirmation, CancellationToken cancellationToken)
    {
        audit.Add(action, null, $"حساب «{user.UserName}»" + (details is null ? null : "؛ " + details));
        // Identity expects a new stamp whenever the account is written; the guard is the Version checked by FindAsync.
        user.ConcurrencyStamp = Guid.NewGuid().ToString();
        await db.SaveChangesAsync(cancellationToken);

        if (user.Id == (await currentStaff.RequireAsync(cancellationToken)).Id && action == AuditActions.StaffPasswordReset)
        {
            // A new password for oneself: keep this browser signed in with the new security stamp.
            await signIn.RefreshSignInAsync(user);
        }

        this.Flash(confirmation);
        return RedirectToPage("Edit", new { id = user.Id });
    }

    /// <summary>The account to change, checked against the version the form was drawn from (a stale form throws).</summary>
    private async Task<StaffUser?> FindAsync(string id, CancellationToken cancellationToken)
    {
        var user = await db.Users.Include(u => u.Subjects).FirstOrDefaultAsync(u => u.Id == id, cancellationToken);
        if (user is not null)
        {
            Item = user;
            db.ExpectVersion(user, Version);
        }

        return user;
    }

    /// <summary>After a conflict: the account as it is now; the main form keeps what was typed into it.</summary>
    public async Task<bool> ReloadAfterConflictAsync(CancellationToken cancellationToken)
    {
        NewPassword = null;
        ConfirmNewPassword = null;
        return await LoadAsync(Item.Id, fillForm: FailedForm != "save", cancellationToken);
    }

    /// <summary>Shows the page again with the account as it is now; the main form keeps what was typed into it.</summary>
    private async Task<IActionResult> RedisplayAsync(string id, int status, bool keepTyped, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        if (!await LoadAsync(id, fillForm: !keepTyped, cancellationToken))
        {
            return NotFound();
        }

        NewPassword = null;
        ConfirmNewPassword = null;
        Response.StatusCode = status;
        return Page();
    }

    private async Task<bool> LoadAsync(string id, bool fillForm, CancellationToken cancellationToken)
    {
        var user = await db.Users.AsNoTracking().Include(u => u.Subjects).FirstOrDefaultAsync(u => u.Id == id, cancellationToken);
        if (user is null)
        {
            return false;
        }

        Item = user;
        Version = user.Version;
        IsSelf = user.Id == (await currentStaff.RequireAsync(cancellationToken)).Id;
        IsLockedOut = user.LockoutEnd > time.GetUtcNow();
        await LoadChoicesAsync(db, cancellationToken);
        if (fillForm)
        {
            DisplayName = user.DisplayName;
            Email = user.Email;
            Role = user.Role;
            ProvinceId = user.ProvinceId;
            SubjectIds = user.Subjects.Select(s => s.SubjectId).ToList();
        }

        return true;
    }
}

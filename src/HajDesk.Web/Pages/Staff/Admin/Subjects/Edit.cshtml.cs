using System.Globalization;
using HajDesk.Core.Data;
using HajDesk.Core.Reference;
using HajDesk.Web.Infrastructure;
using HajDesk.Web.Staff;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace HajDesk.Web.Pages.Staff.Admin.Subjects;

/// <summary>
/// <c>/staff/admin/subjects/{id}</c>: rename, response time, attachment rule, deactivate/activate, delete.
/// </summary>
/// <remarks>
/// Every form carries the row's <see cref="SubjectAdmin.Stamp"/>; a changed row gets 409 with the current state and
/// the typed values kept. Delete is refused while anything refers to the subject (requests, referrals, experts
/// limited to it, sub-subjects) and for the subjects of the seed file, which start-up would insert again; the page
/// then offers deactivation instead.
/// </remarks>
[NoStore]
public class EditModel(HajDeskDbContext db, AuditLog audit) : PageModel, ISubjectFields
{
    [BindProperty]
    public string? Name { get; set; }

    [BindProperty]
    public string? ResponseDays { get; set; }

    [BindProperty]
    public bool AttachmentRequired { get; set; }

    [BindProperty]
    public string? Stamp { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Done { get; set; }

    public Subject Item { get; private set; } = null!;

    public string? ParentName { get; private set; }

    /// <summary>The row's stamp now, for the forms drawn on this page.</summary>
    public string CurrentStamp => SubjectAdmin.Stamp(Item);

    public bool Conflict { get; private set; }

    /// <summary>Why the subject cannot be deleted, when a delete was tried; the page offers deactivation.</summary>
    public string? DeleteRefusal { get; private set; }

    public string? DoneMessage => Done switch
    {
        "activated" => "موضوع فعال شد و در فرم درخواست نمایش داده می‌شود.",
        "deactivated" => "موضوع غیرفعال شد و دیگر در فرم درخواست نمایش داده نمی‌شود.",
        _ => null,
    };

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        Name = Item.Name;
        ResponseDays = Item.ResponseDays.ToString(CultureInfo.InvariantCulture);
        AttachmentRequired = Item.AttachmentRequired;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken cancellationToken)
    {
        var subject = await db.Subjects.FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (subject is null)
        {
            return NotFound();
        }

        if (Stamp != SubjectAdmin.Stamp(subject))
        {
            return await ConflictAsync(id, cancellationToken);
        }

        var name = SubjectAdmin.NormalizeName(Name);
        if (await SubjectAdmin.CheckNameAsync(db, name, subject.ParentId, subject.Id, cancellationToken) is { } nameError)
        {
            ModelState.AddModelError(nameof(Name), nameError);
        }

        if (!SubjectAdmin.TryReadResponseDays(ResponseDays, out var days, out var daysError))
        {
            ModelState.AddModelError(nameof(ResponseDays), daysError!);
        }

        if (ModelState.ErrorCount > 0)
        {
            return await RedisplayAsync(id, StatusCodes.Status400BadRequest, cancellationToken);
        }

        var changes = new List<string>();
        if (subject.Name != name)
        {
            changes.Add($"نام: «{subject.Name}» ← «{name}»");
        }

        if (subject.ResponseDays != days)
        {
            changes.Add($"مهلت: {SubjectAdmin.Digits(subject.ResponseDays)} ← {SubjectAdmin.Digits(days)} روز کاری");
        }

        if (subject.AttachmentRequired != AttachmentRequired)
        {
            changes.Add("پیوست: " + (AttachmentRequired ? "الزامی" : "اختیاری"));
        }

        if (changes.Count == 0)
        {
            return Redirect($"/staff/admin/subjects?done=updated#subject-{id}");
        }

        return await SaveAsync(subject, s =>
        {
            s.Name = name;
            s.ResponseDays = days;
            s.AttachmentRequired = AttachmentRequired;
        }, AdminAuditActions.SubjectUpdate, $"«{name}»: " + string.Join("؛ ", changes), $"/staff/admin/subjects?done=updated#subject-{id}", cancellationToken);
    }

    public Task<IActionResult> OnPostDeactivateAsync(int id, CancellationToken cancellationToken) =>
        SetActiveAsync(id, false, cancellationToken);

    public Task<IActionResult> OnPostActivateAsync(int id, CancellationToken cancellationToken) =>
        SetActiveAsync(id, true, cancellationToken);

    public async Task<IActionResult> OnPostDeleteAsync(int id, CancellationToken cancellationToken)
    {
        var subject = await db.Subjects.FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (subject is null)
        {
            return NotFound();
        }

        if (Stamp != SubjectAdmin.Stamp(subject))
        {
            return await ConflictAsync(id, cancellationToken);
        }

        if (await DeleteRefusalAsync(subject, cancellationToken) is { } refusal)
        {
            return await RefuseDeleteAsync(id, refusal, cancellationToken);
        }

        var parentName = subject.ParentId is int parentId
            ? await db.Subjects.Where(s => s.Id == parentId).Select(s => s.Name).FirstAsync(cancellationToken)
            : null;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (!await SubjectAdmin.LockUnchangedAsync(db, subject, cancellationToken))
        {
            await transaction.RollbackAsync(cancellationToken);
            return await ConflictAsync(id, cancellationToken);
        }

        db.Subjects.Remove(subject);
        audit.Add(AdminAuditActions.SubjectDelete, null, SubjectAdmin.Describe(subject, parentName));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // A request or an account took the subject between the check and the delete (foreign keys refuse).
            await transaction.RollbackAsync(cancellationToken);
            return await RefuseDeleteAsync(id, "این موضوع هم‌اکنون به کار گرفته شد و نمی‌توان آن را حذف کرد؛ می‌توانید آن را غیرفعال کنید.", cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return Redirect("/staff/admin/subjects?done=deleted");
    }

    private async Task<IActionResult> SetActiveAsync(int id, bool active, CancellationToken cancellationToken)
    {
        var subject = await db.Subjects.FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (subject is null)
        {
            return NotFound();
        }

        if (Stamp != SubjectAdmin.Stamp(subject))
        {
            return await ConflictAsync(id, cancellationToken);
        }

        if (subject.IsActive == active)
        {
            return Redirect($"/staff/admin/subjects/{id}?done={(active ? "activated" : "deactivated")}");
        }

        return await SaveAsync(subject, s => s.IsActive = active,
            active ? AdminAuditActions.SubjectActivate : AdminAuditActions.SubjectDeactivate, $"«{subject.Name}»",
            $"/staff/admin/subjects/{id}?done={(active ? "activated" : "deactivated")}", cancellationToken);
    }

    /// <summary>Applies a change to a row checked against its stamp, with its audit row, in one guarded transaction.</summary>
    private async Task<IActionResult> SaveAsync(Subject subject, Action<Subject> change, string action, string details, string redirect,
        CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (!await SubjectAdmin.LockUnchangedAsync(db, subject, cancellationToken))
        {
            await transaction.RollbackAsync(cancellationToken);
            return await ConflictAsync(subject.Id, cancellationToken);
        }

        change(subject);
        audit.Add(action, null, details);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Redirect(redirect);
    }

    private async Task<string?> DeleteRefusalAsync(Subject subject, CancellationToken cancellationToken)
    {
        var id = subject.Id;
        var requests = await db.Requests.CountAsync(r => r.SubjectId == id || r.SubSubjectId == id, cancellationToken);
        var offer = subject.IsActive ? " می‌توانید به جای حذف، آن را غیرفعال کنید تا دیگر در فرم درخواست نمایش داده نشود." : " این موضوع هم‌اکنون غیرفعال است و در فرم درخواست نمایش داده نمی‌شود.";
        if (requests > 0)
        {
            return $"این موضوع در {SubjectAdmin.Digits(requests)} درخواست به کار رفته است و حذف آن سابقه آن درخواست‌ها را از میان می‌برد؛ نمی‌توان آن را حذف کرد." + offer;
        }

        if (await db.RequestEvents.AnyAsync(e => e.FromSubjectId == id || e.ToSubjectId == id, cancellationToken))
        {
            return "این موضوع در سابقه ارجاع درخواست‌ها آمده است و نمی‌توان آن را حذف کرد." + offer;
        }

        var children = await db.Subjects.CountAsync(s => s.ParentId == id, cancellationToken);
        if (children > 0)
        {
            return $"این موضوع {SubjectAdmin.Digits(children)} زیرموضوع دارد؛ نخست زیرموضوع‌ها را حذف کنید." + offer;
        }

        var staff = await db.StaffSubjects.CountAsync(s => s.SubjectId == id, cancellationToken);
        if (staff > 0)
        {
            return $"کار {SubjectAdmin.Digits(staff)} کارشناس به این موضوع محدود شده است؛ نخست موضوع‌های آنان را در «حساب‌های کارکنان» تغییر دهید." + offer;
        }

        return null;
    }

    private async Task<IActionResult> RefuseDeleteAsync(int id, string refusal, CancellationToken cancellationToken)
    {
        DeleteRefusal = refusal;
        return await RedisplayAsync(id, StatusCodes.Status409Conflict, cancellationToken);
    }

    private async Task<IActionResult> ConflictAsync(int id, CancellationToken cancellationToken)
    {
        Conflict = true;
        return await RedisplayAsync(id, StatusCodes.Status409Conflict, cancellationToken);
    }

    /// <summary>Shows the page again with the row as it is now and the typed values as they were posted.</summary>
    private async Task<IActionResult> RedisplayAsync(int id, int status, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        Response.StatusCode = status;
        return Page();
    }

    private async Task<bool> LoadAsync(int id, CancellationToken cancellationToken)
    {
        var item = await db.Subjects.AsNoTracking().Include(s => s.Parent).FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (item is null)
        {
            return false;
        }

        Item = item;
        ParentName = item.Parent?.Name;
        return true;
    }
}

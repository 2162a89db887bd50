using System.Globalization;
using HajDesk.Core.Data;
using HajDesk.Core.Reference;
using HajDesk.Web.Infrastructure;
using HajDesk.Web.Infrastructure.Concurrency;
using HajDesk.Web.Staff;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace HajDesk.Web.Pages.Staff.Admin.Subjects;

/// <summary>
/// <c>/staff/admin/subjects/{id}</c>: rename, response time, attachment rule, deactivate/activate, delete.
/// </summary>
/// <remarks>
/// Every form carries the subject's version; a stale form, or a change committed meanwhile, gets the one conflict
/// response (<see cref="EditConflictFilter"/>: 409, the current state, the typed values kept). Delete is refused while
/// anything refers to the subject (<see cref="SubjectAdmin.DeleteRefusalAsync"/>); the page then offers deactivation.
/// </remarks>
[NoStore]
public class EditModel(HajDeskDbContext db, AuditLog audit, AdminEdit edit) : PageModel, ISubjectFields, IEditConflictPage
{
    [BindProperty]
    public string? Name { get; set; }

    [BindProperty]
    public string? ResponseDays { get; set; }

    [BindProperty]
    public bool AttachmentRequired { get; set; }

    /// <summary>The subject's version when the page was drawn (every form on the page carries it).</summary>
    [BindProperty]
    public int Version { get; set; }

    public Subject Item { get; private set; } = null!;

    public string? ParentName { get; private set; }

    /// <summary>Why the subject cannot be deleted, when a delete was tried; the page offers deactivation.</summary>
    public string? DeleteRefusal { get; private set; }

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
        if (await FindAsync(id, cancellationToken) is not { } subject)
        {
            return NotFound();
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

        var changes = SubjectAdmin.DescribeChanges(subject, name, days, AttachmentRequired);
        if (changes.Count > 0)
        {
            subject.Name = name;
            subject.ResponseDays = days;
            subject.AttachmentRequired = AttachmentRequired;
            audit.Add(AuditActions.SubjectUpdate, null, $"«{name}»: " + string.Join("؛ ", changes));
            await db.SaveChangesAsync(cancellationToken);
        }

        this.Flash("موضوع ذخیره شد.");
        return RedirectToPage("Index", null, $"subject-{id}");
    }

    public Task<IActionResult> OnPostDeactivateAsync(int id, CancellationToken cancellationToken) =>
        SetActiveAsync(id, false, cancellationToken);

    public Task<IActionResult> OnPostActivateAsync(int id, CancellationToken cancellationToken) =>
        SetActiveAsync(id, true, cancellationToken);

    public async Task<IActionResult> OnPostDeleteAsync(int id, CancellationToken cancellationToken)
    {
        if (await FindAsync(id, cancellationToken) is not { } subject)
        {
            return NotFound();
        }

        if (await SubjectAdmin.DeleteRefusalAsync(db, subject, cancellationToken) is { } refusal)
        {
            return await RefuseDeleteAsync(id, refusal, cancellationToken);
        }

        var parentName = subject.ParentId is int parentId
            ? await db.Subjects.Where(s => s.Id == parentId).Select(s => s.Name).FirstAsync(cancellationToken)
            : null;
        // Its request fields go with it; one that a request answered keeps the subject (the foreign key refuses, below).
        db.SubjectFields.RemoveRange(await db.SubjectFields.Where(f => f.SubjectId == id).ToListAsync(cancellationToken));
        db.Subjects.Remove(subject);
        audit.Add(AuditActions.SubjectDelete, null, SubjectAdmin.Describe(subject, parentName));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (e is not DbUpdateConcurrencyException)
        {
            // A request or an account took the subject between the check and the delete (foreign keys refuse).
            return await RefuseDeleteAsync(id, "این موضوع هم‌اکنون به کار گرفته شد و نمی‌توان آن را حذف کرد؛ می‌توانید آن را غیرفعال کنید.", cancellationToken);
        }

        this.Flash("موضوع حذف شد.");
        return RedirectToPage("Index");
    }

    public async Task<bool> ReloadAfterConflictAsync(CancellationToken cancellationToken) =>
        await LoadAsync(Item.Id, cancellationToken);

    private Task<IActionResult> SetActiveAsync(int id, bool active, CancellationToken cancellationToken) =>
        edit.RunAsync(this, db.Subjects, s => s.Id == id, Version,
            subject => AdminEdit.Switch(subject.IsActive, active, value => subject.IsActive = value,
                AuditActions.SubjectActivate, AuditActions.SubjectDeactivate, $"«{subject.Name}»"),
            active
                ? "موضوع فعال شد و در فرم درخواست نمایش داده می‌شود."
                : "موضوع غیرفعال شد و دیگر در فرم درخواست نمایش داده نمی‌شود.",
            _ => RedirectToPage("Edit", new { id }), cancellationToken, found: subject => Item = subject);

    /// <summary>The subject to change, checked against the version the form was drawn from (a stale form throws).</summary>
    private async Task<Subject?> FindAsync(int id, CancellationToken cancellationToken)
    {
        var subject = await db.Subjects.FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (subject is not null)
        {
            Item = subject;
            db.ExpectVersion(subject, Version);
        }

        return subject;
    }

    private async Task<IActionResult> RefuseDeleteAsync(int id, string refusal, CancellationToken cancellationToken)
    {
        DeleteRefusal = refusal;
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
        Version = item.Version;
        return true;
    }
}

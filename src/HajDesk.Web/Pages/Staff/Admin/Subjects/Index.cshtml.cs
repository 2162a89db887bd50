using HajDesk.Core.Data;
using HajDesk.Core.Reference;
using HajDesk.Web.Infrastructure;
using HajDesk.Web.Staff;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace HajDesk.Web.Pages.Staff.Admin.Subjects;

/// <summary>
/// <c>/staff/admin/subjects</c>: every main subject with its sub-subjects, active and inactive, in display order,
/// with «بالا/پایین» buttons (POST forms) to reorder siblings. Adding, editing, (de)activating and deleting are on
/// <see cref="CreateModel"/> and <see cref="EditModel"/>.
/// </summary>
[NoStore]
public class IndexModel(HajDeskDbContext db, AuditLog audit) : PageModel
{
    [BindProperty]
    public int Id { get; set; }

    /// <summary>The moved row's <see cref="SubjectAdmin.Stamp"/> when the list was drawn.</summary>
    [BindProperty]
    public string? Stamp { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Done { get; set; }

    public List<Subject> Mains { get; private set; } = [];

    public bool Conflict { get; private set; }

    public string? DoneMessage => Done switch
    {
        "created" => "موضوع افزوده شد.",
        "updated" => "موضوع ذخیره شد.",
        "deleted" => "موضوع حذف شد.",
        "moved" => "ترتیب موضوع‌ها ذخیره شد.",
        _ => null,
    };

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public Task<IActionResult> OnPostMoveUpAsync(CancellationToken cancellationToken) => MoveAsync(-1, cancellationToken);

    public Task<IActionResult> OnPostMoveDownAsync(CancellationToken cancellationToken) => MoveAsync(+1, cancellationToken);

    private async Task<IActionResult> MoveAsync(int direction, CancellationToken cancellationToken)
    {
        var subject = await db.Subjects.FirstOrDefaultAsync(s => s.Id == Id, cancellationToken);
        if (subject is null)
        {
            return NotFound();
        }

        if (Stamp != SubjectAdmin.Stamp(subject))
        {
            return await ConflictAsync(cancellationToken);
        }

        var parentId = subject.ParentId;
        var siblings = await db.Subjects.Where(s => s.ParentId == parentId)
            .OrderBy(s => s.DisplayOrder).ThenBy(s => s.Id).ToListAsync(cancellationToken);
        var index = siblings.FindIndex(s => s.Id == subject.Id);
        var target = index + direction;
        if (target < 0 || target >= siblings.Count)
        {
            // Already first or last: nothing to do.
            return Redirect($"/staff/admin/subjects#subject-{subject.Id}");
        }

        var neighbor = siblings[target];
        var renumber = siblings.Select(s => s.DisplayOrder).Distinct().Count() != siblings.Count;
        var locked = renumber ? siblings : [subject, neighbor];

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        foreach (var row in locked)
        {
            if (!await SubjectAdmin.LockUnchangedAsync(db, row, cancellationToken))
            {
                await transaction.RollbackAsync(cancellationToken);
                db.ChangeTracker.Clear();
                return await ConflictAsync(cancellationToken);
            }
        }

        if (renumber)
        {
            // Equal orders (not made by these pages) cannot be swapped: number the siblings 1..n in the new order.
            (siblings[index], siblings[target]) = (siblings[target], siblings[index]);
            for (var i = 0; i < siblings.Count; i++)
            {
                siblings[i].DisplayOrder = i + 1;
            }
        }
        else
        {
            (subject.DisplayOrder, neighbor.DisplayOrder) = (neighbor.DisplayOrder, subject.DisplayOrder);
        }

        audit.Add(AdminAuditActions.SubjectMove, null,
            $"«{subject.Name}» {(direction < 0 ? "یک جایگاه بالاتر" : "یک جایگاه پایین‌تر")} رفت (جای «{neighbor.Name}»)");
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Redirect($"/staff/admin/subjects?done=moved#subject-{subject.Id}");
    }

    private async Task<IActionResult> ConflictAsync(CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        Conflict = true;
        await LoadAsync(cancellationToken);
        Response.StatusCode = StatusCodes.Status409Conflict;
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var all = await db.Subjects.AsNoTracking().OrderBy(s => s.DisplayOrder).ThenBy(s => s.Id).ToListAsync(cancellationToken);
        Mains = all.Where(s => s.ParentId == null).ToList();
        foreach (var main in Mains)
        {
            main.Children = all.Where(s => s.ParentId == main.Id).ToList();
        }
    }
}

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
/// <c>/staff/admin/subjects</c>: every main subject with its sub-subjects, active and inactive, in display order,
/// with «بالا/پایین» buttons (POST forms) to reorder siblings. Adding, editing, (de)activating and deleting are on
/// <see cref="CreateModel"/> and <see cref="EditModel"/>.
/// </summary>
[NoStore]
public class IndexModel(HajDeskDbContext db, AuditLog audit) : PageModel, IEditConflictPage
{
    /// <summary>The moved row and the version it had when the list was drawn.</summary>
    [BindProperty]
    public SubjectRef Row { get; set; } = new();

    public List<Subject> Mains { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public Task<IActionResult> OnPostMoveUpAsync(CancellationToken cancellationToken) => MoveAsync(-1, cancellationToken);

    public Task<IActionResult> OnPostMoveDownAsync(CancellationToken cancellationToken) => MoveAsync(+1, cancellationToken);

    public async Task<bool> ReloadAfterConflictAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        return true;
    }

    /// <summary>
    /// Swaps the subject with its neighbour. Both rows are saved with their versions checked: the moved one against
    /// the list the administrator saw, the neighbour against the moment it was read, so a concurrent move conflicts.
    /// </summary>
    private async Task<IActionResult> MoveAsync(int direction, CancellationToken cancellationToken)
    {
        var subject = await db.Subjects.FirstOrDefaultAsync(s => s.Id == Row.Id, cancellationToken);
        if (subject is null)
        {
            return NotFound();
        }

        db.ExpectVersion(subject, Row.Version);
        var parentId = subject.ParentId;
        var siblings = await db.Subjects.Where(s => s.ParentId == parentId)
            .OrderBy(s => s.DisplayOrder).ThenBy(s => s.Id).ToListAsync(cancellationToken);
        var index = siblings.FindIndex(s => s.Id == subject.Id);
        var target = index + direction;
        if (target < 0 || target >= siblings.Count)
        {
            // Already first or last: nothing to do.
            return RedirectToPage("Index", null, $"subject-{subject.Id}");
        }

        var neighbor = siblings[target];
        if (siblings.Select(s => s.DisplayOrder).Distinct().Count() != siblings.Count)
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

        audit.Add(AuditActions.SubjectMove, null,
            $"«{subject.Name}» {(direction < 0 ? "یک جایگاه بالاتر" : "یک جایگاه پایین‌تر")} رفت (جای «{neighbor.Name}»)");
        await db.SaveChangesAsync(cancellationToken);
        this.Flash("ترتیب موضوع‌ها ذخیره شد.");
        return RedirectToPage("Index", null, $"subject-{subject.Id}");
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

/// <summary>Which subject a row's form is about, and the version the list showed.</summary>
public sealed class SubjectRef
{
    public int Id { get; set; }

    public int Version { get; set; }
}

/// <summary>One row of the list (partial <c>_SubjectRow</c>): the subject and whether it is first or last among its siblings.</summary>
public sealed record SubjectRowView(Subject Row, bool First, bool Last);

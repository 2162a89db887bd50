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
/// <c>/staff/admin/subjects/new</c> (<c>?parentId=</c> for a sub-subject): adds an active subject at the end of its
/// siblings. Sub-subjects have no sub-subjects of their own.
/// </summary>
[NoStore]
public class CreateModel(HajDeskDbContext db, AuditLog audit) : PageModel, ISubjectFields
{
    [BindProperty(SupportsGet = true)]
    public int? ParentId { get; set; }

    [BindProperty]
    public string? Name { get; set; }

    [BindProperty]
    public string? ResponseDays { get; set; }

    [BindProperty]
    public bool AttachmentRequired { get; set; }

    public List<Subject> Mains { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        if (ParentId is not null && Mains.All(m => m.Id != ParentId))
        {
            return NotFound();
        }

        ResponseDays = Subject.DefaultResponseDays.ToString(CultureInfo.InvariantCulture);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        var parent = ParentId is null ? null : Mains.FirstOrDefault(m => m.Id == ParentId);
        if (ParentId is not null && parent is null)
        {
            ModelState.AddModelError(nameof(ParentId), "موضوع اصلی برگزیده پیدا نشد.");
        }

        var name = SubjectAdmin.NormalizeName(Name);
        if (await SubjectAdmin.CheckNameAsync(db, name, ParentId, null, cancellationToken) is { } nameError)
        {
            ModelState.AddModelError(nameof(Name), nameError);
        }

        if (!SubjectAdmin.TryReadResponseDays(ResponseDays, out var days, out var daysError))
        {
            ModelState.AddModelError(nameof(ResponseDays), daysError!);
        }

        if (ModelState.ErrorCount > 0)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var parentId = ParentId;
        var order = await db.Subjects.Where(s => s.ParentId == parentId).MaxAsync(s => (int?)s.DisplayOrder, cancellationToken) ?? 0;
        var subject = new Subject
        {
            Name = name,
            ParentId = parentId,
            DisplayOrder = order + 1,
            ResponseDays = days,
            AttachmentRequired = AttachmentRequired,
            IsActive = true,
        };
        db.Subjects.Add(subject);
        audit.Add(AuditActions.SubjectCreate, null, SubjectAdmin.Describe(subject, parent?.Name));
        await db.SaveChangesAsync(cancellationToken);
        this.Flash("موضوع افزوده شد.");
        return RedirectToPage("Index", null, $"subject-{subject.Id}");
    }

    private async Task LoadAsync(CancellationToken cancellationToken) =>
        Mains = await db.Subjects.AsNoTracking().Where(s => s.ParentId == null)
            .OrderBy(s => s.DisplayOrder).ThenBy(s => s.Id).ToListAsync(cancellationToken);
}

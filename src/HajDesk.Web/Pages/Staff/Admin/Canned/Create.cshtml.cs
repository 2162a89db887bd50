using HajDesk.Core.Data;
using HajDesk.Core.Staff;
using HajDesk.Web.Infrastructure;
using HajDesk.Web.Staff;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HajDesk.Web.Pages.Staff.Admin.Canned;

/// <summary><c>/staff/admin/canned/new</c>: adds an active canned answer.</summary>
[NoStore]
public class CreateModel(HajDeskDbContext db, AuditLog audit) : PageModel, ICannedFields
{
    [BindProperty]
    public string? Title { get; set; }

    [BindProperty]
    public string? Text { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        ModelState.Clear();
        var (title, text) = await CannedAdmin.ValidateAsync(db, ModelState, Title, Text, null, cancellationToken);
        if (ModelState.ErrorCount > 0)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var item = new CannedAnswer { Title = title, Text = text, IsActive = true };
        db.CannedAnswers.Add(item);
        audit.Add(AuditActions.CannedCreate, null, $"«{title}»");
        await db.SaveChangesAsync(cancellationToken);
        this.Flash("پاسخ آماده افزوده شد.");
        return RedirectToPage("Index", null, $"canned-{item.Id}");
    }
}

using HajDesk.Core.Data;
using HajDesk.Core.Staff;
using HajDesk.Web.Infrastructure;
using HajDesk.Web.Infrastructure.Concurrency;
using HajDesk.Web.Staff;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace HajDesk.Web.Pages.Staff.Admin.Canned;

/// <summary>
/// <c>/staff/admin/canned/{id}</c>: edits a canned answer's title and text. Answers already sent keep the text they
/// were sent with (the template's text is copied into the answer). The form carries the answer's version; a stale
/// form gets the one conflict response (<see cref="EditConflictFilter"/>).
/// </summary>
[NoStore]
public class EditModel(HajDeskDbContext db, AdminEdit edit) : PageModel, ICannedFields, IEditConflictPage
{
    [BindProperty]
    public string? Title { get; set; }

    [BindProperty]
    public string? Text { get; set; }

    [BindProperty]
    public int Version { get; set; }

    public CannedAnswer Item { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        Title = Item.Title;
        Text = Item.Text;
        return Page();
    }

    public Task<IActionResult> OnPostAsync(int id, CancellationToken cancellationToken)
    {
        ModelState.Clear();
        return edit.RunAsync(this, db.CannedAnswers, c => c.Id == id, Version,
            async item =>
            {
                var (title, text) = await CannedAdmin.ValidateAsync(db, ModelState, Title, Text, id, cancellationToken);
                if (ModelState.ErrorCount > 0 || (item.Title == title && item.Text == text))
                {
                    return null;
                }

                var details = item.Title == title ? $"«{title}»: متن تغییر کرد" : $"«{item.Title}» ← «{title}»" + (item.Text == text ? null : "؛ متن تغییر کرد");
                item.Title = title;
                item.Text = text;
                return new AdminChange(AuditActions.CannedUpdate, details);
            },
            "پاسخ آماده ذخیره شد.", _ => RedirectToPage("Index", null, $"canned-{id}"), cancellationToken, found: item => Item = item);
    }

    public Task<bool> ReloadAfterConflictAsync(CancellationToken cancellationToken) =>
        LoadAsync(Item.Id, cancellationToken);

    private async Task<bool> LoadAsync(int id, CancellationToken cancellationToken)
    {
        var item = await db.CannedAnswers.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (item is null)
        {
            return false;
        }

        Item = item;
        Version = item.Version;
        return true;
    }
}

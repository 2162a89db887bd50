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
/// <c>/staff/admin/canned</c>: the canned answers, active and inactive, with activate/deactivate buttons. Only active
/// ones are offered above the answer box of the request page.
/// </summary>
[NoStore]
public class IndexModel(HajDeskDbContext db, AdminEdit edit) : PageModel, IEditConflictPage
{
    [BindProperty]
    public int Id { get; set; }

    [BindProperty]
    public int Version { get; set; }

    public List<CannedAnswer> Items { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Items = await db.CannedAnswers.AsNoTracking().OrderByDescending(c => c.IsActive).ThenBy(c => c.Title).ToListAsync(cancellationToken);

    public async Task<bool> ReloadAfterConflictAsync(CancellationToken cancellationToken)
    {
        await OnGetAsync(cancellationToken);
        return true;
    }

    public Task<IActionResult> OnPostActivateAsync(CancellationToken cancellationToken) => SetActiveAsync(true, cancellationToken);

    public Task<IActionResult> OnPostDeactivateAsync(CancellationToken cancellationToken) => SetActiveAsync(false, cancellationToken);

    private Task<IActionResult> SetActiveAsync(bool active, CancellationToken cancellationToken) =>
        edit.RunAsync(this, db.CannedAnswers, c => c.Id == Id, Version,
            item => AdminEdit.Switch(item.IsActive, active, value => item.IsActive = value,
                AuditActions.CannedActivate, AuditActions.CannedDeactivate, $"«{item.Title}»"),
            active
                ? "پاسخ آماده فعال شد و به کارشناسان پیشنهاد می‌شود."
                : "پاسخ آماده غیرفعال شد و دیگر به کارشناسان پیشنهاد نمی‌شود.",
            item => RedirectToPage("Index", null, $"canned-{item.Id}"), cancellationToken);
}

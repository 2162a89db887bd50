using HajDesk.Core.ApiKeys;
using HajDesk.Core.Data;
using HajDesk.Web.Infrastructure;
using HajDesk.Web.Infrastructure.Concurrency;
using HajDesk.Web.Staff;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace HajDesk.Web.Pages.Staff.Admin.ApiKeys;

/// <summary>
/// <c>/staff/admin/api-keys</c>: the Open311 API keys, active and revoked; issue a named key (shown once, on the
/// answer to the form, and never again) and revoke one. Only the key's hash is stored.
/// </summary>
[NoStore]
public class IndexModel(HajDeskDbContext db, ApiKeyService keys, AuditLog audit, TimeProvider time) : PageModel, IEditConflictPage
{
    [BindProperty]
    public string? Name { get; set; }

    [BindProperty]
    public int Id { get; set; }

    [BindProperty]
    public int Version { get; set; }

    public List<ApiKey> Items { get; private set; } = [];

    /// <summary>The key just issued, shown on this one answer only.</summary>
    public string? NewKey { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Items = await db.ApiKeys.AsNoTracking().OrderBy(k => k.RevokedAt != null).ThenByDescending(k => k.CreatedAt).ToListAsync(cancellationToken);

    public async Task<bool> ReloadAfterConflictAsync(CancellationToken cancellationToken)
    {
        await OnGetAsync(cancellationToken);
        return true;
    }

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken cancellationToken)
    {
        ModelState.Clear();
        var (name, error) = ApiKeyService.CheckName(Name);
        if (error is not null)
        {
            ModelState.AddModelError(nameof(Name), error);
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
        else
        {
            var (row, key) = keys.Issue(name, User.Identity?.Name);
            audit.Add(AuditActions.ApiKeyCreate, null, $"«{row.Name}» ({row.Prefix}…)");
            await db.SaveChangesAsync(cancellationToken);
            NewKey = key;
            Name = null;
        }

        await OnGetAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(CancellationToken cancellationToken)
    {
        var key = await db.ApiKeys.FirstOrDefaultAsync(k => k.Id == Id, cancellationToken);
        if (key is null)
        {
            return NotFound();
        }

        db.ExpectVersion(key, Version);
        if (key.IsActive)
        {
            key.RevokedAt = time.GetUtcNow().UtcDateTime;
            audit.Add(AuditActions.ApiKeyRevoke, null, $"«{key.Name}» ({key.Prefix}…)");
            await db.SaveChangesAsync(cancellationToken);
        }

        this.Flash("کلید باطل شد؛ از این پس هر فراخوانی با آن پاسخ ۴۰۳ می‌گیرد.");
        return RedirectToPage("Index", null, $"api-key-{key.Id}");
    }
}

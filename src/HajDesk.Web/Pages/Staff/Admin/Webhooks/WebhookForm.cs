using HajDesk.Core.Data;
using HajDesk.Core.Reference;
using HajDesk.Core.Webhooks;
using HajDesk.Web.Webhooks;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace HajDesk.Web.Pages.Staff.Admin.Webhooks;

/// <summary>The fields of a subscriber's form, shared by the list page (register) and a subscriber's page (change).</summary>
public abstract class WebhookForm(HajDeskDbContext db, WebhookAdmin admin) : PageModel
{
    [BindProperty]
    public string? Name { get; set; }

    [BindProperty]
    public string? Address { get; set; }

    [BindProperty]
    public List<WebhookEvent> Events { get; set; } = [];

    [BindProperty]
    public bool AllProvinces { get; set; }

    [BindProperty]
    public List<int> ProvinceIds { get; set; } = [];

    public IReadOnlyList<Province> Provinces { get; private set; } = [];

    protected WebhookAdmin Admin => admin;

    protected HajDeskDbContext Db => db;

    protected async Task LoadProvincesAsync(CancellationToken cancellationToken) =>
        Provinces = await db.Provinces.AsNoTracking().OrderBy(p => p.DisplayOrder).ToListAsync(cancellationToken);

    /// <summary>The form as typed; with its errors in the model state (400) when some field is wrong.</summary>
    protected async Task<WebhookInput?> CheckAsync(bool isActive, CancellationToken cancellationToken)
    {
        ModelState.Clear();
        var input = new WebhookInput(Name, Address, Events, AllProvinces, ProvinceIds, isActive);
        foreach (var (field, error) in await admin.CheckAsync(input, cancellationToken))
        {
            ModelState.AddModelError(field, error);
        }

        if (ModelState.ErrorCount == 0)
        {
            return input;
        }

        Response.StatusCode = StatusCodes.Status400BadRequest;
        return null;
    }
}

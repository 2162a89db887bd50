using HajDesk.Core.Data;
using HajDesk.Core.Webhooks;
using HajDesk.Web.Infrastructure;
using HajDesk.Web.Infrastructure.Concurrency;
using HajDesk.Web.Webhooks;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace HajDesk.Web.Pages.Staff.Admin.Webhooks;

/// <summary>
/// <c>/staff/admin/webhooks/{id}</c>: one subscriber — change its address, events, provinces or turn it off; give
/// it a new signing secret (shown once); and its delivery log (the latest <see cref="WebhookAdmin.LogSize"/>).
/// </summary>
[NoStore]
public class ShowModel(HajDeskDbContext db, WebhookAdmin admin) : WebhookForm(db, admin), IEditConflictPage
{
    [BindProperty]
    public bool IsActive { get; set; }

    [BindProperty]
    public int Version { get; set; }

    private int subscriberId;

    public WebhookSubscriber Item { get; private set; } = null!;

    public List<WebhookLogRow> Log { get; private set; } = [];

    /// <summary>The secret just made, shown on this one answer only.</summary>
    public string? NewSecret { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        (Name, Address, AllProvinces, IsActive, Version) = (Item.Name, Item.Url, Item.AllProvinces, Item.IsActive, Item.Version);
        Events = [.. WebhookEventText.All.Where(Item.Wants)];
        ProvinceIds = [.. Item.Provinces.Select(p => p.ProvinceId)];
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken cancellationToken)
    {
        subscriberId = id;
        var item = await Db.WebhookSubscribers.Include(s => s.Provinces).FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (item is null)
        {
            return NotFound();
        }

        Db.ExpectVersion(item, Version);
        if (await CheckAsync(IsActive, cancellationToken) is not { } input)
        {
            await LoadAsync(id, cancellationToken);
            return Page();
        }

        await Admin.UpdateAsync(item, input, cancellationToken);
        this.Flash("تغییرها ذخیره شد.");
        return RedirectToPage("Show", new { id });
    }

    public async Task<IActionResult> OnPostSecretAsync(int id, CancellationToken cancellationToken)
    {
        subscriberId = id;
        var item = await Db.WebhookSubscribers.FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (item is null)
        {
            return NotFound();
        }

        Db.ExpectVersion(item, Version);
        NewSecret = await Admin.NewSecretAsync(item, cancellationToken);
        ModelState.Clear();
        return await OnGetAsync(id, cancellationToken);
    }

    public async Task<bool> ReloadAfterConflictAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(subscriberId, cancellationToken))
        {
            return false;
        }

        Version = Item.Version;
        return true;
    }

    private async Task<bool> LoadAsync(int id, CancellationToken cancellationToken)
    {
        var item = await Db.WebhookSubscribers.AsNoTracking().Include(s => s.Provinces).FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (item is null)
        {
            return false;
        }

        Item = item;
        await LoadProvincesAsync(cancellationToken);
        Log = await Admin.LogAsync(id, cancellationToken);
        return true;
    }
}

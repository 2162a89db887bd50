using HajDesk.Core.Data;
using HajDesk.Core.Webhooks;
using HajDesk.Web.Infrastructure;
using HajDesk.Web.Webhooks;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace HajDesk.Web.Pages.Staff.Admin.Webhooks;

/// <summary>
/// <c>/staff/admin/webhooks</c>: the systems told of requests' changes (webhooks), and a form to register one. The
/// signing secret is shown on the answer to that form only.
/// </summary>
[NoStore]
public class IndexModel(HajDeskDbContext db, WebhookAdmin admin) : WebhookForm(db, admin)
{
    public List<WebhookSubscriber> Items { get; private set; } = [];

    /// <summary>Per subscriber: deliveries pending and given up.</summary>
    public Dictionary<int, (int Pending, int Failed)> Counts { get; private set; } = [];

    /// <summary>The secret just made, shown on this one answer only.</summary>
    public string? NewSecret { get; private set; }

    public WebhookSubscriber? Created { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        await LoadProvincesAsync(cancellationToken);
        Items = await Db.WebhookSubscribers.AsNoTracking().Include(s => s.Provinces)
            .OrderByDescending(s => s.IsActive).ThenBy(s => s.Name).ToListAsync(cancellationToken);
        Counts = (await Db.WebhookDeliveries.AsNoTracking().Where(d => d.Status != WebhookDeliveryStatus.Delivered)
                .GroupBy(d => new { d.SubscriberId, d.Status }).Select(g => new { g.Key.SubscriberId, g.Key.Status, Count = g.Count() })
                .ToListAsync(cancellationToken))
            .GroupBy(c => c.SubscriberId)
            .ToDictionary(g => g.Key, g => (
                g.Where(c => c.Status == WebhookDeliveryStatus.Pending).Sum(c => c.Count),
                g.Where(c => c.Status == WebhookDeliveryStatus.Failed).Sum(c => c.Count)));
    }

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken cancellationToken)
    {
        if (await CheckAsync(isActive: true, cancellationToken) is { } input)
        {
            (Created, NewSecret) = await Admin.CreateAsync(input, User.Identity?.Name, cancellationToken);
            (Name, Address, Events, AllProvinces, ProvinceIds) = (null, null, [], false, []);
        }

        await OnGetAsync(cancellationToken);
        return Page();
    }
}

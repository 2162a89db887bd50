using HajDesk.Web.Catalogue;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HajDesk.Web.Pages.Services;

/// <summary>«خدمات و پرسش‌های متداول»: the public catalogue, every active service with its entry and questions.</summary>
public class IndexModel(ServiceCatalogue catalogue) : PageModel
{
    public IReadOnlyList<ServiceEntry> Entries { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => Entries = await catalogue.ListAsync(cancellationToken);
}

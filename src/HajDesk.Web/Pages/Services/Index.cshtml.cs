using System.ComponentModel.DataAnnotations;
using HajDesk.Web.Catalogue;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HajDesk.Web.Pages.Services;

/// <summary>
/// «خدمات و پرسش‌های متداول»: the public catalogue, every active service with its entry and questions, or those
/// matching the words of the search box (a GET form: the catalogue holds no personal data).
/// </summary>
public class IndexModel(ServiceCatalogue catalogue) : PageModel
{
    public const int MaxQueryLength = 100;

    [BindProperty(SupportsGet = true)]
    [Display(Name = "جستجو در خدمات و پرسش‌ها")]
    public string? Q { get; set; }

    public IReadOnlyList<ServiceEntry> Entries { get; private set; } = [];

    /// <summary>Whether words were searched for (the list then shows the matches only).</summary>
    public bool Searching => !string.IsNullOrWhiteSpace(Q);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        if (Q is { Length: > MaxQueryLength })
        {
            Q = Q[..MaxQueryLength];
        }

        Entries = await catalogue.SearchAsync(Q, cancellationToken);
    }
}

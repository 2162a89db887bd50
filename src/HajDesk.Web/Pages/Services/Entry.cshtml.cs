using HajDesk.Web.Catalogue;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HajDesk.Web.Pages.Services;

/// <summary>One catalogue entry by its service code, on screen or as a printable page (<c>?view=print</c>).</summary>
public class EntryModel(ServiceCatalogue catalogue) : PageModel
{
    public ServiceEntry Entry { get; private set; } = null!;

    public bool PrintView { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? code, string? view, CancellationToken cancellationToken)
    {
        if (await catalogue.FindByCodeAsync(code, cancellationToken) is not { } entry)
        {
            return NotFound();
        }

        Entry = entry;
        PrintView = view == "print";
        return Page();
    }
}

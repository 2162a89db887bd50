using HajDesk.Core.Information;
using HajDesk.Web.Information;
using HajDesk.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HajDesk.Web.Pages.Staff.Admin.Information;

/// <summary><c>/staff/admin/information</c>: the two public information pages, whether each shows the default text.</summary>
[NoStore]
public class IndexModel(InformationPageService pages) : PageModel
{
    public List<InformationPage> Pages { get; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        foreach (var key in InformationTexts.Keys)
        {
            Pages.Add(await pages.FindAsync(key, cancellationToken) ?? new InformationPage { Key = key });
        }
    }
}

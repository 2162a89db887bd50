using HajDesk.Core.Information;
using HajDesk.Web.Information;
using HajDesk.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace HajDesk.Web.Pages.Information;

/// <summary>
/// <c>/accessibility</c> (بیانیه دسترس‌پذیری) and <c>/privacy</c> (حریم خصوصی), linked from every page's footer: the
/// administrators' text or the default, with the retention period and the phone line as they are now, drawn as text.
/// </summary>
public class IndexModel(InformationPageService pages, IOptions<OrganizationOptions> organization) : PageModel
{
    public string Key { get; private set; } = string.Empty;

    public string Title => InformationTexts.Title(Key);

    public string Text { get; private set; } = string.Empty;

    public OrganizationOptions Organization => organization.Value;

    public async Task OnGetAsync(string key, CancellationToken cancellationToken)
    {
        Key = key;
        Text = await pages.RenderAsync(key, cancellationToken);
    }
}

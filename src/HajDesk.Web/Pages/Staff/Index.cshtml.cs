using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HajDesk.Web.Pages.Staff;

/// <summary><c>/staff</c> is the inbox.</summary>
public class IndexModel : PageModel
{
    public IActionResult OnGet() => RedirectToPage("/Staff/Inbox/Index");
}

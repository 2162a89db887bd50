using HajDesk.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HajDesk.Web.Pages.Staff.Admin;

/// <summary>
/// <c>/staff/admin</c>: the administration's sections. Every page under <c>Pages/Staff/Admin</c> is for
/// administrators only (<see cref="Web.Staff.StaffPolicies"/>); others get 404.
/// </summary>
[NoStore]
public class IndexModel : PageModel
{
    public void OnGet()
    {
    }
}

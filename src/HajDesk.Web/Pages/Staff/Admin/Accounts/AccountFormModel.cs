using HajDesk.Core.Data;
using HajDesk.Core.Reference;
using HajDesk.Core.Staff;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HajDesk.Web.Pages.Staff.Admin.Accounts;

/// <summary>
/// The fields the create and edit forms of an account share (name, e-mail, role, province, subjects) and the
/// choices they offer; the pages add what is their own (user name and password, or the version and the other forms).
/// </summary>
public abstract class AccountFormModel : PageModel, IAccountFields
{
    [BindProperty]
    public string? DisplayName { get; set; }

    [BindProperty]
    public string? Email { get; set; }

    [BindProperty]
    public StaffRole? Role { get; set; }

    [BindProperty]
    public int? ProvinceId { get; set; }

    [BindProperty]
    public List<int> SubjectIds { get; set; } = [];

    public List<Province> Provinces { get; private set; } = [];

    public List<Subject> MainSubjects { get; private set; } = [];

    /// <summary>Reads the provinces and main subjects the assignment fields offer.</summary>
    protected async Task LoadChoicesAsync(HajDeskDbContext db, CancellationToken cancellationToken)
    {
        Provinces = await AccountAdmin.ProvincesAsync(db, cancellationToken);
        MainSubjects = await AccountAdmin.MainSubjectsAsync(db, cancellationToken);
    }
}

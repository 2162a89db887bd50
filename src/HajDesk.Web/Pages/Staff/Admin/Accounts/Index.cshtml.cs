using HajDesk.Core.Data;
using HajDesk.Core.Reference;
using HajDesk.Core.Staff;
using HajDesk.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace HajDesk.Web.Pages.Staff.Admin.Accounts;

/// <summary><c>/staff/admin/accounts</c>: every staff account, filtered by role and province (a GET form).</summary>
[NoStore]
public class IndexModel(HajDeskDbContext db, TimeProvider time) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public StaffRole? Role { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? Province { get; set; }

    public List<AccountRow> Rows { get; } = [];

    public List<Province> Provinces { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Provinces = await AccountAdmin.ProvincesAsync(db, cancellationToken);
        var subjectNames = await db.Subjects.AsNoTracking().Where(s => s.ParentId == null)
            .ToDictionaryAsync(s => s.Id, s => s.Name, cancellationToken);
        var query = db.Users.AsNoTracking();
        if (Role is StaffRole role)
        {
            query = query.Where(u => u.Role == role);
        }

        if (Province is int province)
        {
            query = query.Where(u => u.ProvinceId == province);
        }

        var now = time.GetUtcNow();
        var users = await query.OrderBy(u => u.UserName)
            .Select(u => new
            {
                u.Id,
                u.UserName,
                u.DisplayName,
                u.Role,
                u.ProvinceId,
                u.IsDisabled,
                u.TwoFactorEnabled,
                u.LockoutEnd,
                u.DirectoryDn,
                Subjects = u.Subjects.Select(s => s.SubjectId).ToList(),
            })
            .ToListAsync(cancellationToken);
        foreach (var u in users)
        {
            Rows.Add(new AccountRow(
                u.Id,
                u.UserName ?? string.Empty,
                u.DisplayName,
                u.Role,
                Provinces.FirstOrDefault(p => p.Id == u.ProvinceId)?.Name,
                u.Subjects.Select(id => subjectNames.GetValueOrDefault(id, "?")).ToList(),
                u.IsDisabled,
                u.TwoFactorEnabled,
                u.LockoutEnd > now)
            {
                IsDirectoryAccount = u.DirectoryDn != null,
            });
        }
    }
}

/// <summary>One line of the staff list.</summary>
public sealed record AccountRow(
    string Id, string UserName, string DisplayName, StaffRole Role, string? ProvinceName, List<string> SubjectNames,
    bool IsDisabled, bool TwoFactorEnabled, bool IsLockedOut)
{
    /// <summary>The account comes from the organisation's directory (no local password; role and scope from its groups).</summary>
    public bool IsDirectoryAccount { get; init; }
}

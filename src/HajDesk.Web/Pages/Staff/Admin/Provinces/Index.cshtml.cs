using HajDesk.Core.Assignment;
using HajDesk.Core.Data;
using HajDesk.Core.Persian;
using HajDesk.Core.Reference;
using HajDesk.Web.Infrastructure;
using HajDesk.Web.Infrastructure.Concurrency;
using HajDesk.Web.Staff;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace HajDesk.Web.Pages.Staff.Admin.Provinces;

/// <summary>
/// <c>/staff/admin/provinces</c>: the 31 provinces, each with a small form for its display name, landline area
/// code and automatic assignment of new requests. Provinces are never added or deleted (they come from the seed file and requests refer to them).
/// </summary>
/// <remarks>
/// Each form posts one entry of <see cref="Rows"/>, keyed by the province's id, with the version it showed; a stale
/// form gets the one conflict response (<see cref="EditConflictFilter"/>) with the typed values kept.
/// </remarks>
[NoStore]
public class IndexModel(HajDeskDbContext db, AuditLog audit) : PageModel, IEditConflictPage
{
    /// <summary>Each province's form, by province id; a post carries exactly one.</summary>
    [BindProperty]
    public Dictionary<int, ProvinceInput> Rows { get; set; } = [];

    public List<Province> Provinces { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (Rows.Count != 1)
        {
            return BadRequest();
        }

        var (id, input) = Rows.Single();
        var province = await db.Provinces.FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (province is null)
        {
            return NotFound();
        }

        db.ExpectVersion(province, input.Version);
        var name = PersianText.NormalizeText(input.Name).Replace('\n', ' ');
        if (name.Length == 0)
        {
            ModelState.AddModelError<IndexModel>(m => m.Rows[id].Name, "نام استان را بنویسید.");
        }
        else if (name.Length > Province.MaxNameLength)
        {
            ModelState.AddModelError<IndexModel>(m => m.Rows[id].Name,
                $"نام استان باید حداکثر {PersianText.ToPersianDigits(Province.MaxNameLength.ToString(System.Globalization.CultureInfo.InvariantCulture))} نویسه باشد.");
        }
        else if (await db.Provinces.AnyAsync(p => p.Name == name && p.Id != id, cancellationToken))
        {
            ModelState.AddModelError<IndexModel>(m => m.Rows[id].Name, $"استان دیگری با نام «{name}» هست.");
        }

        var areaCode = PersianText.NormalizeNumeric(input.AreaCode);
        if (!IsAreaCode(areaCode))
        {
            ModelState.AddModelError<IndexModel>(m => m.Rows[id].AreaCode, "پیش‌شماره باید سه رقم باشد و با ۰ آغاز شود، مانند ۰۲۱.");
        }

        if (ModelState.ErrorCount > 0)
        {
            db.ChangeTracker.Clear();
            await LoadAsync(cancellationToken);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var changes = new List<string>();
        if (name != province.Name)
        {
            changes.Add($"نام: «{province.Name}» ← «{name}»");
        }

        if (areaCode != province.AreaCode)
        {
            changes.Add($"پیش‌شماره: {province.AreaCode} ← {areaCode}");
        }

        var assignment = input.Assignment is { } mode && Enum.IsDefined(mode) ? mode : province.AssignmentMode;
        if (assignment != province.AssignmentMode)
        {
            changes.Add($"واگذاری خودکار: {province.AssignmentMode.ToPersian()} ← {assignment.ToPersian()}");
        }

        if (changes.Count > 0)
        {
            province.Name = name;
            province.AreaCode = areaCode;
            province.AssignmentMode = assignment;
            audit.Add(AuditActions.ProvinceUpdate, null, $"استان {province.EnglishName}: " + string.Join("؛ ", changes));
            await db.SaveChangesAsync(cancellationToken);
        }

        this.Flash("استان ذخیره شد.");
        return RedirectToPage("Index", null, $"province-{id}");
    }

    public async Task<bool> ReloadAfterConflictAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        return true;
    }

    /// <summary>Three ASCII digits starting with 0 (after <see cref="PersianText.NormalizeNumeric"/>).</summary>
    public static bool IsAreaCode(string value) =>
        value.Length == 3 && value[0] == '0' && value.All(char.IsAsciiDigit);

    /// <summary>
    /// Loads every province; a form that was posted keeps what was typed into it, with the province's current
    /// version (so sending it again after a conflict works).
    /// </summary>
    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Provinces = await db.Provinces.AsNoTracking().OrderBy(p => p.DisplayOrder).ThenBy(p => p.Id).ToListAsync(cancellationToken);
        foreach (var p in Provinces)
        {
            if (Rows.TryGetValue(p.Id, out var typed))
            {
                typed.Version = p.Version;
            }
            else
            {
                Rows[p.Id] = new ProvinceInput { Name = p.Name, AreaCode = p.AreaCode, Assignment = p.AssignmentMode, Version = p.Version };
            }
        }
    }
}

/// <summary>One province's form.</summary>
public sealed class ProvinceInput
{
    public string? Name { get; set; }

    public string? AreaCode { get; set; }

    /// <summary>Automatic assignment of the province's new requests.</summary>
    public AssignmentMode? Assignment { get; set; }

    public int Version { get; set; }
}

using HajDesk.Core.Data;
using HajDesk.Core.Persian;
using HajDesk.Core.Reference;
using HajDesk.Web.Infrastructure;
using HajDesk.Web.Staff;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace HajDesk.Web.Pages.Staff.Admin.Provinces;

/// <summary>
/// <c>/staff/admin/provinces</c>: the 31 provinces, each with a small form for its display name and landline area
/// code. Provinces are never added or deleted (they come from the seed file and requests refer to them).
/// </summary>
/// <remarks>
/// Each form carries the name and area code it showed; if the row changed meanwhile the save is refused (409) with
/// the current values shown and the typed ones kept.
/// </remarks>
[NoStore]
public class IndexModel(HajDeskDbContext db, AuditLog audit) : PageModel
{
    public const int MaxNameLength = 60;

    public const string ConflictMessage =
        "این استان هم‌زمان توسط همکار دیگری تغییر کرده است. مقدارهای تازه در زیر آمده است و آنچه نوشته بودید در فرم مانده است؛ اگر هنوز لازم است، دوباره ذخیره کنید.";

    [BindProperty]
    public int Id { get; set; }

    [BindProperty]
    public string? Name { get; set; }

    [BindProperty]
    public string? AreaCode { get; set; }

    [BindProperty]
    public string? OriginalName { get; set; }

    [BindProperty]
    public string? OriginalAreaCode { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Done { get; set; }

    public List<Province> Provinces { get; private set; } = [];

    /// <summary>The province whose form was posted and failed (its typed values are shown).</summary>
    public int? FailedId { get; private set; }

    public bool Conflict { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var province = await db.Provinces.FirstOrDefaultAsync(p => p.Id == Id, cancellationToken);
        if (province is null)
        {
            return NotFound();
        }

        if (province.Name != OriginalName || province.AreaCode != OriginalAreaCode)
        {
            Conflict = true;
            return await RedisplayAsync(StatusCodes.Status409Conflict, cancellationToken);
        }

        var name = PersianText.NormalizeText(Name).Replace('\n', ' ');
        if (name.Length == 0)
        {
            ModelState.AddModelError(nameof(Name), "نام استان را بنویسید.");
        }
        else if (name.Length > MaxNameLength)
        {
            ModelState.AddModelError(nameof(Name), "نام استان باید حداکثر ۶۰ نویسه باشد.");
        }
        else if (await db.Provinces.AnyAsync(p => p.Name == name && p.Id != Id, cancellationToken))
        {
            ModelState.AddModelError(nameof(Name), $"استان دیگری با نام «{name}» هست.");
        }

        var areaCode = PersianText.NormalizeNumeric(AreaCode);
        if (!IsAreaCode(areaCode))
        {
            ModelState.AddModelError(nameof(AreaCode), "پیش‌شماره باید سه رقم باشد و با ۰ آغاز شود، مانند ۰۲۱.");
        }

        if (ModelState.ErrorCount > 0)
        {
            return await RedisplayAsync(StatusCodes.Status400BadRequest, cancellationToken);
        }

        if (name == province.Name && areaCode == province.AreaCode)
        {
            return Redirect($"/staff/admin/provinces?done=saved#province-{Id}");
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

        // Guarded: the UPDATE only applies while the row still has the values the form showed.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var id = Id;
        var (originalName, originalCode) = (province.Name, province.AreaCode);
        var locked = await db.Provinces.Where(p => p.Id == id && p.Name == originalName && p.AreaCode == originalCode)
            .ExecuteUpdateAsync(u => u.SetProperty(p => p.Name, p => p.Name), cancellationToken);
        if (locked != 1)
        {
            await transaction.RollbackAsync(cancellationToken);
            Conflict = true;
            return await RedisplayAsync(StatusCodes.Status409Conflict, cancellationToken);
        }

        province.Name = name;
        province.AreaCode = areaCode;
        audit.Add(AdminAuditActions.ProvinceUpdate, null, $"استان {province.EnglishName}: " + string.Join("؛ ", changes));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Redirect($"/staff/admin/provinces?done=saved#province-{Id}");
    }

    /// <summary>Three ASCII digits starting with 0 (after <see cref="PersianText.NormalizeNumeric"/>).</summary>
    public static bool IsAreaCode(string value) =>
        value.Length == 3 && value[0] == '0' && value.All(char.IsAsciiDigit);

    private async Task<IActionResult> RedisplayAsync(int status, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        FailedId = Id;
        await LoadAsync(cancellationToken);
        Response.StatusCode = status;
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken) =>
        Provinces = await db.Provinces.AsNoTracking().OrderBy(p => p.DisplayOrder).ThenBy(p => p.Id).ToListAsync(cancellationToken);
}

using System.Globalization;
using HajDesk.Core.Data;
using HajDesk.Core.Escalation;
using HajDesk.Core.Persian;
using HajDesk.Core.Reference;
using HajDesk.Web.Escalation;
using HajDesk.Web.Infrastructure;
using HajDesk.Web.Infrastructure.Concurrency;
using HajDesk.Web.Staff;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace HajDesk.Web.Pages.Staff.Admin.Escalation;

/// <summary>
/// <c>/staff/admin/calendar/escalation</c>: the national escalation thresholds (settings) and each province's own,
/// one small form per province; «کشوری» removes a province's override.
/// </summary>
[NoStore]
public class IndexModel(HajDeskDbContext db, AuditLog audit, EscalationRules rules, TimeProvider time) : PageModel, IEditConflictPage
{
    public static readonly string DaysOutOfRange =
        $"عددی از ۰ تا {PersianText.ToPersianDigits(EscalationSetting.MaxDays.ToString(CultureInfo.InvariantCulture))} بنویسید.";

    [BindProperty]
    public Dictionary<int, EscalationInput> Rows { get; set; } = [];

    public EscalationThresholds National => rules.National;

    public List<Province> Provinces { get; private set; } = [];

    public Dictionary<int, EscalationThresholds> InEffect { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<bool> ReloadAfterConflictAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        return true;
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (Rows.Count != 1 || await db.Provinces.AsNoTracking().FirstOrDefaultAsync(p => p.Id == Rows.Keys.First(), cancellationToken) is not { } province)
        {
            return BadRequest();
        }

        var (id, input) = Rows.Single();
        var warn = Days(input.WarnDaysBefore, 0);
        var admins = Days(input.AdministratorsAfterDays, 1);
        if (warn is null)
        {
            ModelState.AddModelError<IndexModel>(m => m.Rows[id].WarnDaysBefore, DaysOutOfRange);
        }

        if (admins is null)
        {
            ModelState.AddModelError<IndexModel>(m => m.Rows[id].AdministratorsAfterDays, DaysOutOfRange.Replace("۰ تا", "۱ تا", StringComparison.Ordinal));
        }

        if (ModelState.ErrorCount > 0)
        {
            await LoadAsync(cancellationToken);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var setting = await db.EscalationSettings.FirstOrDefaultAsync(s => s.ProvinceId == id, cancellationToken);
        if (setting is null)
        {
            setting = new EscalationSetting { ProvinceId = id };
            db.EscalationSettings.Add(setting);
        }
        else
        {
            db.ExpectVersion(setting, input.Version);
        }

        setting.WarnDaysBefore = warn!.Value;
        setting.AdministratorsAfterDays = admins!.Value;
        setting.UpdatedAt = time.GetUtcNow().UtcDateTime;
        audit.Add(AuditActions.EscalationUpdate, null, $"استان {province.EnglishName}: هشدار {warn} روز کاری پیش از مهلت، مدیران {admins} روز کاری پس از آن");
        await db.SaveChangesAsync(cancellationToken);
        this.Flash("آستانه‌های استان ذخیره شد.");
        return RedirectToPage("Index", null, $"province-{id}");
    }

    public async Task<IActionResult> OnPostResetAsync(CancellationToken cancellationToken)
    {
        if (Rows.Count != 1)
        {
            return BadRequest();
        }

        var (id, input) = Rows.Single();
        var setting = await db.EscalationSettings.FirstOrDefaultAsync(s => s.ProvinceId == id, cancellationToken);
        if (setting is not null)
        {
            db.ExpectVersion(setting, input.Version);
            db.EscalationSettings.Remove(setting);
            audit.Add(AuditActions.EscalationReset, null, $"استان {id}");
            await db.SaveChangesAsync(cancellationToken);
        }

        this.Flash("استان به آستانه‌های کشوری بازگشت.");
        return RedirectToPage("Index", null, $"province-{id}");
    }

    private static int? Days(string? typed, int min) =>
        int.TryParse(PersianText.NormalizeNumeric(typed), NumberStyles.None, CultureInfo.InvariantCulture, out var days)
        && days >= min && days <= EscalationSetting.MaxDays ? days : null;

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Provinces = await db.Provinces.AsNoTracking().OrderBy(p => p.DisplayOrder).ThenBy(p => p.Id).ToListAsync(cancellationToken);
        InEffect = await rules.ByProvinceAsync(cancellationToken);
        var versions = await db.EscalationSettings.AsNoTracking().ToDictionaryAsync(s => s.ProvinceId, s => s.Version, cancellationToken);
        foreach (var p in Provinces)
        {
            var version = versions.GetValueOrDefault(p.Id);
            if (Rows.TryGetValue(p.Id, out var typed))
            {
                typed.Version = version;
                continue;
            }

            var t = InEffect[p.Id];
            Rows[p.Id] = new EscalationInput
            {
                WarnDaysBefore = PersianText.ToPersianDigits(t.WarnDaysBefore.ToString(CultureInfo.InvariantCulture)),
                AdministratorsAfterDays = PersianText.ToPersianDigits(t.AdministratorsAfterDays.ToString(CultureInfo.InvariantCulture)),
                Version = version,
            };
        }
    }
}

/// <summary>One province's escalation form: day counts as typed (any digits).</summary>
public sealed class EscalationInput
{
    public string? WarnDaysBefore { get; set; }

    public string? AdministratorsAfterDays { get; set; }

    public int Version { get; set; }
}

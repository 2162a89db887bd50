using System.Globalization;
using HajDesk.Core.Audit;
using HajDesk.Core.Data;
using HajDesk.Core.Persian;
using HajDesk.Core.Retention;
using HajDesk.Web.Infrastructure;
using HajDesk.Web.Infrastructure.Concurrency;
using HajDesk.Web.Infrastructure.Forms;
using HajDesk.Web.Staff;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace HajDesk.Web.Pages.Staff.Admin.Retention;

/// <summary>
/// <c>/staff/admin/retention</c> (نگهداری داده‌ها): the months after closing at which requests are anonymised (off
/// by default), a dry run of what a period would change, a run now, and the last runs from the audit log.
/// </summary>
[NoStore]
public class IndexModel(HajDeskDbContext db, RetentionService retention, AuditLog audit, TimeProvider time) : PageModel, IEditConflictPage
{
    /// <summary>The most batches «اجرای اکنون» runs in one page request; the background service does the rest.</summary>
    public const int MaxBatchesPerClick = 25;

    /// <summary>The period as typed (any digits); empty turns retention off.</summary>
    [BindProperty]
    public string? Months { get; set; }

    [BindProperty]
    public int Version { get; set; }

    public RetentionSettings Settings { get; private set; } = new();

    /// <summary>The dry run's result, for the period typed.</summary>
    public RetentionPreview? Preview { get; private set; }

    public int? PreviewMonths { get; private set; }

    public List<AuditEntry> Runs { get; private set; } = [];

    public ErrorSummary Summary { get; } = new([nameof(Months)]);

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<bool> ReloadAfterConflictAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        return true;
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var (months, error) = RetentionRules.ParseMonths(Months, allowEmpty: true);
        if (error is not null)
        {
            return await InvalidAsync(error, cancellationToken);
        }

        var settings = await db.RetentionSettings.FirstOrDefaultAsync(cancellationToken);
        if (settings is null)
        {
            settings = new RetentionSettings();
            db.RetentionSettings.Add(settings);
        }
        else
        {
            db.ExpectVersion(settings, Version);
        }

        if (settings.Months != months || db.Entry(settings).State == EntityState.Added)
        {
            audit.Add(AuditActions.RetentionUpdate, null, $"{Describe(settings.Months)} → {Describe(months)}");
            settings.Months = months;
            settings.UpdatedAt = time.GetUtcNow().UtcDateTime;
            await db.SaveChangesAsync(cancellationToken);
        }

        this.Flash("دوره نگهداری ذخیره شد.");
        return RedirectToPage("Index", null, "flash");
    }

    public async Task<IActionResult> OnPostPreviewAsync(CancellationToken cancellationToken)
    {
        var (months, error) = RetentionRules.ParseMonths(Months, allowEmpty: false);
        if (error is not null)
        {
            return await InvalidAsync(error, cancellationToken);
        }

        PreviewMonths = months;
        Preview = await retention.PreviewAsync(months!.Value, cancellationToken);
        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostRunAsync(CancellationToken cancellationToken)
    {
        var actor = new RetentionActor(User.UserId(), User.Identity?.Name ?? "?", HttpContext.Connection.RemoteIpAddress?.ToString());
        var result = await retention.RunAsync(actor, maxBatches: MaxBatchesPerClick, cancellationToken: cancellationToken);
        this.Flash($"{PersianText.ToPersianDigits(result.Requests.ToString(CultureInfo.InvariantCulture))} درخواست بسته‌شده ناشناس شد.");
        return RedirectToPage("Index", null, "flash");
    }

    /// <summary>A period in Persian words, for the audit row and the page.</summary>
    public static string Describe(int? months) =>
        months is { } m ? $"{PersianText.ToPersianDigits(m.ToString(CultureInfo.InvariantCulture))} ماه پس از بسته شدن" : "خاموش";

    private async Task<PageResult> InvalidAsync(string error, CancellationToken cancellationToken)
    {
        ModelState.AddModelError(nameof(Months), error);
        await LoadAsync(cancellationToken);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Settings = await retention.SettingsAsync(cancellationToken);
        Version = Settings.Version;
        if (Request.Method != HttpMethods.Post)
        {
            Months = Settings.Months is { } m ? PersianText.ToPersianDigits(m.ToString(CultureInfo.InvariantCulture)) : null;
        }

        Runs = await db.AuditEntries.AsNoTracking().Where(a => a.Action == RetentionService.AuditAction)
            .OrderByDescending(a => a.Id).Take(10).ToListAsync(cancellationToken);
    }
}

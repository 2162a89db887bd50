using System.Globalization;
using HajDesk.Core.Calendar;
using HajDesk.Core.Persian;
using HajDesk.Web.Infrastructure;
using HajDesk.Web.Infrastructure.Concurrency;
using HajDesk.Web.Infrastructure.Forms;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HajDesk.Web.Pages.Staff.Admin.Calendar;

/// <summary>
/// <c>/staff/admin/calendar</c> (تقویم کاری): whether Thursday is a working day, the official holidays (added one
/// by one, uploaded as CSV, deleted) and the next working days they give. Every change is audited, and the open
/// requests' due dates are recomputed — later only — at once.
/// </summary>
[NoStore]
public class IndexModel(CalendarAdmin admin, TimeProvider time) : PageModel, IEditConflictPage
{
    /// <summary>How many upcoming working days the page lists.</summary>
    public const int NextDaysShown = 10;

    /// <summary>The largest CSV accepted: far more than a few years of holidays.</summary>
    public const long MaxCsvBytes = 64 * 1024;

    [BindProperty]
    public HolidayInput Input { get; set; } = new();

    [BindProperty]
    public IFormFile? CsvFile { get; set; }

    [BindProperty]
    public bool ThursdayIsWorkingDay { get; set; }

    [BindProperty]
    public int Id { get; set; }

    [BindProperty]
    public int Version { get; set; }

    public CalendarSettings Settings { get; private set; } = new();

    public List<Holiday> Holidays { get; private set; } = [];

    public IReadOnlyList<DateOnly> NextWorkingDays { get; private set; } = [];

    /// <summary>The CSV's bad lines, listed below the upload field as well as in the summary.</summary>
    public List<string> CsvErrors { get; } = [];

    public ErrorSummary Summary => new(
        [$"{nameof(Input)}.{nameof(HolidayInput.Date)}", $"{nameof(Input)}.{nameof(HolidayInput.Title)}", nameof(CsvFile)],
        CsvErrors.Select((_, i) => $"{nameof(CsvFile)}.{i}").ToDictionary(k => k, _ => "CsvFile"));

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<bool> ReloadAfterConflictAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        return true;
    }

    public async Task<IActionResult> OnPostWeekAsync(CancellationToken cancellationToken) =>
        Finished("روزهای کاری هفته ذخیره شد.", await admin.SetThursdayAsync(ThursdayIsWorkingDay, Version, cancellationToken));

    public async Task<IActionResult> OnPostAddAsync(CancellationToken cancellationToken)
    {
        var (entry, dateError, titleError) = HolidayRules.Check(Input.Date, Input.Title);
        if (entry is not null && await admin.ExistsAsync(entry.Date, cancellationToken))
        {
            dateError = HolidayRules.Duplicate;
        }

        if (dateError is not null)
        {
            ModelState.AddModelError<IndexModel>(m => m.Input.Date, dateError);
        }

        if (titleError is not null)
        {
            ModelState.AddModelError<IndexModel>(m => m.Input.Title, titleError);
        }

        if (ModelState.ErrorCount > 0)
        {
            return await InvalidAsync(cancellationToken);
        }

        return Finished("تعطیلی افزوده شد.", await admin.AddAsync([entry!], cancellationToken));
    }

    public async Task<IActionResult> OnPostUploadAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<HolidayEntry> entries = [];
        if (CsvFile is null || CsvFile.Length == 0)
        {
            CsvErrors.Add(HolidayRules.FileEmpty);
        }
        else if (CsvFile.Length > MaxCsvBytes)
        {
            CsvErrors.Add(HolidayRules.FileTooLong);
        }
        else
        {
            using var buffer = new MemoryStream();
            await CsvFile.CopyToAsync(buffer, cancellationToken);
            (entries, var errors) = HolidayRules.ParseCsv(buffer.ToArray());
            CsvErrors.AddRange(errors);
            foreach (var e in entries)
            {
                if (await admin.ExistsAsync(e.Date, cancellationToken))
                {
                    CsvErrors.Add($"{Core.Persian.JalaliDate.FormatNumeric(e.Date)}: {HolidayRules.Duplicate}");
                }
            }
        }

        if (CsvErrors.Count > 0)
        {
            ModelState.AddModelError(nameof(CsvFile), "پرونده پذیرفته نشد و هیچ تعطیلی‌ای از آن افزوده نشد:");
            for (var i = 0; i < CsvErrors.Count; i++)
            {
                ModelState.AddModelError($"{nameof(CsvFile)}.{i}", CsvErrors[i]);
            }

            return await InvalidAsync(cancellationToken);
        }

        return Finished("تعطیلی‌های پرونده افزوده شد.", await admin.AddAsync(entries, cancellationToken));
    }

    public async Task<IActionResult> OnPostDeleteAsync(CancellationToken cancellationToken) =>
        await admin.DeleteAsync(Id, Version, cancellationToken) is { } moved ? Finished("تعطیلی حذف شد.", moved) : NotFound();

    private RedirectToPageResult Finished(string message, int moved)
    {
        this.Flash(message, moved > 0
            ? $"مهلت {PersianText.ToPersianDigits(moved.ToString(CultureInfo.InvariantCulture))} درخواست باز دیرتر شد."
            : null);
        return RedirectToPage("Index", null, "flash");
    }

    private async Task<PageResult> InvalidAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Settings = await admin.SettingsAsync(cancellationToken);
        Holidays = await admin.HolidaysAsync(cancellationToken);
        var calendar = await admin.CurrentAsync(cancellationToken);
        NextWorkingDays = calendar.NextWorkingDays(Core.Persian.JalaliDate.TodayInTehran(time), NextDaysShown);
        if (Request.Method != HttpMethods.Post || ModelState.ErrorCount == 0)
        {
            ThursdayIsWorkingDay = Settings.ThursdayIsWorkingDay;
        }
    }
}

/// <summary>The add-a-holiday form: the date as typed (any digits) and the title.</summary>
public sealed class HolidayInput
{
    public string? Date { get; set; }

    public string? Title { get; set; }
}

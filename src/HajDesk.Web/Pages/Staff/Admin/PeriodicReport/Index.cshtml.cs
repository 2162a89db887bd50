using HajDesk.Core.Persian;
using HajDesk.Core.Reports;
using HajDesk.Web.Exports;
using HajDesk.Web.Infrastructure;
using HajDesk.Web.Staff;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HajDesk.Web.Pages.Staff.Admin.PeriodicReport;

/// <summary>
/// <c>/staff/admin/periodic-report</c> (گزارش دوره‌ای عملکرد): an administrator picks a past Jalali month or half-year
/// and downloads the XLSX the national service-desk rules ask for — by subject and by province: received, answered,
/// on time, average response working days, satisfaction — computed by <see cref="ReportQueries"/>. Audited.
/// </summary>
[NoStore]
public class IndexModel(ReportQueries reports, CurrentStaff currentStaff, TableExport export, TimeProvider time) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Year { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Part { get; set; }

    public void OnGet()
    {
        if (string.IsNullOrEmpty(Year))
        {
            // The last month that has ended: the usual choice.
            var (year, month, _) = JalaliDate.ToJalali(JalaliDate.TodayInTehran(time).AddDays(-JalaliDate.ToJalali(JalaliDate.TodayInTehran(time)).Day));
            Year = PersianText.ToPersianDigits(year.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Part = month.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
    }

    public async Task<IActionResult> OnGetDownloadAsync(CancellationToken cancellationToken)
    {
        var (period, field, error) = ReportPeriod.Parse(Year, Part);
        if (period is not null && !period.IsPast(JalaliDate.TodayInTehran(time)))
        {
            (field, error) = (nameof(Year), ReportPeriod.FutureMessage);
        }

        if (error is not null)
        {
            ModelState.AddModelError(field!, error);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var me = await currentStaff.RequireAsync(cancellationToken);
        if (!await export.TryAcquireAsync(me.Id, cancellationToken))
        {
            return StatusCode(StatusCodes.Status429TooManyRequests);
        }

        var filter = ReportFilter.Parse(me.ToActor(), period!.From, period.To, null, null, null);
        var bySubject = await reports.ComputeAsync(filter, ReportGrouping.Subject, cancellationToken);
        var byProvince = await reports.ComputeAsync(filter, ReportGrouping.Province, cancellationToken);
        await export.SendAsync(HttpContext,
            new ExportRequest(AuditActions.PeriodicReport, period.FileStem, ExportFormat.Xlsx, "دوره: " + period.Name),
            ReportTableExport.Sheet(SubjectSheet, "موضوع", bySubject),
            ReportTableExport.Sheet(ProvinceSheet, "استان", byProvince));
        return new EmptyResult();
    }

    public const string SubjectSheet = "بر پایه موضوع";

    public const string ProvinceSheet = "بر پایه استان";
}

using HajDesk.Core.Data;
using HajDesk.Core.Requests;
using HajDesk.Web.Staff;
using Microsoft.AspNetCore.Mvc;

namespace HajDesk.Web.Exports;

/// <summary>
/// Downloads the inbox's filtered list. The caller passes the requests already narrowed to the staff member's scope
/// (<see cref="StaffScope"/>) and the filters (<see cref="InboxFilter"/>): a supervisor's file holds their province's
/// requests only, whatever the address says. Personal data is in clear for administrators only.
/// </summary>
public sealed class InboxExport(TableExport exports, HajDeskDbContext db)
{
    public const string FileStem = "requests";

    public const string SheetName = "درخواست‌ها";

    public async Task<IActionResult> SendAsync(HttpContext http, StaffMember me, ExportFormat format, InboxFilter filter,
        IQueryable<ServiceRequest> requests, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(me);
        ArgumentNullException.ThrowIfNull(filter);
        if (!await exports.TryAcquireAsync(me.Id, cancellationToken))
        {
            return new StatusCodeResult(StatusCodes.Status429TooManyRequests);
        }

        await exports.SendAsync(http, new ExportRequest(AuditActions.InboxExport, FileStem, format, filter.Describe()),
            ExportSheet.Of(SheetName, RequestExport.Columns(me.IsAdministrator), RequestExport.Rows(requests, db)));
        return new EmptyResult();
    }
}

using HajDesk.Core.Data;
using HajDesk.Web.Infrastructure;
using HajDesk.Web.Staff;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace HajDesk.Web.Pages.Staff.Requests;

/// <summary>
/// Downloads one file of a request in the staff member's scope, always as an attachment (never rendered inline),
/// with the type recognized at upload and the stored display name (RFC 5987 <c>filename*</c>). Audited.
/// </summary>
[NoStore]
public class FileModel(HajDeskDbContext db, StaffScope scope, AuditLog audit) : PageModel
{
    public async Task<IActionResult> OnGetAsync(long id, Guid fileId, CancellationToken cancellationToken)
    {
        if (!await scope.ContainsAsync(id, cancellationToken))
        {
            return NotFound();
        }

        var file = await db.Attachments.AsNoTracking()
            .Where(a => a.Id == fileId && a.RequestId == id)
            .Select(a => new { a.FileName, a.ContentType, a.Content!.Data })
            .FirstOrDefaultAsync(cancellationToken);
        if (file is null)
        {
            return NotFound();
        }

        await audit.WriteAsync(AuditActions.FileDownload, id, $"«{file.FileName}»");
        Response.Headers.XContentTypeOptions = "nosniff";
        // FileContentResult writes Content-Disposition: attachment; filename=...; filename*=UTF-8''...
        return File(file.Data, file.ContentType, file.FileName);
    }
}

using HajDesk.Core.Data;
using HajDesk.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace HajDesk.Web.Pages.Requests.Send;

/// <summary>
/// The green success message with the tracking code (seed item 14) and the printable receipt (item 15), shown only
/// to the browser holding the receipt cookie that sending set.
/// </summary>
[NoStore]
public class ReceiptModel(HajDeskDbContext db, ReceiptCookie receipt) : PageModel
{
    public ReceiptView? Receipt { get; private set; }

    public bool PrintView { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? view, CancellationToken cancellationToken)
    {
        PrintView = view == "print";
        if (receipt.Read(HttpContext.Request) is not { } id)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return Page();
        }

        Receipt = await Find.For(db)(db, id, cancellationToken);
        if (Receipt is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
        }

        return Page();
    }

    // Compiled once per model: every send journey ends here, and an uncompiled query pays for hashing its
    // expression tree on every view.
    private static readonly PerModelQuery<Func<HajDeskDbContext, long, CancellationToken, Task<ReceiptView?>>> Find = new(() =>
        EF.CompileAsyncQuery((HajDeskDbContext db, long id, CancellationToken _) =>
            db.Requests.AsNoTracking().Where(r => r.Id == id).Select(r => new ReceiptView(
                r.TrackingCode,
                r.CreatedAt,
                r.FirstName,
                r.LastName,
                r.NationalCode,
                r.Province!.Name,
                r.Subject!.Name,
                r.SubSubject != null ? r.SubSubject.Name : null,
                r.SubSubject != null ? r.SubSubject.ServiceCode : r.Subject.ServiceCode,
                r.Type,
                r.DueAt,
                r.Attachments.Where(a => a.EventId == null).Select(a => a.FileName).ToList())).FirstOrDefault()));
}

public sealed record ReceiptView(
    string TrackingCode,
    DateTime CreatedAt,
    string FirstName,
    string LastName,
    string NationalCode,
    string Province,
    string Subject,
    string? SubSubject,
    string? ServiceCode,
    HajDesk.Core.Requests.RequestType Type,
    DateTime DueAt,
    List<string> FileNames);

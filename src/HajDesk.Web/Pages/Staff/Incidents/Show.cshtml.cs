using HajDesk.Core.Data;
using HajDesk.Core.Incidents;
using HajDesk.Core.Paging;
using HajDesk.Core.Requests;
using HajDesk.Core.Staff;
using HajDesk.Web.BulkWork;
using HajDesk.Web.Incidents;
using HajDesk.Web.Infrastructure;
using HajDesk.Web.Infrastructure.Concurrency;
using HajDesk.Web.Staff;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace HajDesk.Web.Pages.Staff.Incidents;

/// <summary>
/// One incident: its requests in the reader's scope (counted by status, paged), and for its managers one answer or
/// one closing for every open request in it, and closing the incident itself.
/// </summary>
[NoStore]
public class ShowModel(IncidentWork incidents, HajDeskDbContext db, AuditLog audit) : PageModel
{
    [BindProperty]
    public BulkCommand Command { get; set; } = new();

    [BindProperty]
    public int Version { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? After { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Before { get; set; }

    public Incident Item { get; private set; } = null!;

    public StaffActorView Me { get; private set; } = null!;

    public Dictionary<RequestStatus, int> Counts { get; private set; } = [];

    public KeysetPage<IncidentRequestRow> Requests { get; private set; } = null!;

    public List<CannedAnswer> CannedAnswers { get; private set; } = [];

    /// <summary>The rows of the answer or closing just run.</summary>
    public BulkResult? Result { get; private set; }

    public bool CanManage => Me.CanManage(Item.ProvinceId);

    public int OpenCount => Counts.Where(c => c.Key.IsOpen()).Sum(c => c.Value);

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        if (After is null && Before is null)
        {
            await audit.WriteAsync(AuditActions.IncidentView, null, $"رخداد شماره {id}");
        }

        return Page();
    }

    /// <summary>«پاسخ به همه»: the one answer goes to every open request of the incident in the reader's scope.</summary>
    public Task<IActionResult> OnPostAnswerAsync(int id, CancellationToken cancellationToken) => RunAsync(id, BulkAction.Answer, cancellationToken);

    /// <summary>«بستن همه»: every open request of the incident in the reader's scope is closed.</summary>
    public Task<IActionResult> OnPostCloseRequestsAsync(int id, CancellationToken cancellationToken) => RunAsync(id, BulkAction.Close, cancellationToken);

    /// <summary>Closes the incident: it takes no new requests.</summary>
    public async Task<IActionResult> OnPostCloseAsync(int id, CancellationToken cancellationToken)
    {
        if (await incidents.FindAsync(id, cancellationToken) is not { } incident || !(await incidents.MeAsync(cancellationToken)).CanManage(incident.ProvinceId))
        {
            return NotFound();
        }

        try
        {
            var result = await incidents.CloseAsync(incident, Version, cancellationToken);
            if (!result.Succeeded)
            {
                ModelState.AddModelError(string.Empty, result.Error!);
                return await RedisplayAsync(id, StatusCodes.Status400BadRequest, cancellationToken);
            }
        }
        catch (DbUpdateConcurrencyException)
        {
            EditConflict.Raise(HttpContext);
            return await RedisplayAsync(id, StatusCodes.Status409Conflict, cancellationToken);
        }

        this.Flash("رخداد بسته شد و درخواست تازه‌ای نمی‌پذیرد.");
        return RedirectToPage("Show", new { id });
    }

    private async Task<IActionResult> RunAsync(int id, BulkAction action, CancellationToken cancellationToken)
    {
        if (await incidents.FindAsync(id, cancellationToken) is not { } incident || !(await incidents.MeAsync(cancellationToken)).CanManage(incident.ProvinceId))
        {
            return NotFound();
        }

        Command.Action = action;
        var (result, errors) = await incidents.RunOnOpenRequestsAsync(incident, Command, cancellationToken);
        foreach (var error in errors)
        {
            ModelState.AddModelError(error.Field.Length == 0 ? string.Empty : "Command." + error.Field, error.Message);
        }

        db.ChangeTracker.Clear();
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        Result = result;
        if (errors.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }

        return Page();
    }

    private async Task<IActionResult> RedisplayAsync(int id, int status, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        Response.StatusCode = status;
        return Page();
    }

    private async Task<bool> LoadAsync(int id, CancellationToken cancellationToken)
    {
        if (await incidents.FindAsync(id, cancellationToken) is not { } incident)
        {
            return false;
        }

        Item = incident;
        Version = incident.Version;
        Me = await incidents.MeAsync(cancellationToken);
        Counts = await incidents.StatusCountsAsync(id, cancellationToken);
        Requests = await incidents.PageAsync(id, After, Before, cancellationToken);
        CannedAnswers = await db.CannedAnswers.AsNoTracking().Where(c => c.IsActive).OrderBy(c => c.Title).ToListAsync(cancellationToken);
        return true;
    }
}

using HajDesk.Core.Data;
using HajDesk.Core.Reference;
using HajDesk.Core.Requests;
using HajDesk.Core.Staff;
using HajDesk.Web.Infrastructure;
using HajDesk.Web.Infrastructure.Concurrency;
using HajDesk.Web.Staff;
using HajDesk.Web.Uploads;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HajDesk.Web.Pages.Staff.Requests;

/// <summary>
/// One request as staff see it — identity, contacts, text, files, the full timeline — and the actions on it: take,
/// assign, answer, internal note, refer, close, reopen.
/// </summary>
/// <remarks>
/// The rules of each action are the request's own (<see cref="ServiceRequest"/> transitions); loading through the
/// scope (404 outside it), the version check (409, typed text kept), saving and auditing are
/// <see cref="StaffRequestActions"/>'. A handler binds the form and names its transition.
/// </remarks>
[NoStore]
public class ShowModel(
    HajDeskDbContext db,
    StaffScope scope,
    CurrentStaff currentStaff,
    StaffRequestActions actions,
    CitizenHistory history,
    Web.Incidents.IncidentWork incidents,
    AuditLog audit,
    TimeProvider time,
    IOptions<UploadOptions> uploadOptions) : PageModel
{
    [BindProperty]
    public int Version { get; set; }

    [BindProperty]
    public string? AnswerText { get; set; }

    [BindProperty]
    public List<IFormFile> AnswerFiles { get; set; } = [];

    [BindProperty]
    public int? CannedId { get; set; }

    [BindProperty]
    public string? NoteText { get; set; }

    [BindProperty]
    public string? AssigneeId { get; set; }

    [BindProperty]
    public int? ToProvinceId { get; set; }

    [BindProperty]
    public int? ToSubjectId { get; set; }

    [BindProperty]
    public int? ToSubSubjectId { get; set; }

    [BindProperty]
    public string? ReferReason { get; set; }

    [BindProperty]
    public string? CloseText { get; set; }

    /// <summary>What the expert asks the citizen (در انتظار پاسخ متقاضی).</summary>
    [BindProperty]
    public string? QuestionText { get; set; }

    /// <summary>The incident to link the request to.</summary>
    [BindProperty]
    public int? IncidentId { get; set; }

    /// <summary>The tracking code of the request this duplicate is merged into.</summary>
    [BindProperty]
    public string? MergeIntoCode { get; set; }

    /// <summary>The open incidents the request may be linked to.</summary>
    public List<(int Id, string Title)> Incidents { get; private set; } = [];

    /// <summary>The incident the request belongs to, if any (and the reader sees it).</summary>
    public (int Id, string Title)? Incident { get; private set; }

    /// <summary>The request this one was merged into, if it was.</summary>
    public string? MergedIntoCode { get; private set; }

    public ServiceRequest Item { get; private set; } = null!;

    public StaffMember Me { get; private set; } = null!;

    public bool IsOverdue { get; private set; }

    public string? AssigneeName { get; private set; }

    public List<Attachment> Files { get; private set; } = [];

    public List<RequestEvent> Timeline { get; private set; } = [];

    /// <summary>The same national code's other requests (those in scope listed, the rest counted).</summary>
    public CitizenHistoryView History { get; private set; } = CitizenHistoryView.None;

    public List<CannedAnswer> CannedAnswers { get; private set; } = [];

    public List<(string Id, string Name)> Assignable { get; private set; } = [];

    public List<Province> Provinces { get; private set; } = [];

    public List<Subject> SubjectTree { get; private set; } = [];

    public UploadOptions Uploads => uploadOptions.Value;

    public string ProvinceName(int? id) => Provinces.FirstOrDefault(p => p.Id == id)?.Name ?? "—";

    /// <summary>What the request answered to its subject's extra fields (labels as they were then).</summary>
    public IReadOnlyList<Core.Fields.RequestFieldValue> FieldValues { get; private set; } = [];

    public string SubjectName(int? id) => SubjectTree.FirstOrDefault(s => s.Id == id)?.Name ?? "—";

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        await audit.WriteAsync(AuditActions.RequestView, id, null);
        return Page();
    }

    /// <summary>Without JavaScript, «درج» posts here: the chosen template is added to the answer being written.</summary>
    public async Task<IActionResult> OnPostInsertCannedAsync(long id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        if (CannedAnswers.FirstOrDefault(c => c.Id == CannedId) is { } template)
        {
            AnswerText = string.IsNullOrWhiteSpace(AnswerText) ? template.Text : AnswerText.TrimEnd() + "\n\n" + template.Text;
            ModelState.Remove(nameof(AnswerText));
        }

        return Page();
    }

    public Task<IActionResult> OnPostTakeAsync(long id, CancellationToken cancellationToken) =>
        ActAsync(id, AuditActions.RequestTake, "درخواست به شما سپرده شد.", a => Task.FromResult(a.Request.Take(a.Actor, a.Now)), cancellationToken);

    public Task<IActionResult> OnPostAssignAsync(long id, CancellationToken cancellationToken) =>
        ActAsync(id, AuditActions.RequestAssign, "درخواست واگذار شد.", a => actions.AssignAsync(a, AssigneeId, cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostAnswerAsync(long id, CancellationToken cancellationToken) =>
        ActAsync(id, AuditActions.RequestAnswer, "پاسخ ثبت شد و برای متقاضی نمایش داده می‌شود.",
            a => actions.AnswerAsync(a, AnswerText, AnswerFiles, Uploads, cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostNoteAsync(long id, CancellationToken cancellationToken) =>
        ActAsync(id, AuditActions.RequestNote, "یادداشت داخلی ثبت شد.", a => Task.FromResult(a.Request.AddInternalNote(a.Actor, NoteText, a.Now)), cancellationToken);

    public Task<IActionResult> OnPostReferAsync(long id, CancellationToken cancellationToken) =>
        ActAsync(id, AuditActions.RequestRefer, "درخواست ارجاع شد.",
            a => actions.ReferAsync(a, ToProvinceId, ToSubjectId, ToSubSubjectId, ReferReason, cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostCloseAsync(long id, CancellationToken cancellationToken) =>
        ActAsync(id, AuditActions.RequestClose, "درخواست بسته شد.", a => Task.FromResult(a.Request.Close(a.Actor, CloseText, a.Now)), cancellationToken);

    public Task<IActionResult> OnPostAskAsync(long id, CancellationToken cancellationToken) =>
        ActAsync(id, AuditActions.RequestAsk, "پرسش برای متقاضی فرستاده شد؛ تا پاسخ او مهلت شمرده نمی‌شود.", a => Task.FromResult(a.Request.AskCitizen(a.Actor, QuestionText, a.Now)), cancellationToken);

    public Task<IActionResult> OnPostReopenAsync(long id, CancellationToken cancellationToken) =>
        ActAsync(id, AuditActions.RequestReopen, "درخواست بازگشایی شد.", a => Task.FromResult(a.Request.Reopen(a.Actor, a.Now)), cancellationToken);

    public Task<IActionResult> OnPostLinkIncidentAsync(long id, CancellationToken cancellationToken) =>
        ActAsync(id, AuditActions.RequestIncidentLink, "درخواست به رخداد پیوست.", a => actions.LinkToIncidentAsync(a, IncidentId, cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostUnlinkIncidentAsync(long id, CancellationToken cancellationToken) =>
        ActAsync(id, AuditActions.RequestIncidentUnlink, "درخواست از رخداد جدا شد.", a => actions.UnlinkFromIncidentAsync(a, cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostMergeAsync(long id, CancellationToken cancellationToken) =>
        ActAsync(id, AuditActions.RequestMerge, "درخواست تکراری بسته شد و متقاضی به درخواست دیگرش راهنمایی می‌شود.", a => actions.MergeAsync(a, MergeIntoCode, cancellationToken), cancellationToken);

    /// <summary>Runs the action and answers as the outcome requires: redirect, 400, 403, 404 or 409.</summary>
    private async Task<IActionResult> ActAsync(
        long id, string auditAction, string confirmation, Func<StaffAction, Task<RequestResult>> change, CancellationToken cancellationToken)
    {
        var outcome = await actions.RunAsync(id, Version, auditAction, change, cancellationToken);
        switch (outcome)
        {
            case StaffActionOutcome.Done:
                this.Flash(confirmation);
                return RedirectToPage("Show", new { id });
            case StaffActionOutcome.DoneOutOfScope:
                // A referral moved it out of this staff member's scope.
                this.Flash("درخواست ارجاع شد و دیگر در کارتابل شما نیست.");
                return RedirectToPage("/Staff/Inbox/Index");
            case StaffActionOutcome.NotFound:
                return NotFound();
            case StaffActionOutcome.Forbidden:
                return StatusCode(StatusCodes.Status403Forbidden);
            case StaffActionOutcome.Conflict:
                EditConflict.Raise(HttpContext, filesDropped: AnswerFiles.Count > 0);
                return await RedisplayAsync(id, StatusCodes.Status409Conflict, cancellationToken);
            default:
                ModelState.AddModelError(string.Empty, actions.Refusal!);
                return await RedisplayAsync(id, StatusCodes.Status400BadRequest, cancellationToken);
        }
    }

    private async Task<IActionResult> RedisplayAsync(long id, int status, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        Response.StatusCode = status;
        return Page();
    }

    /// <summary>Reads everything the page shows; false when the request is not in scope.</summary>
    private async Task<bool> LoadAsync(long id, CancellationToken cancellationToken)
    {
        Me = await currentStaff.RequireAsync(cancellationToken);
        var item = await (await scope.RequestsAsync(cancellationToken)).AsNoTracking()
            .Include(r => r.Province)
            .Include(r => r.Subject)
            .Include(r => r.SubSubject)
            .FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (item is null)
        {
            return false;
        }

        Item = item;
        // Every form carries the version drawn here; a posted (perhaps stale) one is never echoed back.
        Version = item.Version;
        IsOverdue = RequestRules.IsOverdue(item, time.GetUtcNow().UtcDateTime);
        AssigneeName = item.AssignedToId is null
            ? null
            : await db.Users.AsNoTracking().Where(u => u.Id == item.AssignedToId).Select(u => u.DisplayName).FirstOrDefaultAsync(cancellationToken);
        FieldValues = await db.RequestFieldValues.AsNoTracking().Where(v => v.RequestId == id)
            .OrderBy(v => v.DisplayOrder).ThenBy(v => v.Id).ToListAsync(cancellationToken);
        Files = await db.Attachments.AsNoTracking()
            .Where(a => a.RequestId == id && a.EventId == null)
            .OrderBy(a => a.CreatedAt)
            .ToListAsync(cancellationToken);
        Timeline = await db.RequestEvents.AsNoTracking()
            .Include(e => e.Attachments)
            .Where(e => e.RequestId == id)
            .OrderBy(e => e.At).ThenBy(e => e.Id)
            .ToListAsync(cancellationToken);
        CannedAnswers = await db.CannedAnswers.AsNoTracking().Where(c => c.IsActive).OrderBy(c => c.Title).ToListAsync(cancellationToken);
        Provinces = await db.Provinces.AsNoTracking().OrderBy(p => p.DisplayOrder).ToListAsync(cancellationToken);
        SubjectTree = await db.Subjects.AsNoTracking().OrderBy(s => s.ParentId).ThenBy(s => s.DisplayOrder).ToListAsync(cancellationToken);
        Assignable = Me.CanAssign ? await actions.AssignableAsync(item, cancellationToken) : [];
        History = await history.OtherRequestsAsync(item, cancellationToken);
        Incidents = item.IsOpen ? await incidents.OpenChoicesAsync(cancellationToken) : [];
        Incident = item.IncidentId is { } incidentId && await incidents.FindAsync(incidentId, cancellationToken) is { } incident
            ? (incident.Id, incident.Title)
            : null;
        MergedIntoCode = item.MergedIntoId is { } survivor
            ? await db.Requests.AsNoTracking().Where(r => r.Id == survivor).Select(r => r.TrackingCode).FirstOrDefaultAsync(cancellationToken)
            : null;
        return true;
    }
}

using HajDesk.Core.Data;
using HajDesk.Core.Persian;
using HajDesk.Core.Reference;
using HajDesk.Core.Requests;
using HajDesk.Core.Staff;
using HajDesk.Web.Infrastructure;
using HajDesk.Web.Notifications;
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
/// Every handler loads the request through <see cref="StaffScope"/> (out of scope: 404). Every action form carries
/// the request's <see cref="ServiceRequest.Version"/>: a stale form, or a colleague's change committed between load
/// and save, gets 409 with the page re-read and the typed text kept. Each action writes a timeline event and an
/// audit row in the same transaction, and replaces <c>Version</c> and <c>UpdatedAt</c>.
/// </remarks>
[NoStore]
public class ShowModel(
    HajDeskDbContext db,
    StaffScope scope,
    CurrentStaff currentStaff,
    AuditLog audit,
    TimeProvider time,
    IOptions<UploadOptions> uploadOptions,
    RequestNotifications notifications) : PageModel
{
    public const string ConflictMessage =
        "این درخواست هم‌زمان توسط همکار دیگری تغییر کرده است. وضعیت تازه آن در همین صفحه آمده است؛ آن را ببینید و اگر هنوز لازم است، دوباره بفرستید. متنی که نوشته بودید نگه داشته شده است (فایل‌ها را دوباره انتخاب کنید).";

    public const int MaxAnswerLength = 8000;

    public const int MaxNoteLength = 8000;

    public const int MaxReasonLength = 1000;

    public const string ReferredCitizenText = "درخواست شما برای رسیدگی به واحد مربوط ارجاع شد.";

    [BindProperty]
    public int Version { get; set; }

    [BindProperty]
    public string? AnswerText { get; set; }

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

    [BindProperty(SupportsGet = true)]
    public string? Done { get; set; }

    public ServiceRequest Item { get; private set; } = null!;

    public StaffMember Me { get; private set; } = null!;

    public bool IsOverdue { get; private set; }

    public string? AssigneeName { get; private set; }

    public List<Attachment> Files { get; private set; } = [];

    public List<RequestEvent> Timeline { get; private set; } = [];

    public List<CannedAnswer> CannedAnswers { get; private set; } = [];

    public List<(string Id, string Name)> Assignable { get; } = [];

    public List<Province> Provinces { get; private set; } = [];

    public List<Subject> SubjectTree { get; private set; } = [];

    public bool Conflict { get; private set; }

    /// <summary>Which form the error belongs to, so the page can open it.</summary>
    public string? FailedForm { get; private set; }

    public UploadOptions Uploads => uploadOptions.Value;

    public bool IsOpen => Item.Status.IsOpen();

    public bool CanReopen => Item.Status is RequestStatus.Answered or RequestStatus.Closed;

    public string ProvinceName(int? id) => Provinces.FirstOrDefault(p => p.Id == id)?.Name ?? "—";

    public string SubjectName(int? id) => SubjectTree.FirstOrDefault(s => s.Id == id)?.Name ?? "—";

    public string? DoneMessage => Done switch
    {
        "taken" => "درخواست به شما سپرده شد.",
        "assigned" => "درخواست واگذار شد.",
        "answered" => "پاسخ ثبت شد و برای متقاضی نمایش داده می‌شود.",
        "noted" => "یادداشت داخلی ثبت شد.",
        "referred" => "درخواست ارجاع شد.",
        "closed" => "درخواست بسته شد.",
        "reopened" => "درخواست بازگشایی شد.",
        _ => null,
    };

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

        var template = CannedAnswers.FirstOrDefault(c => c.Id == CannedId);
        if (template is not null)
        {
            AnswerText = string.IsNullOrWhiteSpace(AnswerText) ? template.Text : AnswerText.TrimEnd() + "\n\n" + template.Text;
            ModelState.Remove(nameof(AnswerText));
        }

        FailedForm = "answer";
        return Page();
    }

    public Task<IActionResult> OnPostTakeAsync(long id, CancellationToken cancellationToken) =>
        ActAsync(id, "take", "taken", requireAssignRight: false, (request, me, now) =>
        {
            if (!request.Status.IsOpen())
            {
                return Task.FromResult<string?>("این درخواست باز نیست؛ نخست آن را بازگشایی کنید.");
            }

            if (request.AssignedToId == me.Id)
            {
                return Task.FromResult<string?>("این درخواست هم‌اکنون با شماست.");
            }

            Assign(request, me, me.Id, now, $"«{me.DisplayName}» رسیدگی را بر عهده گرفت.");
            audit.Add(AuditActions.RequestTake, request.Id, null);
            return Task.FromResult<string?>(null);
        }, cancellationToken);

    public Task<IActionResult> OnPostAssignAsync(long id, CancellationToken cancellationToken) =>
        ActAsync(id, "assign", "assigned", requireAssignRight: true, async (request, me, now) =>
        {
            if (!request.Status.IsOpen())
            {
                return "این درخواست باز نیست؛ نخست آن را بازگشایی کنید.";
            }

            var staff = await AssignableStaffAsync(request, cancellationToken);
            var assignee = staff.FirstOrDefault(s => s.Id == AssigneeId);
            if (assignee.Id is null)
            {
                return "کارشناسی از فهرست برگزینید.";
            }

            Assign(request, me, assignee.Id, now, $"«{me.DisplayName}» درخواست را به «{assignee.Name}» سپرد.");
            audit.Add(AuditActions.RequestAssign, request.Id, $"به «{assignee.Name}»");
            return null;
        }, cancellationToken);

    public Task<IActionResult> OnPostAnswerAsync(long id, CancellationToken cancellationToken) =>
        ActAsync(id, "answer", "answered", requireAssignRight: false, async (request, me, now) =>
        {
            if (!request.Status.IsOpen())
            {
                return "به درخواست بسته یا پاسخ‌داده‌شده نمی‌توان پاسخ داد؛ نخست آن را بازگشایی کنید.";
            }

            var text = PersianText.NormalizeText(AnswerText);
            if (text.Length == 0)
            {
                return "متن پاسخ را بنویسید.";
            }

            if (text.Length > MaxAnswerLength)
            {
                return $"متن پاسخ بیش از {PersianText.ToPersianDigits(MaxAnswerLength.ToString(System.Globalization.CultureInfo.InvariantCulture))} نویسه است.";
            }

            var uploads = Request.HasFormContentType ? Request.Form.Files.GetFiles("AnswerFiles").Where(f => f.Length > 0 || f.FileName.Length > 0).ToList() : [];
            if (uploads.Count > Uploads.MaxFiles)
            {
                return $"حداکثر {PersianText.ToPersianDigits(Uploads.MaxFiles.ToString(System.Globalization.CultureInfo.InvariantCulture))} فایل می‌توان فرستاد.";
            }

            var files = new List<InspectedFile>();
            foreach (var upload in uploads)
            {
                var (file, error) = await FileInspector.InspectAsync(upload, Uploads, cancellationToken);
                if (error is not null)
                {
                    return error;
                }

                files.Add(file!);
            }

            var answer = NewEvent(request, RequestEventKind.Answered, me, now, visibleToCitizen: true, text);
            foreach (var file in files)
            {
                var attachment = file.ToAttachment(now);
                attachment.RequestId = request.Id;
                attachment.FromStaff = true;
                answer.Attachments.Add(attachment);
            }

            request.Status = RequestStatus.Answered;
            request.AnsweredAt = now;
            request.AssignedToId ??= me.Id;
            notifications.RequestAnswered(request);
            audit.Add(AuditActions.RequestAnswer, request.Id, files.Count == 0 ? null : $"با {PersianText.ToPersianDigits(files.Count.ToString(System.Globalization.CultureInfo.InvariantCulture))} فایل");
            return null;
        }, cancellationToken);

    public Task<IActionResult> OnPostNoteAsync(long id, CancellationToken cancellationToken) =>
        ActAsync(id, "note", "noted", requireAssignRight: false, (request, me, now) =>
        {
            var text = PersianText.NormalizeText(NoteText);
            if (text.Length == 0)
            {
                return Task.FromResult<string?>("متن یادداشت را بنویسید.");
            }

            if (text.Length > MaxNoteLength)
            {
                return Task.FromResult<string?>("متن یادداشت بیش از اندازه بلند است.");
            }

            NewEvent(request, RequestEventKind.InternalNote, me, now, visibleToCitizen: false, text);
            audit.Add(AuditActions.RequestNote, request.Id, null);
            return Task.FromResult<string?>(null);
        }, cancellationToken);

    public Task<IActionResult> OnPostReferAsync(long id, CancellationToken cancellationToken) =>
        ActAsync(id, "refer", "referred", requireAssignRight: false, async (request, me, now) =>
        {
            if (!request.Status.IsOpen())
            {
                return "فقط درخواست باز را می‌توان ارجاع داد.";
            }

            var reason = PersianText.NormalizeText(ReferReason);
            if (reason.Length == 0)
            {
                return "علت ارجاع را بنویسید.";
            }

            if (reason.Length > MaxReasonLength)
            {
                return "علت ارجاع بیش از اندازه بلند است.";
            }

            var provinceId = ToProvinceId ?? request.ProvinceId;
            var subjectId = ToSubjectId ?? request.SubjectId;
            var province = await db.Provinces.AsNoTracking().FirstOrDefaultAsync(p => p.Id == provinceId, cancellationToken);
            var subject = await db.Subjects.AsNoTracking()
                .FirstOrDefaultAsync(s => s.Id == subjectId && s.ParentId == null, cancellationToken);
            if (province is null || subject is null || (!subject.IsActive && subjectId != request.SubjectId))
            {
                return "استان یا موضوع مقصد درست نیست.";
            }

            Subject? subSubject = null;
            if (ToSubSubjectId is int subSubjectId)
            {
                subSubject = await db.Subjects.AsNoTracking()
                    .FirstOrDefaultAsync(s => s.Id == subSubjectId && s.ParentId == subjectId, cancellationToken);
                if (subSubject is null)
                {
                    return "زیرموضوع برگزیده از موضوع مقصد نیست.";
                }
            }

            if (provinceId == request.ProvinceId && subjectId == request.SubjectId && subSubject?.Id == request.SubSubjectId)
            {
                return "استان یا موضوع تازه‌ای برای ارجاع برگزینید.";
            }

            var fromProvince = request.ProvinceId;
            var fromSubject = request.SubjectId;
            var referred = NewEvent(request, RequestEventKind.Referred, me, now, visibleToCitizen: true, ReferredCitizenText);
            referred.FromProvinceId = fromProvince;
            referred.ToProvinceId = provinceId;
            referred.FromSubjectId = fromSubject;
            referred.ToSubjectId = subjectId;
            NewEvent(request, RequestEventKind.InternalNote, me, now, visibleToCitizen: false, "علت ارجاع: " + reason);

            request.ProvinceId = provinceId;
            request.SubjectId = subjectId;
            request.SubSubjectId = subSubject?.Id;
            request.Status = RequestStatus.Referred;
            request.AssignedToId = null;
            notifications.RequestReferred(request);

            var fromProvinceName = (await db.Provinces.AsNoTracking().FirstAsync(p => p.Id == fromProvince, cancellationToken)).Name;
            var fromSubjectName = (await db.Subjects.AsNoTracking().FirstAsync(s => s.Id == fromSubject, cancellationToken)).Name;
            audit.Add(AuditActions.RequestRefer, request.Id,
                $"از {fromProvinceName} / {fromSubjectName} به {province.Name} / {subject.Name}{(subSubject is null ? null : " / " + subSubject.Name)}");
            return null;
        }, cancellationToken);

    public Task<IActionResult> OnPostCloseAsync(long id, CancellationToken cancellationToken) =>
        ActAsync(id, "close", "closed", requireAssignRight: false, (request, me, now) =>
        {
            if (request.Status == RequestStatus.Closed)
            {
                return Task.FromResult<string?>("این درخواست پیش‌تر بسته شده است.");
            }

            var text = PersianText.NormalizeText(CloseText);
            if (text.Length > MaxReasonLength)
            {
                return Task.FromResult<string?>("توضیح بستن بیش از اندازه بلند است.");
            }

            NewEvent(request, RequestEventKind.Closed, me, now, visibleToCitizen: true, text.Length == 0 ? null : text);
            request.Status = RequestStatus.Closed;
            audit.Add(AuditActions.RequestClose, request.Id, null);
            return Task.FromResult<string?>(null);
        }, cancellationToken);

    public Task<IActionResult> OnPostReopenAsync(long id, CancellationToken cancellationToken) =>
        ActAsync(id, "reopen", "reopened", requireAssignRight: false, (request, me, now) =>
        {
            if (request.Status is not (RequestStatus.Answered or RequestStatus.Closed))
            {
                return Task.FromResult<string?>("فقط درخواست پاسخ‌داده‌شده یا بسته را می‌توان بازگشایی کرد.");
            }

            NewEvent(request, RequestEventKind.Reopened, me, now, visibleToCitizen: true, null);
            request.Status = RequestStatus.Reopened;
            notifications.RequestReopened(request);
            audit.Add(AuditActions.RequestReopen, request.Id, null);
            return Task.FromResult<string?>(null);
        }, cancellationToken);

    /// <summary>
    /// Loads the request through the scope, checks the form's version, applies <paramref name="change"/> (which
    /// returns a Persian error or null), and saves the change, its event and its audit row together.
    /// </summary>
    private async Task<IActionResult> ActAsync(
        long id,
        string form,
        string done,
        bool requireAssignRight,
        Func<ServiceRequest, StaffMember, DateTime, Task<string?>> change,
        CancellationToken cancellationToken)
    {
        var me = await currentStaff.RequireAsync(cancellationToken);
        var request = await scope.FindAsync(id, cancellationToken);
        if (request is null)
        {
            return NotFound();
        }

        if (requireAssignRight && !me.CanAssign)
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }

        FailedForm = form;
        if (request.Version != Version)
        {
            return await ConflictPageAsync(id, cancellationToken);
        }

        var now = time.GetUtcNow().UtcDateTime;
        var error = await change(request, me, now);
        if (error is not null)
        {
            db.ChangeTracker.Clear();
            ModelState.AddModelError(string.Empty, error);
            return await RedisplayAsync(id, StatusCodes.Status400BadRequest, cancellationToken);
        }

        // The UPDATE only succeeds if nobody changed the row since the form was loaded.
        db.Entry(request).Property(r => r.Version).OriginalValue = Version;
        request.UpdatedAt = now;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return await ConflictPageAsync(id, cancellationToken);
        }

        if (await scope.ContainsAsync(id, cancellationToken))
        {
            return Redirect($"/staff/requests/{id}?done={done}");
        }

        // A referral moved it out of this staff member's scope.
        return Redirect($"/staff/inbox?done={done}");
    }

    private async Task<IActionResult> ConflictPageAsync(long id, CancellationToken cancellationToken)
    {
        Conflict = true;
        return await RedisplayAsync(id, StatusCodes.Status409Conflict, cancellationToken);
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

    private RequestEvent NewEvent(ServiceRequest request, RequestEventKind kind, StaffMember me, DateTime now, bool visibleToCitizen, string? text)
    {
        var entry = new RequestEvent
        {
            RequestId = request.Id,
            Kind = kind,
            At = now,
            VisibleToCitizen = visibleToCitizen,
            ActorId = me.Id,
            ActorName = me.DisplayName,
            Text = text,
        };
        db.RequestEvents.Add(entry);
        return entry;
    }

    private void Assign(ServiceRequest request, StaffMember me, string staffId, DateTime now, string text)
    {
        request.AssignedToId = staffId;
        request.Status = RequestStatus.InProgress;
        NewEvent(request, RequestEventKind.Assigned, me, now, visibleToCitizen: false, text);
    }

    /// <summary>Active experts and supervisors of the request's province whose subjects cover the request.</summary>
    private async Task<List<(string Id, string Name)>> AssignableStaffAsync(ServiceRequest request, CancellationToken cancellationToken)
    {
        var provinceId = request.ProvinceId;
        var subjectId = request.SubjectId;
        var rows = await db.Users.AsNoTracking()
            .Where(u => u.ProvinceId == provinceId && !u.IsDisabled
                && (u.Role == StaffRole.Expert || u.Role == StaffRole.Supervisor)
                && (!u.Subjects.Any() || u.Subjects.Any(s => s.SubjectId == subjectId)))
            .OrderBy(u => u.DisplayName)
            .Select(u => new { u.Id, u.DisplayName })
            .ToListAsync(cancellationToken);
        return rows.Select(r => (r.Id, r.DisplayName)).ToList();
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
        IsOverdue = item.Status.IsOpen() && item.DueAt < time.GetUtcNow().UtcDateTime;
        AssigneeName = item.AssignedToId is null
            ? null
            : await db.Users.AsNoTracking().Where(u => u.Id == item.AssignedToId).Select(u => u.DisplayName).FirstOrDefaultAsync(cancellationToken);
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
        Assignable.Clear();
        if (Me.CanAssign)
        {
            Assignable.AddRange(await AssignableStaffAsync(item, cancellationToken));
        }

        return true;
    }
}

using HajDesk.Core.Data;
using HajDesk.Core.Requests;
using HajDesk.Web.Infrastructure;
using HajDesk.Web.Infrastructure.Concurrency;
using HajDesk.Web.Requests;
using HajDesk.Web.Uploads;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HajDesk.Web.Pages.Requests.Track;

/// <summary>
/// The result of a follow-up: status, timeline and, once answered, the expert's answer (seed section 3, item 5);
/// and what a citizen does next: add a message, rate the answer, object to it. Only the browser holding the
/// tracking cookie reaches it. The rules of each action are the request's own transitions.
/// </summary>
[NoStore]
[EnableRateLimiting(RateLimits.Forms)]
public class ResultModel(
    HajDeskDbContext db,
    TrackingCookie trackingCookie,
    TimeProvider time,
    IOptions<TrackingOptions> trackingOptions,
    IOptions<UploadOptions> uploadOptions,
    RequestChanges changes,
    ILogger<ResultModel> logger,
    Core.Calendar.WorkingCalendarStore calendars,
    Core.Reference.ReferenceDataCache referenceData) : PageModel
{
    public ServiceRequest Tracked { get; private set; } = null!;

    /// <summary>The tracking code of the request this duplicate was merged into: the citizen follows that one up.</summary>
    public string? MergedIntoCode { get; private set; }

    public List<RequestEvent> Timeline { get; private set; } = [];

    /// <summary>The expert's open question while the request waits for the citizen; null otherwise.</summary>
    public string? OpenQuestion => Tracked.Status == RequestStatus.WaitingForCitizen
        ? Timeline.Where(e => e.Kind == RequestEventKind.InfoRequested).MaxBy(e => e.At)?.Text
        : null;

    public List<RequestEvent> Answers { get; private set; } = [];

    public string ProvinceName { get; private set; } = string.Empty;

    public Dictionary<int, string> ProvinceNames { get; private set; } = [];

    /// <summary>Who handles the request, as the citizen is told (<see cref="TrackingOptions.ShowOfficerName"/>).</summary>
    public string Officer { get; private set; } = string.Empty;

    [BindProperty]
    public string? MessageText { get; set; }

    [BindProperty]
    public List<IFormFile> Files { get; set; } = [];

    [BindProperty]
    public string? Rating { get; set; }

    [BindProperty]
    public string? RatingComment { get; set; }

    [BindProperty]
    public string? ObjectionText { get; set; }

    public UploadOptions Uploads => uploadOptions.Value;

    public DateTime? ObjectionDeadline => Tracked.ObjectionDeadline(trackingOptions.Value.ObjectionDays);

    public bool CanObject => Tracked.CanObject(time.GetUtcNow().UtcDateTime, trackingOptions.Value.ObjectionDays);

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        await LoadAsync(cancellationToken) ? Page() : RedirectToPage("Index");

    /// <summary>A citizen's own file or a file the expert attached to the answer, always as a download.</summary>
    public async Task<IActionResult> OnGetFileAsync(Guid id, CancellationToken cancellationToken)
    {
        if (trackingCookie.Read(HttpContext.Request) is not { } requestId)
        {
            return NotFound();
        }

        var visibleEvents = db.RequestEvents.Where(RequestRules.VisibleToCitizen);
        var file = await db.Attachments.AsNoTracking()
            .Where(a => a.Id == id && a.RequestId == requestId)
            .Where(a => a.EventId == null || visibleEvents.Any(e => e.Id == a.EventId))
            .Select(a => new { a.FileName, a.ContentType, a.Content!.Data })
            .FirstOrDefaultAsync(cancellationToken);
        if (file is null)
        {
            return NotFound();
        }

        Response.Headers.CacheControl = "no-store";
        return File(file.Data, file.ContentType, file.FileName);
    }

    /// <summary>A follow-up message (and files) while the request is open; the expert sees it in the timeline.</summary>
    public async Task<IActionResult> OnPostMessageAsync(CancellationToken cancellationToken)
    {
        ModelState.Clear();
        if (!await LoadAsync(cancellationToken, track: true))
        {
            return RedirectToPage("Index");
        }

        var files = await UploadedFiles.InspectAsync(Files, Uploads, time.GetUtcNow().UtcDateTime, cancellationToken);
        if (files.Errors.Count > 0)
        {
            // Tell about the text too, so one more post fixes everything.
            if (Tracked.IsOpen && RequestTexts.CitizenMessage.Check(MessageText, out _) is { Succeeded: false } text)
            {
                ModelState.AddModelError(nameof(MessageText), text.Error!);
            }

            files.Errors.ToList().ForEach(error => ModelState.AddModelError(nameof(Files), error));
            return PageWithStatus(StatusCodes.Status400BadRequest);
        }

        // A reply to the expert's question restarts the clock; the days spent waiting are counted in the official calendar.
        var calendar = await calendars.GetAsync(db, cancellationToken);
        return await ApplyAsync(nameof(MessageText), now => Tracked.AddCitizenMessage(MessageText, files.Attachments, now, calendar),
            "پیام شما ثبت شد و به کارشناس نشان داده می‌شود.", cancellationToken);
    }

    /// <summary>Rating the answer, once, by a deliberate form post.</summary>
    public async Task<IActionResult> OnPostRateAsync(CancellationToken cancellationToken)
    {
        ModelState.Clear();
        return await LoadAsync(cancellationToken, track: true)
            ? await ApplyAsync(nameof(Rating), now => Tracked.Rate(Rating, RatingComment, now),
                "امتیاز شما ثبت شد. از شما سپاسگزاریم.", cancellationToken)
            : RedirectToPage("Index");
    }

    /// <summary>Objecting to the answer, once, within the allowed days: the request reopens for the province.</summary>
    public async Task<IActionResult> OnPostObjectAsync(CancellationToken cancellationToken)
    {
        ModelState.Clear();
        return await LoadAsync(cancellationToken, track: true)
            ? await ApplyAsync(nameof(ObjectionText), now => Tracked.ObjectToAnswer(ObjectionText, now, trackingOptions.Value.ObjectionDays),
                "اعتراض شما ثبت شد و درخواست دوباره برای کارشناس استان باز شد.", cancellationToken)
            : RedirectToPage("Index");
    }

    /// <summary>
    /// Applies a citizen transition and saves it; a refusal goes next to <paramref name="field"/> (or the comment),
    /// a concurrent staff change shows the fresh state with the typed text kept.
    /// </summary>
    private async Task<IActionResult> ApplyAsync(string field, Func<DateTime, RequestResult> change, string notice, CancellationToken cancellationToken)
    {
        var outcome = await changes.ApplyAsync(Tracked, Tracked.Version, now => Task.FromResult(change(now)), cancellationToken);
        switch (outcome.Status)
        {
            case RequestChangeStatus.Saved:
                this.Flash(notice);
                // An explicit address: RedirectToPage would carry the posting handler's name into the redirect.
                return LocalRedirect("/requests/track/result");
            case RequestChangeStatus.Refused:
                ModelState.AddModelError(outcome.Refusal!.Field == RequestField.Comment ? nameof(RatingComment) : field, outcome.Refusal.Error!);
                return PageWithStatus(StatusCodes.Status400BadRequest);
            default:
                logger.LogInformation("Citizen action on request {RequestId} met a concurrent change", Tracked.Id);
                await LoadAsync(cancellationToken);
                EditConflict.Raise(HttpContext, filesDropped: Files.Count > 0);
                return Page();
        }
    }

    private PageResult PageWithStatus(int status)
    {
        Response.StatusCode = status;
        return Page();
    }

    private async Task<bool> LoadAsync(CancellationToken cancellationToken, bool track = false)
    {
        if (trackingCookie.Read(HttpContext.Request) is not { } id)
        {
            return false;
        }

        // Province names come from the reference-data cache (every province, active or not); subjects are joined,
        // since the cache holds only the active ones and a request keeps a subject later retired.
        var query = db.Requests.Include(r => r.Subject).Include(r => r.SubSubject)
            .Include(r => r.Attachments.Where(a => a.EventId == null)).Include(r => r.FieldValues);
        var request = await (track ? query : query.AsNoTracking()).FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (request is null)
        {
            return false;
        }

        Tracked = request;
        MergedIntoCode = request.MergedIntoId is { } survivor
            ? await db.Requests.AsNoTracking().Where(r => r.Id == survivor).Select(r => r.TrackingCode).FirstOrDefaultAsync(cancellationToken)
            : null;
        ProvinceNames = (await referenceData.GetAsync(db, cancellationToken)).Provinces.ToDictionary(p => p.Id, p => p.Name);
        ProvinceName = ProvinceNames.GetValueOrDefault(request.ProvinceId, string.Empty);
        var expertName = trackingOptions.Value.ShowOfficerName && request.AssignedToId is { } staffId
            ? await db.Users.AsNoTracking().Where(u => u.Id == staffId).Select(u => u.DisplayName).FirstOrDefaultAsync(cancellationToken)
            : null;
        Officer = expertName ?? $"کارشناس حج و زیارت استان {ProvinceName}";
        Timeline = await db.RequestEvents.AsNoTracking()
            .Where(e => e.RequestId == id)
            .Where(RequestRules.VisibleToCitizen)
            .Include(e => e.Attachments)
            .OrderBy(e => e.At).ThenBy(e => e.Id)
            .ToListAsync(cancellationToken);
        Answers = Timeline.Where(e => e.Kind == RequestEventKind.Answered).OrderByDescending(e => e.At).ToList();
        return true;
    }

    /// <summary>How a timeline entry reads to the citizen.</summary>
    public string Describe(RequestEvent e) => e.Kind switch
    {
        RequestEventKind.Submitted => "درخواست ثبت شد و به کارشناس استان فرستاده شد.",
        RequestEventKind.Assigned => "درخواست در حال بررسی کارشناس است.",
        RequestEventKind.Answered => "کارشناس به درخواست پاسخ داد.",
        RequestEventKind.Referred => e.ToProvinceId is { } to && to != e.FromProvinceId && ProvinceNames.TryGetValue(to, out var name)
            ? $"درخواست برای رسیدگی به استان {name} ارجاع شد."
            : "درخواست برای رسیدگی به بخش دیگری ارجاع شد.",
        RequestEventKind.Closed => "درخواست بسته شد.",
        RequestEventKind.Reopened => "درخواست دوباره باز شد.",
        RequestEventKind.CitizenMessage => "شما پیام تازه‌ای فرستادید.",
        RequestEventKind.Rated => "شما به پاسخ امتیاز دادید.",
        RequestEventKind.Objected => "شما به پاسخ اعتراض کردید و درخواست دوباره باز شد.",
        RequestEventKind.InfoRequested => "کارشناس برای رسیدگی، اطلاعات یا مدرک بیشتری از شما خواست:",
        RequestEventKind.Merged => e.Text ?? "درخواست تکراری بود و با درخواست دیگر شما یکی شد.",
        _ => string.Empty,
    };
}

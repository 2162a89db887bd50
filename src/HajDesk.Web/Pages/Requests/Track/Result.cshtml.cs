using System.Globalization;
using HajDesk.Core.Data;
using HajDesk.Core.Persian;
using HajDesk.Core.Requests;
using HajDesk.Web.Infrastructure;
using HajDesk.Web.Notifications;
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
/// tracking cookie reaches it.
/// </summary>
[NoStore]
[EnableRateLimiting(RateLimits.Forms)]
public class ResultModel(
    HajDeskDbContext db,
    TrackingCookie trackingCookie,
    TimeProvider time,
    IOptions<TrackingOptions> trackingOptions,
    IOptions<UploadOptions> uploadOptions,
    RequestNotifications notifications,
    ILogger<ResultModel> logger) : PageModel
{
    public ServiceRequest Tracked { get; private set; } = null!;

    public List<RequestEvent> Timeline { get; private set; } = [];

    public List<RequestEvent> Answers { get; private set; } = [];

    public string ProvinceName { get; private set; } = string.Empty;

    public Dictionary<int, string> ProvinceNames { get; private set; } = [];

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

    [TempData]
    public string? Notice { get; set; }

    public UploadOptions Uploads => uploadOptions.Value;

    public bool CanSendMessage => Tracked.Status.IsOpen();

    public bool CanRate => Tracked.Status == RequestStatus.Answered && Tracked.Rating is null;

    public DateTime? ObjectionDeadline => Tracked.AnsweredAt?.AddDays(trackingOptions.Value.ObjectionDays);

    public bool CanObject => Tracked.Status == RequestStatus.Answered && Tracked.ObjectedAt is null
        && ObjectionDeadline > time.GetUtcNow().UtcDateTime;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return RedirectToPage("Index");
        }

        return Page();
    }

    /// <summary>A citizen's own file or a file the expert attached to the answer, always as a download.</summary>
    public async Task<IActionResult> OnGetFileAsync(Guid id, CancellationToken cancellationToken)
    {
        if (trackingCookie.Read(HttpContext.Request) is not { } requestId)
        {
            return NotFound();
        }

        var file = await db.Attachments.AsNoTracking()
            .Where(a => a.Id == id && a.RequestId == requestId)
            .Where(a => a.EventId == null || db.RequestEvents.Any(e => e.Id == a.EventId && e.VisibleToCitizen && e.Kind != RequestEventKind.InternalNote))
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

        if (!CanSendMessage)
        {
            ModelState.AddModelError(nameof(MessageText), "این درخواست باز نیست و پیام تازه نمی‌پذیرد.");
            return PageWithStatus(StatusCodes.Status400BadRequest);
        }

        var text = PersianText.NormalizeText(MessageText);
        if (text.Length == 0)
        {
            ModelState.AddModelError(nameof(MessageText), "متن پیام را بنویسید.");
        }
        else if (text.Length > ServiceRequest.MaxTextLength)
        {
            ModelState.AddModelError(nameof(MessageText), $"متن پیام حداکثر {PersianText.ToPersianDigits(ServiceRequest.MaxTextLength.ToString(CultureInfo.InvariantCulture))} نویسه است.");
        }

        var accepted = new List<InspectedFile>();
        var uploads = Files.Where(f => f.Length > 0 || !string.IsNullOrEmpty(f.FileName)).ToList();
        if (uploads.Count > Uploads.MaxFiles)
        {
            ModelState.AddModelError(nameof(Files), $"حداکثر {PersianText.ToPersianDigits(Uploads.MaxFiles.ToString(CultureInfo.InvariantCulture))} فایل می‌توانید بفرستید.");
        }
        else
        {
            foreach (var upload in uploads)
            {
                var (file, error) = await FileInspector.InspectAsync(upload, Uploads, cancellationToken);
                if (file is null)
                {
                    ModelState.AddModelError(nameof(Files), error!);
                }
                else
                {
                    accepted.Add(file);
                }
            }
        }

        if (!ModelState.IsValid)
        {
            return PageWithStatus(StatusCodes.Status400BadRequest);
        }

        var now = time.GetUtcNow().UtcDateTime;
        var message = new RequestEvent
        {
            Kind = RequestEventKind.CitizenMessage,
            At = now,
            VisibleToCitizen = true,
            Text = text,
        };
        foreach (var file in accepted)
        {
            var attachment = file.ToAttachment(now);
            attachment.Request = Tracked;
            message.Attachments.Add(attachment);
        }

        Tracked.Events.Add(message);
        return await SaveAndReturnAsync("پیام شما ثبت شد و به کارشناس نشان داده می‌شود.", cancellationToken);
    }

    /// <summary>Rating the answer, once, by a deliberate form post.</summary>
    public async Task<IActionResult> OnPostRateAsync(CancellationToken cancellationToken)
    {
        ModelState.Clear();
        if (!await LoadAsync(cancellationToken, track: true))
        {
            return RedirectToPage("Index");
        }

        if (!CanRate)
        {
            ModelState.AddModelError(nameof(Rating), Tracked.Rating is null
                ? "پیش از پاسخ کارشناس نمی‌توانید امتیاز بدهید."
                : "امتیاز این پاسخ پیش‌تر ثبت شده است.");
            return PageWithStatus(StatusCodes.Status400BadRequest);
        }

        if (!int.TryParse(PersianText.NormalizeNumeric(Rating), NumberStyles.None, CultureInfo.InvariantCulture, out var rating) || rating is < 1 or > 5)
        {
            ModelState.AddModelError(nameof(Rating), "امتیاز را از ۱ تا ۵ انتخاب کنید.");
        }

        var comment = PersianText.NormalizeText(RatingComment);
        if (comment.Length > 1000)
        {
            ModelState.AddModelError(nameof(RatingComment), "توضیح امتیاز حداکثر ۱۰۰۰ نویسه است.");
        }

        if (!ModelState.IsValid)
        {
            return PageWithStatus(StatusCodes.Status400BadRequest);
        }

        var now = time.GetUtcNow().UtcDateTime;
        Tracked.Rating = rating;
        Tracked.RatingComment = comment.Length == 0 ? null : comment;
        Tracked.RatedAt = now;
        Tracked.Events.Add(new RequestEvent
        {
            Kind = RequestEventKind.Rated,
            At = now,
            VisibleToCitizen = true,
            Text = comment.Length == 0 ? null : comment,
        });
        return await SaveAndReturnAsync("امتیاز شما ثبت شد. از شما سپاسگزاریم.", cancellationToken);
    }

    /// <summary>Objecting to the answer, once, within the allowed days: the request reopens for the province.</summary>
    public async Task<IActionResult> OnPostObjectAsync(CancellationToken cancellationToken)
    {
        ModelState.Clear();
        if (!await LoadAsync(cancellationToken, track: true))
        {
            return RedirectToPage("Index");
        }

        if (!CanObject)
        {
            ModelState.AddModelError(nameof(ObjectionText), Tracked.ObjectedAt is not null
                ? "اعتراض به این پاسخ پیش‌تر ثبت شده است."
                : "مهلت اعتراض به این پاسخ گذشته است یا درخواست هنوز پاسخ داده نشده است.");
            return PageWithStatus(StatusCodes.Status400BadRequest);
        }

        var text = PersianText.NormalizeText(ObjectionText);
        if (text.Length == 0)
        {
            ModelState.AddModelError(nameof(ObjectionText), "دلیل اعتراض را بنویسید.");
        }
        else if (text.Length > ServiceRequest.MaxTextLength)
        {
            ModelState.AddModelError(nameof(ObjectionText), "متن اعتراض بیش از اندازه مجاز است.");
        }

        if (!ModelState.IsValid)
        {
            return PageWithStatus(StatusCodes.Status400BadRequest);
        }

        var now = time.GetUtcNow().UtcDateTime;
        Tracked.ObjectedAt = now;
        Tracked.Status = RequestStatus.Reopened;
        Tracked.Events.Add(new RequestEvent
        {
            Kind = RequestEventKind.Objected,
            At = now,
            VisibleToCitizen = true,
            Text = text,
            ToProvinceId = Tracked.ProvinceId,
        });
        notifications.RequestReopened(Tracked);
        return await SaveAndReturnAsync("اعتراض شما ثبت شد و درخواست دوباره برای کارشناس استان باز شد.", cancellationToken);
    }

    private async Task<IActionResult> SaveAndReturnAsync(string notice, CancellationToken cancellationToken)
    {
        Tracked.UpdatedAt = time.GetUtcNow().UtcDateTime;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Staff changed the request at the same moment; show the citizen the fresh state and keep their text.
            logger.LogInformation("Citizen action on request {RequestId} met a concurrent change", Tracked.Id);
            db.ChangeTracker.Clear();
            await LoadAsync(cancellationToken);
            ModelState.AddModelError(string.Empty, "درخواست هم‌زمان به‌روز شد. وضعیت تازه را ببینید و دوباره بفرستید.");
            return PageWithStatus(StatusCodes.Status409Conflict);
        }

        Notice = notice;
        // An explicit address: RedirectToPage would carry the posting handler's name into the redirect.
        return LocalRedirect("/requests/track/result");
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

        var query = db.Requests.Include(r => r.Subject).Include(r => r.SubSubject).Include(r => r.Province)
            .Include(r => r.Attachments.Where(a => a.EventId == null));
        var request = await (track ? query : query.AsNoTracking()).FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (request is null)
        {
            return false;
        }

        Tracked = request;
        ProvinceName = request.Province?.Name ?? string.Empty;
        Timeline = await db.RequestEvents.AsNoTracking()
            .Where(e => e.RequestId == id && e.VisibleToCitizen && e.Kind != RequestEventKind.InternalNote)
            .Include(e => e.Attachments)
            .OrderBy(e => e.At).ThenBy(e => e.Id)
            .ToListAsync(cancellationToken);
        Answers = Timeline.Where(e => e.Kind == RequestEventKind.Answered).OrderByDescending(e => e.At).ToList();
        ProvinceNames = await db.Provinces.AsNoTracking().ToDictionaryAsync(p => p.Id, p => p.Name, cancellationToken);
        return true;
    }

    public string? ErrorFor(string key) =>
        ModelState.TryGetValue(key, out var entry) && entry.Errors.Count > 0 ? entry.Errors[0].ErrorMessage : null;

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
        _ => string.Empty,
    };
}

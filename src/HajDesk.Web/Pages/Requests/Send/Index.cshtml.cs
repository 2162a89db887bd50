using System.Globalization;
using HajDesk.Core.Data;
using HajDesk.Core.Persian;
using HajDesk.Core.Reference;
using HajDesk.Core.Requests;
using HajDesk.Web.Captcha;
using HajDesk.Web.CivilRegistry;
using HajDesk.Web.Infrastructure;
using HajDesk.Web.Notifications;
using HajDesk.Web.Uploads;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HajDesk.Web.Pages.Requests.Send;

/// <summary>
/// ارسال درخواست: the seed's section 2. Every rule is enforced here on the server; the page's script only makes it
/// quicker (name lookup as you type, cascading subjects, calendar, upload progress).
/// </summary>
[NoStore]
[EnableRateLimiting(RateLimits.Forms)]
public class IndexModel(
    HajDeskDbContext db,
    ICivilRegistry registry,
    CaptchaService captcha,
    CitizenThrottle throttle,
    ReceiptCookie receipt,
    TimeProvider time,
    IOptions<UploadOptions> uploadOptions,
    RequestNotifications notifications,
    ILogger<IndexModel> logger) : PageModel
{
    private readonly UploadOptions uploads = uploadOptions.Value;

    [BindProperty]
    public SendRequestInput Input { get; set; } = new();

    [BindProperty]
    public List<IFormFile> Files { get; set; } = [];

    [BindProperty]
    public string? CaptchaId { get; set; }

    [BindProperty]
    public string? CaptchaAnswer { get; set; }

    /// <summary>The person the registry confirmed for the typed national code and birth date, if any.</summary>
    public RegistryPerson? Person { get; private set; }

    /// <summary>Files accepted by an earlier post of this form, kept so the citizen is not asked again.</summary>
    public List<Attachment> StagedFiles { get; private set; } = [];

    public List<Province> Provinces { get; private set; } = [];

    public List<Subject> MainSubjects { get; private set; } = [];

    public Guid CaptchaChallengeId { get; private set; }

    public UploadOptions Uploads => uploads;

    /// <summary>A banner above the form for problems that are not one field's (registry down, too many tries).</summary>
    public string? Notice { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Input.SubmissionKey = Guid.NewGuid().ToString();
        return await PageAsync(cancellationToken, StatusCodes.Status200OK);
    }

    /// <summary>The «استعلام» button: asks the registry and shows the name (the no-JavaScript path).</summary>
    public async Task<IActionResult> OnPostLookupAsync(CancellationToken cancellationToken)
    {
        ModelState.Clear();
        await StageUploadsAsync(cancellationToken);
        if (!TryReadIdentity(out var nationalCode, out var birthDate))
        {
            return await PageAsync(cancellationToken);
        }

        var outcome = await LookupPersonAsync(nationalCode, birthDate, cancellationToken);
        if (outcome == LookupOutcome.Throttled)
        {
            return StatusCode(StatusCodes.Status429TooManyRequests);
        }

        return await PageAsync(cancellationToken, Person is null ? StatusCodes.Status400BadRequest : StatusCodes.Status200OK);
    }

    /// <summary>The same lookup for the page's script, answered as JSON; rules and limits are the same.</summary>
    public async Task<IActionResult> OnPostLookupJsonAsync(CancellationToken cancellationToken)
    {
        ModelState.Clear();
        if (!TryReadIdentity(out var nationalCode, out var birthDate))
        {
            var errors = ModelState.Where(e => e.Value?.Errors.Count > 0)
                .ToDictionary(e => e.Key, e => e.Value!.Errors[0].ErrorMessage);
            return new JsonResult(new { status = "invalid", errors }) { StatusCode = StatusCodes.Status400BadRequest };
        }

        var outcome = await LookupPersonAsync(nationalCode, birthDate, cancellationToken);
        return outcome switch
        {
            LookupOutcome.Throttled => new JsonResult(new { status = "throttled", message = Messages.Throttled })
            {
                StatusCode = StatusCodes.Status429TooManyRequests,
            },
            LookupOutcome.Found => new JsonResult(new
            {
                status = "found",
                firstName = Person!.FirstName,
                lastName = Person.LastName,
                gender = Person.Gender.ToPersian(),
            }),
            LookupOutcome.Unavailable => new JsonResult(new { status = "unavailable", message = Messages.RegistryUnavailable }),
            _ => new JsonResult(new { status = "notFound", message = Messages.NotConfirmed }),
        };
    }

    /// <summary>«تصویر جدید» without JavaScript: the form comes back as typed, with a fresh security code.</summary>
    public async Task<IActionResult> OnPostNewCaptchaAsync(CancellationToken cancellationToken)
    {
        await ShowConfirmedPersonAsync(cancellationToken);
        await StageUploadsAsync(cancellationToken);
        return await PageAsync(cancellationToken, StatusCodes.Status200OK);
    }

    /// <summary>Removes one staged file of this form.</summary>
    public async Task<IActionResult> OnPostRemoveFileAsync(Guid fileId, CancellationToken cancellationToken)
    {
        await ShowConfirmedPersonAsync(cancellationToken);
        await StageUploadsAsync(cancellationToken);
        if (TryGetSubmissionKey(out var key))
        {
            await db.Attachments.Where(a => a.Id == fileId && a.StagingKey == key && a.RequestId == null)
                .ExecuteDeleteAsync(cancellationToken);
            StagedFiles = await LoadStagedAsync(key, cancellationToken);
        }

        return await PageAsync(cancellationToken, StatusCodes.Status200OK);
    }

    /// <summary>
    /// Without JavaScript every button renders the page anew; when national code and birth date are already typed
    /// correctly, show the registry's name again rather than losing it. Display only: sending asks the registry again.
    /// These buttons show no validation errors, so whatever the checks found is cleared.
    /// </summary>
    private async Task ShowConfirmedPersonAsync(CancellationToken cancellationToken)
    {
        if (TryReadIdentity(out var nationalCode, out var birthDate))
        {
            await LookupPersonAsync(nationalCode, birthDate, cancellationToken);
        }

        ModelState.Clear();
    }

    /// <summary>«ارسال»: validates everything, asks the registry again and stores the request with its files.</summary>
    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        ModelState.Clear();

        // A re-posted form (refresh, double click, retry) shows the receipt of the request it already created.
        if (TryGetSubmissionKey(out var submissionKey)
            && await db.Requests.Where(r => r.SubmissionKey == submissionKey).Select(r => (long?)r.Id)
                .FirstOrDefaultAsync(cancellationToken) is { } existingId)
        {
            receipt.Issue(Response, existingId);
            return RedirectToPage("Receipt");
        }

        if (!TryGetSubmissionKey(out submissionKey))
        {
            // A form without its token was not produced by this page; start it afresh.
            Input.SubmissionKey = Guid.NewGuid().ToString();
            submissionKey = Guid.Parse(Input.SubmissionKey);
        }

        await StageUploadsAsync(cancellationToken);
        var identityValid = TryReadIdentity(out var nationalCode, out var birthDate);
        var fields = await ValidateFieldsAsync(cancellationToken);

        // The security code is checked (and spent) before the registry is asked, so the registry cannot be used to
        // learn names without solving it.
        var captchaCheck = Guid.TryParse(CaptchaId, out var challengeId)
            ? await captcha.CheckAsync(challengeId, CaptchaAnswer, cancellationToken)
            : CaptchaCheck.AlreadyUsed;
        var captchaPassed = captchaCheck == CaptchaCheck.Passed;
        if (captchaCheck == CaptchaCheck.AlreadyUsed && challengeId != Guid.Empty
            && await WaitForTwinSubmissionAsync(submissionKey, challengeId, cancellationToken) is { } twinId)
        {
            receipt.Issue(Response, twinId);
            return RedirectToPage("Receipt");
        }

        if (!captchaPassed)
        {
            ModelState.AddModelError(nameof(CaptchaAnswer), string.IsNullOrWhiteSpace(CaptchaAnswer)
                ? Messages.CaptchaRequired
                : Messages.CaptchaWrong);
        }

        if (identityValid && captchaPassed)
        {
            var outcome = await LookupPersonAsync(nationalCode, birthDate, cancellationToken);
            if (outcome == LookupOutcome.Throttled)
            {
                return StatusCode(StatusCodes.Status429TooManyRequests);
            }
        }

        if (!ModelState.IsValid || fields is null || Person is null)
        {
            return await PageAsync(cancellationToken);
        }

        var requestId = await SaveAsync(submissionKey, fields, Person, cancellationToken);
        receipt.Issue(Response, requestId);
        return RedirectToPage("Receipt");
    }

    /// <summary>
    /// A double click sends the same form twice at once: the first post spends the security code, the second
    /// finds it used. If the code was spent moments ago, the twin is probably still saving this very form, so wait
    /// briefly for it and show its receipt instead of an error.
    /// </summary>
    private async Task<long?> WaitForTwinSubmissionAsync(Guid submissionKey, Guid challengeId, CancellationToken cancellationToken)
    {
        var since = time.GetUtcNow().UtcDateTime.AddSeconds(-30);
        if (!await db.CaptchaChallenges.AnyAsync(c => c.Id == challengeId && c.UsedAt >= since, cancellationToken))
        {
            return null;
        }

        for (var attempt = 0; attempt < 40; attempt++)
        {
            var id = await db.Requests.AsNoTracking().Where(r => r.SubmissionKey == submissionKey)
                .Select(r => (long?)r.Id).FirstOrDefaultAsync(cancellationToken);
            if (id is not null)
            {
                return id;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250), time, cancellationToken);
        }

        return null;
    }

    private async Task<long> SaveAsync(Guid submissionKey, ValidFields fields, RegistryPerson person, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var subject = fields.SubSubject ?? fields.Subject;
        var request = new ServiceRequest
        {
            TrackingCode = TrackingCode.New(),
            SubmissionKey = submissionKey,
            NationalCode = person.NationalCode,
            BirthDate = person.BirthDate,
            FirstName = person.FirstName,
            LastName = person.LastName,
            Gender = person.Gender,
            ProvinceId = fields.Province.Id,
            Email = fields.Email,
            Mobile = fields.Mobile,
            LandlineAreaCode = fields.LandlineAreaCode,
            LandlineNumber = fields.LandlineNumber,
            SubjectId = fields.Subject.Id,
            SubSubjectId = fields.SubSubject?.Id,
            Text = fields.Text,
            Status = RequestStatus.Submitted,
            CreatedAt = now,
            UpdatedAt = now,
            DueAt = WorkingDays.AddWorkingDays(now, subject.ResponseDays),
        };
        request.Events.Add(new RequestEvent
        {
            Kind = RequestEventKind.Submitted,
            At = now,
            VisibleToCitizen = true,
            ToProvinceId = fields.Province.Id,
            ToSubjectId = subject.Id,
        });
        db.Requests.Add(request);

        // The staged files join the request in the same transaction: the tracking code is shown only once the
        // request and all of its files are committed together.
        foreach (var file in StagedFiles)
        {
            db.Attachments.Attach(file);
            file.Request = request;
            file.StagingKey = null;
        }

        for (var attempt = 1; ; attempt++)
        {
            try
            {
                // The citizen's SMS (and e-mail) are committed with the request; called on every attempt so that a
                // redrawn tracking code replaces the messages of the failed one.
                notifications.RequestReceived(request);
                await db.SaveChangesAsync(cancellationToken);
                logger.LogInformation("Request {RequestId} submitted for province {ProvinceId}", request.Id, request.ProvinceId);
                return request.Id;
            }
            catch (DbUpdateException) when (attempt < 4)
            {
                // Either this very form was committed a moment ago by a double click, or (rarely) the random tracking
                // code is taken. In the first case the first request wins; in the second, draw again.
                var existing = await db.Requests.AsNoTracking().Where(r => r.SubmissionKey == submissionKey)
                    .Select(r => (long?)r.Id).FirstOrDefaultAsync(cancellationToken);
                if (existing is { } id)
                {
                    return id;
                }

                request.TrackingCode = TrackingCode.New();
            }
        }
    }

    private sealed record ValidFields(
        Province Province,
        Subject Subject,
        Subject? SubSubject,
        string Mobile,
        string? Email,
        string? LandlineAreaCode,
        string? LandlineNumber,
        string Text);

    private async Task<ValidFields?> ValidateFieldsAsync(CancellationToken cancellationToken)
    {
        Province? province = null;
        if (string.IsNullOrWhiteSpace(Input.ProvinceId))
        {
            AddError(nameof(Input.ProvinceId), "استان را انتخاب کنید.");
        }
        else if (!int.TryParse(PersianText.NormalizeNumeric(Input.ProvinceId), CultureInfo.InvariantCulture, out var provinceId)
            || (province = await db.Provinces.AsNoTracking().FirstOrDefaultAsync(p => p.Id == provinceId, cancellationToken)) is null)
        {
            AddError(nameof(Input.ProvinceId), "استان انتخاب‌شده معتبر نیست؛ یکی از استان‌های فهرست را انتخاب کنید.");
        }

        string? email = null;
        if (!string.IsNullOrWhiteSpace(Input.Email))
        {
            email = PersianText.NormalizeNumeric(Input.Email).ToLowerInvariant();
            if (!EmailAddress.IsValid(email))
            {
                AddError(nameof(Input.Email), "ایمیل معتبر نیست؛ نمونه درست: name@example.com");
                email = null;
            }
        }

        string mobile = string.Empty;
        if (string.IsNullOrWhiteSpace(Input.Mobile))
        {
            AddError(nameof(Input.Mobile), "شماره تلفن همراه را وارد کنید.");
        }
        else if (!PhoneNumber.TryNormalizeMobile(Input.Mobile, out mobile))
        {
            AddError(nameof(Input.Mobile), "شماره تلفن همراه معتبر نیست؛ یازده رقم و با ۰۹ شروع شود، مانند ۰۹۱۲۱۲۳۴۵۶۷.");
        }

        string? areaCode = null, landline = null;
        if (!string.IsNullOrWhiteSpace(Input.LandlineNumber))
        {
            var knownAreaCodes = await db.Provinces.AsNoTracking().Select(p => p.AreaCode).ToListAsync(cancellationToken);
            if (string.IsNullOrWhiteSpace(Input.LandlineAreaCode))
            {
                AddError(nameof(Input.LandlineAreaCode), "پیش‌شماره تلفن ثابت را وارد کنید.");
            }
            else if (!PhoneNumber.TryNormalizeLandline(Input.LandlineAreaCode, Input.LandlineNumber, knownAreaCodes, out var a, out var n))
            {
                if (!PhoneNumber.TryNormalizeLandline(Input.LandlineAreaCode, "22222222", knownAreaCodes, out _, out _))
                {
                    AddError(nameof(Input.LandlineAreaCode), "پیش‌شماره معتبر نیست؛ پیش‌شماره یکی از استان‌ها را وارد کنید، مانند ۰۲۱.");
                }
                else
                {
                    AddError(nameof(Input.LandlineNumber), "شماره تلفن ثابت معتبر نیست؛ هشت رقم بدون پیش‌شماره وارد کنید.");
                }
            }
            else
            {
                (areaCode, landline) = (a, n);
            }
        }

        var (subject, subSubject) = await ValidateSubjectsAsync(cancellationToken);

        var text = PersianText.NormalizeText(Input.Text);
        if (text.Length == 0)
        {
            AddError(nameof(Input.Text), "متن درخواست را بنویسید.");
        }
        else if (text.Length > ServiceRequest.MaxTextLength)
        {
            AddError(nameof(Input.Text),
                $"متن درخواست حداکثر {PersianText.ToPersianDigits(ServiceRequest.MaxTextLength.ToString(CultureInfo.InvariantCulture))} نویسه است؛ اکنون {PersianText.ToPersianDigits(text.Length.ToString(CultureInfo.InvariantCulture))} نویسه است.");
        }

        var effective = subSubject ?? subject;
        if (effective is not null && effective.AttachmentRequired && StagedFiles.Count == 0 && !ModelState.ContainsKey(nameof(Files)))
        {
            AddError(nameof(Files), $"برای موضوع «{effective.Name}» فرستادن مدرک لازم است؛ دست‌کم یک فایل انتخاب کنید.", raw: true);
        }

        return ModelState.IsValid && province is not null && subject is not null
            ? new ValidFields(province, subject, subSubject, mobile, email, areaCode, landline, text)
            : null;
    }

    private async Task<(Subject? Subject, Subject? SubSubject)> ValidateSubjectsAsync(CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(Input.SubjectId))
        {
            AddError(nameof(Input.SubjectId), "موضوع اصلی را انتخاب کنید.");
            return (null, null);
        }

        var subject = int.TryParse(PersianText.NormalizeNumeric(Input.SubjectId), CultureInfo.InvariantCulture, out var subjectId)
            ? await db.Subjects.AsNoTracking().Include(s => s.Children)
                .FirstOrDefaultAsync(s => s.Id == subjectId && s.ParentId == null && s.IsActive, cancellationToken)
            : null;
        if (subject is null)
        {
            AddError(nameof(Input.SubjectId), "موضوع اصلی انتخاب‌شده معتبر نیست؛ یکی از موضوع‌های فهرست را انتخاب کنید.");
            return (null, null);
        }

        var activeChildren = subject.Children.Where(c => c.IsActive).ToList();
        if (activeChildren.Count == 0)
        {
            return (subject, null);
        }

        if (string.IsNullOrWhiteSpace(Input.SubSubjectId))
        {
            AddError(nameof(Input.SubSubjectId), $"موضوع فرعی «{subject.Name}» را انتخاب کنید.");
            return (subject, null);
        }

        var subSubject = int.TryParse(PersianText.NormalizeNumeric(Input.SubSubjectId), CultureInfo.InvariantCulture, out var subId)
            ? activeChildren.FirstOrDefault(c => c.Id == subId)
            : null;
        if (subSubject is null)
        {
            AddError(nameof(Input.SubSubjectId), $"موضوع فرعی انتخاب‌شده زیرمجموعه «{subject.Name}» نیست؛ یکی از موضوع‌های فرعی آن را انتخاب کنید.");
        }

        return (subject, subSubject);
    }

    /// <summary>Checks national code and birth date; adds field errors; true when both are usable.</summary>
    private bool TryReadIdentity(out string nationalCode, out DateOnly birthDate)
    {
        birthDate = default;
        var valid = true;
        if (string.IsNullOrWhiteSpace(Input.NationalCode))
        {
            AddError(nameof(Input.NationalCode), "کد ملی را وارد کنید.");
            valid = false;
        }
        else if (!NationalCode.TryNormalize(Input.NationalCode, out _))
        {
            AddError(nameof(Input.NationalCode), "کد ملی معتبر نیست؛ ده رقم کد ملی را بدون خط تیره وارد کنید.");
            valid = false;
        }

        NationalCode.TryNormalize(Input.NationalCode, out nationalCode);

        if (string.IsNullOrWhiteSpace(Input.BirthDay) || string.IsNullOrWhiteSpace(Input.BirthMonth) || string.IsNullOrWhiteSpace(Input.BirthYear))
        {
            AddError(nameof(Input.BirthDay), "تاریخ تولد را کامل وارد کنید: روز، ماه و سال.");
            return false;
        }

        if (!int.TryParse(PersianText.NormalizeNumeric(Input.BirthDay), NumberStyles.None, CultureInfo.InvariantCulture, out var day)
            || !int.TryParse(PersianText.NormalizeNumeric(Input.BirthMonth), NumberStyles.None, CultureInfo.InvariantCulture, out var month)
            || !int.TryParse(PersianText.NormalizeNumeric(Input.BirthYear), NumberStyles.None, CultureInfo.InvariantCulture, out var year))
        {
            AddError(nameof(Input.BirthDay), "تاریخ تولد را با عدد وارد کنید؛ مانند ۱۲ / تیر / ۱۳۶۵.");
            return false;
        }

        if (year is >= 0 and < 100)
        {
            AddError(nameof(Input.BirthYear), "سال تولد را چهاررقمی وارد کنید؛ مانند ۱۳۶۵.");
            return false;
        }

        if (!JalaliDate.TryCreate(year, month, day, out birthDate))
        {
            AddError(nameof(Input.BirthDay), "این تاریخ در تقویم وجود ندارد؛ روز، ماه و سال تولد را بررسی کنید.");
            return false;
        }

        switch (BirthDate.Check(birthDate, JalaliDate.TodayInTehran(time)))
        {
            case BirthDateProblem.InFuture:
                AddError(nameof(Input.BirthYear), "تاریخ تولد نمی‌تواند در آینده باشد.");
                return false;
            case BirthDateProblem.TooOld:
                AddError(nameof(Input.BirthYear), "سال تولد درست نیست؛ سال تولد را بررسی کنید.");
                return false;
        }

        return valid;
    }

    private enum LookupOutcome
    {
        Found,
        NotFound,
        Unavailable,
        Throttled,
    }

    private async Task<LookupOutcome> LookupPersonAsync(string nationalCode, DateOnly birthDate, CancellationToken cancellationToken)
    {
        if (!throttle.TryAcquire(ThrottleBucket.RegistryByClient, RateLimits.ClientKey(HttpContext))
            || !throttle.TryAcquire(ThrottleBucket.RegistryByNationalCode, nationalCode))
        {
            logger.LogWarning("Registry lookups throttled for a client");
            return LookupOutcome.Throttled;
        }

        var result = await registry.LookupAsync(nationalCode, birthDate, cancellationToken);
        switch (result.Outcome)
        {
            case RegistryOutcome.Found:
                Person = result.Person;
                return LookupOutcome.Found;
            case RegistryOutcome.Unavailable:
                Notice = Messages.RegistryUnavailable;
                ModelState.AddModelError(string.Empty, Messages.RegistryUnavailable);
                return LookupOutcome.Unavailable;
            default:
                AddError(nameof(Input.NationalCode), Messages.NotConfirmed);
                return LookupOutcome.NotFound;
        }
    }

    /// <summary>
    /// Accepts this post's files into the staging area (bytes checked by content), so that a form re-rendered for
    /// any reason keeps them. Refused files get a message naming the file and why.
    /// </summary>
    private async Task StageUploadsAsync(CancellationToken cancellationToken)
    {
        if (!TryGetSubmissionKey(out var key))
        {
            return;
        }

        StagedFiles = await LoadStagedAsync(key, cancellationToken);
        var uploaded = Files.Where(f => f.Length > 0 || !string.IsNullOrEmpty(f.FileName)).ToList();
        if (uploaded.Count == 0)
        {
            return;
        }

        var now = time.GetUtcNow().UtcDateTime;
        var problems = new List<string>();
        foreach (var upload in uploaded)
        {
            if (StagedFiles.Count >= uploads.MaxFiles)
            {
                problems.Add($"فایل «{FileInspector.SafeDisplayName(upload.FileName)}» پذیرفته نشد: حداکثر {PersianText.ToPersianDigits(uploads.MaxFiles.ToString(CultureInfo.InvariantCulture))} فایل می‌توانید بفرستید.");
                continue;
            }

            var (file, error) = await FileInspector.InspectAsync(upload, uploads, cancellationToken);
            if (file is null)
            {
                problems.Add(error!);
                continue;
            }

            var attachment = file.ToAttachment(now);
            attachment.StagingKey = key;
            db.Attachments.Add(attachment);
            StagedFiles.Add(attachment);
        }

        await db.SaveChangesAsync(cancellationToken);
        foreach (var attachment in StagedFiles)
        {
            // Keep the bytes out of memory once stored; later steps need only the metadata.
            db.Entry(attachment).State = EntityState.Detached;
            attachment.Content = null;
        }

        if (problems.Count > 0)
        {
            AddError(nameof(Files), string.Join(" ", problems), raw: true);
        }
    }

    private Task<List<Attachment>> LoadStagedAsync(Guid key, CancellationToken cancellationToken) =>
        db.Attachments.AsNoTracking().Where(a => a.StagingKey == key && a.RequestId == null)
            .OrderBy(a => a.CreatedAt).ToListAsync(cancellationToken);

    private bool TryGetSubmissionKey(out Guid key) =>
        Guid.TryParse(Input.SubmissionKey, out key) && key != Guid.Empty;

    private void AddError(string field, string message, bool raw = false) =>
        ModelState.AddModelError(raw ? field : $"{nameof(Input)}.{field}", message);

    /// <summary>Loads what the form shows, issues a fresh security code and renders with the given status.</summary>
    private async Task<PageResult> PageAsync(CancellationToken cancellationToken, int? status = null)
    {
        Provinces = await db.Provinces.AsNoTracking().OrderBy(p => p.DisplayOrder).ToListAsync(cancellationToken);
        MainSubjects = await db.Subjects.AsNoTracking()
            .Where(s => s.ParentId == null && s.IsActive)
            .Include(s => s.Children.Where(c => c.IsActive).OrderBy(c => c.DisplayOrder))
            .OrderBy(s => s.DisplayOrder).ToListAsync(cancellationToken);
        if (TryGetSubmissionKey(out var key) && StagedFiles.Count == 0)
        {
            StagedFiles = await LoadStagedAsync(key, cancellationToken);
        }

        CaptchaChallengeId = await captcha.CreateAsync(cancellationToken);
        CaptchaAnswer = null;
        ModelState.Remove(nameof(CaptchaAnswer) + ".Raw");
        Response.StatusCode = status ?? (ModelState.IsValid ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest);
        return Page();
    }

    /// <summary>The first error of a field, for the view.</summary>
    public string? ErrorFor(string key) =>
        ModelState.TryGetValue(key, out var entry) && entry.Errors.Count > 0 ? entry.Errors[0].ErrorMessage : null;

    public static class Messages
    {
        public const string NotConfirmed =
            "کد ملی و تاریخ تولد در سامانه ثبت احوال با هم تأیید نشد؛ هر دو را دوباره بررسی کنید. بدون تأیید آن‌ها ارسال درخواست ممکن نیست.";

        public const string RegistryUnavailable =
            "سامانه ثبت احوال اکنون پاسخ نمی‌دهد. اطلاعات فرم نگه داشته شده است؛ چند دقیقه دیگر دوباره «استعلام» یا «ارسال» را بزنید.";

        public const string Throttled = "تعداد استعلام‌ها بیش از حد مجاز است. چند دقیقه صبر کنید و دوباره تلاش کنید.";

        public const string CaptchaRequired = "کد امنیتی را وارد کنید.";

        public const string CaptchaWrong = "کد امنیتی درست نبود یا منقضی شده است؛ کد تصویر جدید را وارد کنید.";
    }
}

using HajDesk.Core.Data;
using HajDesk.Core.Notifications;
using HajDesk.Core.Persian;
using HajDesk.Core.Requests;
using HajDesk.Core.Requests.Submission;
using HajDesk.Web.Captcha;
using HajDesk.Web.Infrastructure;
using HajDesk.Web.Notifications;
using HajDesk.Web.Staff;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace HajDesk.Web.Pages.Requests.Track;

/// <summary>
/// «کد پیگیری را فراموش کرده‌ام» (issue 25): national code, birth date and the security code; the tracking codes of
/// that person's requests of the last twelve months go by SMS (through the outbox) to each request's verified mobile.
/// The page says the same sentence whether or not anything was found, after the same work (one query, one audit row,
/// one commit); limited per address and per national code on every node together.
/// </summary>
[NoStore]
[EnableRateLimiting(RateLimits.Forms)]
public class LostModel(
    HajDeskDbContext db,
    LostTrackingCodes lostCodes,
    CaptchaService captcha,
    Throttle throttle,
    AuditLog audit,
    OutboxSignal signal,
    TimeProvider time,
    ILogger<LostModel> logger) : PageModel
{
    /// <summary>The one answer, found or not.</summary>
    public const string Answer =
        "اگر درخواستی با این مشخصات در دوازده ماه گذشته ثبت شده باشد، کد پیگیری آن به شماره همراه تأییدشده‌اش پیامک می‌شود.";

    public const string AuditAction = AuditActions.CitizenLostCodes;

    /// <summary>The SMS, around the codes (Persian digits, in groups).</summary>
    public static string SmsText(IEnumerable<string> codes) =>
        "کد پیگیری درخواست‌های شما در میز خدمت حج و زیارت: "
        + string.Join("، ", codes.Select(c => IdentifierDigits.TrackingCode(c, IdentifierReader.Citizen)))
        + " — این پیام را شما خواسته‌اید؛ اگر نه، نادیده بگیرید.";

    /// <summary>Only the identity fields of the send form are bound (same names, ids and checks).</summary>
    [BindProperty]
    public SubmissionInput Input { get; set; } = new();

    [BindProperty]
    public string? CaptchaId { get; set; }

    [BindProperty]
    public string? CaptchaAnswer { get; set; }

    public Guid CaptchaChallengeId { get; private set; }

    /// <summary>True after an accepted request: the page shows <see cref="Answer"/>.</summary>
    public bool Answered { get; private set; }

    public IActionResult OnGet() => PageWithNewCode(StatusCodes.Status200OK);

    public IActionResult OnPostNewCaptcha()
    {
        ModelState.Clear();
        return PageWithNewCode(StatusCodes.Status200OK);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        ModelState.Clear();
        var errors = new FieldErrors();
        var identity = SubmissionRules.TryReadIdentity(Input, JalaliDate.TodayInTehran(time), errors, out var nationalCode, out var birthDate);
        foreach (var (field, message) in errors)
        {
            var key = $"{nameof(Input)}.{field}";
            if (!ModelState.TryGetValue(key, out var entry) || entry.Errors.Count == 0)
            {
                ModelState.AddModelError(key, message);
            }
        }

        // The security code is one-time: spent here, right or wrong.
        var captchaPassed = Guid.TryParse(CaptchaId, out var challengeId)
            && await captcha.VerifyAsync(challengeId, CaptchaAnswer, cancellationToken);
        if (!captchaPassed)
        {
            ModelState.AddModelError(nameof(CaptchaAnswer),
                string.IsNullOrWhiteSpace(CaptchaAnswer) ? CaptchaField.MissingAnswer : CaptchaField.WrongAnswer);
        }

        if (!identity || !ModelState.IsValid)
        {
            return PageWithNewCode(StatusCodes.Status400BadRequest);
        }

        // Both limits are spent by every accepted request, found or not, so being refused says nothing either.
        if (!await throttle.TryAcquireAsync(SharedLimit.LostCodesByClient, RateLimits.ClientKey(HttpContext), cancellationToken)
            || !await throttle.TryAcquireAsync(SharedLimit.LostCodesByNationalCode, nationalCode, cancellationToken))
        {
            logger.LogWarning("Forgotten tracking codes throttled, reference {LookupRef}", LogReference.Of("national-code", nationalCode));
            return StatusCode(StatusCodes.Status429TooManyRequests);
        }

        // The same path whether found or not: one query, the audit row, one commit; the SMS go through the outbox
        // afterwards, so the answer never waits for the operator.
        var owed = await lostCodes.FindAsync(nationalCode, birthDate, cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        foreach (var mobile in owed)
        {
            db.OutboxMessages.Add(new OutboxMessage
            {
                Channel = NotificationChannel.Sms,
                Template = "tracking.lost",
                Recipient = mobile.Mobile,
                Body = SmsText(mobile.TrackingCodes),
                Status = OutboxStatus.Pending,
                CreatedAt = now,
                NextAttemptAt = now,
            });
        }

        // Audited without the codes, the mobiles or the national code in clear.
        audit.AddFor(null, null, AuditAction, null,
            $"درخواست کد پیگیری فراموش‌شده برای کد ملی {Mask(nationalCode)}؛ {PersianText.ToPersianDigits(owed.Count.ToString(System.Globalization.CultureInfo.InvariantCulture))} پیامک");
        await db.SaveChangesAsync(cancellationToken);
        signal.Notify();
        logger.LogInformation("Forgotten tracking codes asked, reference {LookupRef}", LogReference.Of("national-code", nationalCode));

        Answered = true;
        Input = new SubmissionInput();
        return PageWithNewCode(StatusCodes.Status200OK);
    }

    /// <summary>049****899, as the receipt masks it.</summary>
    private static string Mask(string nationalCode) => nationalCode[..3] + "****" + nationalCode[7..];

    private PageResult PageWithNewCode(int status)
    {
        CaptchaChallengeId = captcha.Create();
        CaptchaAnswer = null;
        ModelState.Remove(nameof(CaptchaAnswer) + ".Raw");
        if (Answered)
        {
            ModelState.Clear();
        }

        Response.StatusCode = status;
        return Page();
    }

    public string? ErrorFor(string key) =>
        ModelState.TryGetValue(key, out var entry) && entry.Errors.Count > 0 ? entry.Errors[0].ErrorMessage : null;
}

using System.Security.Cryptography;
using System.Text;
using HajDesk.Core.Data;
using HajDesk.Web.Captcha;
using HajDesk.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;

namespace HajDesk.Web.Pages.Requests.Track;

/// <summary>
/// پیگیری درخواست: the seed's section 3. National code + tracking code + security code, posted (never in a URL);
/// every kind of mismatch gets the same answer.
/// </summary>
[NoStore]
[EnableRateLimiting(RateLimits.Forms)]
public class IndexModel(
    HajDeskDbContext db,
    CaptchaService captcha,
    Throttle throttle,
    TrackingCookie trackingCookie,
    ILogger<IndexModel> logger) : PageModel
{
    /// <summary>The one message for a wrong national code, a wrong tracking code, or a pair that does not belong together.</summary>
    public const string MismatchMessage =
        "درخواستی با این کد ملی و کد پیگیری پیدا نشد. هر دو را دوباره بررسی کنید.";

    public const string TrackingCodeInvalid = "کد پیگیری را درست وارد کنید؛ کد پیگیری دوازده رقم است.";

    /// <summary>Room for ten digits with the dashes or spaces people type between them.</summary>
    public const int NationalCodeMaxLength = 20;

    /// <summary>Room for twelve digits in groups.</summary>
    public const int TrackingCodeMaxLength = 30;

    [BindProperty]
    public string? NationalCode { get; set; }

    [BindProperty]
    public string? TrackingCode { get; set; }

    [BindProperty]
    public string? CaptchaId { get; set; }

    [BindProperty]
    public string? CaptchaAnswer { get; set; }

    public Guid CaptchaChallengeId { get; private set; }

    public IActionResult OnGet() => PageWithNewCode(StatusCodes.Status200OK);

    public IActionResult OnPostNewCaptcha()
    {
        ModelState.Clear();
        return PageWithNewCode(StatusCodes.Status200OK);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        ModelState.Clear();
        string? nationalCode = null;
        if (string.IsNullOrWhiteSpace(NationalCode))
        {
            ModelState.AddModelError(nameof(NationalCode), Core.Persian.NationalCode.RequiredMessage);
        }
        else if (!Core.Persian.NationalCode.TryNormalize(NationalCode, out var normalized))
        {
            ModelState.AddModelError(nameof(NationalCode), Core.Persian.NationalCode.InvalidMessage);
        }
        else
        {
            nationalCode = normalized;
        }

        string? trackingCode = null;
        if (string.IsNullOrWhiteSpace(TrackingCode))
        {
            ModelState.AddModelError(nameof(TrackingCode), "کد پیگیری را وارد کنید.");
        }
        else if (!Core.Requests.TrackingCode.TryNormalize(TrackingCode, out var code))
        {
            // The check digit catches a mistyped code before any lookup.
            ModelState.AddModelError(nameof(TrackingCode), TrackingCodeInvalid);
        }
        else
        {
            trackingCode = code;
        }

        var captchaPassed = Guid.TryParse(CaptchaId, out var challengeId)
            && await captcha.VerifyAsync(challengeId, CaptchaAnswer, cancellationToken);
        if (!captchaPassed)
        {
            ModelState.AddModelError(nameof(CaptchaAnswer),
                string.IsNullOrWhiteSpace(CaptchaAnswer) ? CaptchaField.MissingAnswer : CaptchaField.WrongAnswer);
        }

        if (!ModelState.IsValid || nationalCode is null || trackingCode is null)
        {
            return PageWithNewCode(StatusCodes.Status400BadRequest);
        }

        if (!await throttle.TryAcquireAsync(SharedLimit.TrackByClient, RateLimits.ClientKey(HttpContext), cancellationToken))
        {
            logger.LogWarning("Follow-up lookups throttled for a client");
            return StatusCode(StatusCodes.Status429TooManyRequests);
        }

        // One query whatever the input, and a constant-time comparison, so a wrong national code and a wrong
        // tracking code cost the same and look the same.
        var found = await FindByTrackingCode.For(db)(db, trackingCode, cancellationToken);
        var expected = Encoding.ASCII.GetBytes(found?.NationalCode ?? "----------");
        var matches = CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(nationalCode)) && found is not null;
        if (!matches)
        {
            // A reference keyed inside this process only (LogReference): the log never lets anyone recover the code.
            logger.LogWarning("Follow-up lookup failed, reference {LookupRef}", LogReference.Of("tracking-code", trackingCode));
            // Only failures spend the national code's budget: others failing in a citizen's name never keep the
            // owner's right pair out (finding 5 of the security review).
            if (!await throttle.TryAcquireAsync(SharedLimit.TrackByNationalCode, nationalCode, cancellationToken))
            {
                logger.LogWarning("Failed follow-up lookups throttled for a national code");
                return StatusCode(StatusCodes.Status429TooManyRequests);
            }

            ModelState.AddModelError(string.Empty, MismatchMessage);
            return PageWithNewCode(StatusCodes.Status400BadRequest);
        }

        trackingCookie.Issue(Response, found!.Id);
        return RedirectToPage("Result");
    }

    // Compiled once: every follow-up asks it.
    private static readonly PerModelQuery<Func<HajDeskDbContext, string, CancellationToken, Task<TrackedRequest?>>> FindByTrackingCode = new(() =>
        EF.CompileAsyncQuery((HajDeskDbContext db, string trackingCode, CancellationToken _) =>
            db.Requests.AsNoTracking().Where(r => r.TrackingCode == trackingCode)
                .Select(r => new TrackedRequest(r.Id, r.NationalCode)).FirstOrDefault()));

    private sealed record TrackedRequest(long Id, string NationalCode);

    /// <summary>The form again, with a new security code (issuing one writes nothing).</summary>
    private PageResult PageWithNewCode(int status)
    {
        CaptchaChallengeId = captcha.Create();
        CaptchaAnswer = null;
        Response.StatusCode = status;
        return Page();
    }

    public string? ErrorFor(string key) =>
        ModelState.TryGetValue(key, out var entry) && entry.Errors.Count > 0 ? entry.Errors[0].ErrorMessage : null;
}

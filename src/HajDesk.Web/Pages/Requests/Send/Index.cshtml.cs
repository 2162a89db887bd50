using HajDesk.Core.Requests.Submission;
using HajDesk.Web.Captcha;
using HajDesk.Web.Infrastructure;
using HajDesk.Web.Submission;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace HajDesk.Web.Pages.Requests.Send;

/// <summary>
/// ارسال درخواست: the seed's section 2. Each button binds the form, makes one call to <see cref="CitizenSend"/> (the
/// send's protocol; the rules are <see cref="SubmissionService"/>'s) and shows the step it answers. The page's script
/// only makes it quicker (name lookup as you type, cascading subjects, calendar, upload progress).
/// </summary>
[NoStore]
[EnableRateLimiting(RateLimits.Forms)]
public class IndexModel(
    CitizenSend send, SendRegistryGate gate, CaptchaService captcha, ReceiptCookie receipt) : PageModel
{
    [BindProperty]
    public SubmissionInput Input { get; set; } = new();

    [BindProperty]
    public List<IFormFile> Files { get; set; } = [];

    [BindProperty]
    public string? CaptchaId { get; set; }

    [BindProperty]
    public string? CaptchaAnswer { get; set; }

    /// <summary>The token the server issued with this form; registry lookups without one are refused.</summary>
    [BindProperty]
    public string? LookupToken { get; set; }

    /// <summary>The one-time code «کد تأیید» typed on the code step.</summary>
    [BindProperty]
    public string? VerificationCode { get; set; }

    /// <summary>The code step or the open-request step, shown instead of the form (typed fields ride along); null: the form.</summary>
    public SendOutcome? Step { get; private set; }

    /// <summary>What the form shows: choices, the subject's guide and fields, the registry's person, staged files, the notice.</summary>
    public SubmissionFormView View { get; } = new();

    public Guid CaptchaChallengeId { get; private set; }

    private SendForm Posted => new(Input, Files, CaptchaId, CaptchaAnswer, LookupToken, VerificationCode);

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Input.SubmissionKey = Guid.NewGuid().ToString();
        return await PageAsync(cancellationToken, StatusCodes.Status200OK, freshForm: true);
    }

    /// <summary>The «استعلام» button: asks the registry and shows the name (the no-JavaScript path).</summary>
    public async Task<IActionResult> OnPostLookupAsync(CancellationToken cancellationToken) =>
        (await LookupAsync(cancellationToken)).Outcome == IdentityOutcome.Throttled && gate.FormPermit == FormLookupPermit.Allowed
            ? StatusCode(StatusCodes.Status429TooManyRequests)
            : await PageAsync(cancellationToken, View.Person is null ? StatusCodes.Status400BadRequest : StatusCodes.Status200OK);

    /// <summary>The same lookup for the page's script, answered as JSON; rules and limits are the same.</summary>
    public async Task<IActionResult> OnPostLookupJsonAsync(CancellationToken cancellationToken) =>
        LookupJson.From((await send.LookupAsync(Input, LookupToken, cancellationToken)).Check, gate.FormPermit);

    /// <summary>«تصویر جدید», «راهنما» and «ویرایش فرم» without JavaScript: the form as typed, with a fresh security code.</summary>
    public Task<IActionResult> OnPostNewCaptchaAsync(CancellationToken cancellationToken) => ShowAsync(SendOutcome.FormAgain, cancellationToken);

    public Task<IActionResult> OnPostGuideAsync(CancellationToken cancellationToken) => ShowAsync(SendOutcome.FormAgain, cancellationToken);

    public Task<IActionResult> OnPostEditAsync(CancellationToken cancellationToken) => ShowAsync(SendOutcome.FormAgain, cancellationToken);

    /// <summary>Removes one staged file of this form.</summary>
    public async Task<IActionResult> OnPostRemoveFileAsync(Guid fileId, CancellationToken cancellationToken) =>
        await ShowAsync(await send.RemoveFileAsync(Posted, fileId, cancellationToken), cancellationToken);

    /// <summary>«ارسال»: the receipt, the 429, the code step, the open-request step or the form with its errors.</summary>
    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken) =>
        await ShowAsync(await send.SendAsync(Posted, cancellationToken), cancellationToken);

    /// <summary>«تأیید و ارسال درخواست», «ارسال دوباره کد» (code step); «ثبت درخواست جدید», «ارسال دوباره کد پیگیری» (open-request step).</summary>
    public async Task<IActionResult> OnPostVerifyAsync(CancellationToken cancellationToken) =>
        await ShowAsync(await send.VerifyAsync(Posted, cancellationToken), cancellationToken);

    public async Task<IActionResult> OnPostResendAsync(CancellationToken cancellationToken) =>
        await ShowAsync(await send.ResendCodeAsync(Posted, cancellationToken), cancellationToken);

    public async Task<IActionResult> OnPostSendNewAsync(CancellationToken cancellationToken) =>
        await ShowAsync(await send.SendNewAsync(Posted, cancellationToken), cancellationToken);

    public async Task<IActionResult> OnPostRemindAsync(CancellationToken cancellationToken) =>
        await ShowAsync(await send.RemindAsync(Posted, cancellationToken), cancellationToken);

    /// <summary>Shows the step the send answered; a step other than the form keeps the typed fields hidden and the files staged.</summary>
    private async Task<IActionResult> ShowAsync(SendOutcome outcome, CancellationToken cancellationToken)
    {
        ModelState.Clear();
        switch (outcome.Step)
        {
            case SendStep.Receipt:
                receipt.Issue(Response, outcome.RequestId!.Value);
                return RedirectToPage("Receipt");
            case SendStep.TooMany:
                return StatusCode(StatusCodes.Status429TooManyRequests);
            case SendStep.StartAgain:
                // Every button renders the page anew without script: with national code and birth date typed right,
                // the registry's name is shown again (display only: sending asks again), without field errors.
                await LookupAsync(cancellationToken);
                ModelState.Clear();
                View.Notice = null;
                break;
        }

        SubmissionForm.Show(View, ModelState, outcome.Errors, outcome.Notices, outcome.Person, outcome.StagedFiles,
            CitizenSend.SecurityCodeField, CitizenSend.VerificationCodeField);
        if (outcome.Step is not (SendStep.CodeStep or SendStep.OpenRequestStep))
        {
            return await PageAsync(cancellationToken, outcome.Status);
        }

        Step = outcome;
        VerificationCode = null;
        ModelState.Remove(nameof(VerificationCode) + ".Raw");
        LookupToken = await send.LoadStepAsync(View, Posted, cancellationToken);
        Response.StatusCode = outcome.Status ?? StatusCodes.Status200OK;
        return Page();
    }

    /// <summary>Asks the registry for the typed identity if the form may (this post's files staged first); its errors shown.</summary>
    private async Task<IdentityCheck> LookupAsync(CancellationToken cancellationToken)
    {
        ModelState.Clear();
        var (check, notice, staged) = await send.LookupKeepingFilesAsync(Posted, cancellationToken);
        SubmissionForm.Show(View, ModelState, check.Errors, notice is null ? [] : [notice], check.Person, staged);
        return check;
    }

    /// <summary>Loads what the form shows, its lookup token and a fresh security code; a fresh form has no staged files to look for.</summary>
    private async Task<PageResult> PageAsync(CancellationToken cancellationToken, int? status = null, bool freshForm = false)
    {
        LookupToken = await send.LoadFormAsync(View, Posted, freshForm, cancellationToken);
        ModelState.Remove(nameof(LookupToken));
        CaptchaChallengeId = captcha.Create();
        CaptchaAnswer = null;
        ModelState.Remove(nameof(CaptchaAnswer) + ".Raw");
        Response.StatusCode = status ?? (ModelState.IsValid ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest);
        return Page();
    }
}

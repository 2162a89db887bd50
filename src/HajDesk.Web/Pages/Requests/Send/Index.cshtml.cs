using HajDesk.Core.CivilRegistry;
using HajDesk.Core.Persian;
using HajDesk.Core.Reference;
using HajDesk.Core.Requests;
using HajDesk.Core.Requests.Submission;
using HajDesk.Core.Requests.Verification;
using HajDesk.Web.Captcha;
using HajDesk.Web.Catalogue;
using HajDesk.Web.Infrastructure;
using HajDesk.Web.Submission;
using HajDesk.Web.Uploads;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace HajDesk.Web.Pages.Requests.Send;

/// <summary>
/// ارسال درخواست: the seed's section 2. The rules are <see cref="SubmissionService"/>'s; this page binds the form,
/// stages its files, checks the security code and the form's lookup allowance, and renders or redirects. The page's
/// script only makes it quicker (name lookup as you type, cascading subjects, calendar, upload progress).
/// </summary>
[NoStore]
[EnableRateLimiting(RateLimits.Forms)]
public class IndexModel(
    SubmissionService submission,
    ServiceCatalogue catalogue,
    UploadStaging staging,
    SendRegistryGate gate,
    CaptchaService captcha,
    ReceiptCookie receipt,
    IOptions<UploadOptions> uploadOptions,
    MobileVerificationService verification,
    MobileCodes codes,
    IOptions<MobileVerificationOptions> mobileOptions,
    OpenRequestReminders reminders) : PageModel
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

    /// <summary>True when the page shows the code step instead of the form (the form's fields ride along hidden).</summary>
    public bool CodeStep { get; private set; }

    /// <summary>What the code step says above its field (where the code went), if anything.</summary>
    public string? CodeMessage { get; private set; }

    /// <summary>
    /// The person's open request on the chosen subject, when the page shows the open-request step instead of the
    /// form (issue 24): its date and masked mobile only, never its tracking code or text.
    /// </summary>
    public OpenRequestNotice? OpenRequest { get; private set; }

    /// <summary>What the open-request step says after «ارسال دوباره کد پیگیری», if anything.</summary>
    public string? ReminderMessage { get; private set; }

    /// <summary>The person the registry confirmed for the typed national code and birth date, if any.</summary>
    public RegistryPerson? Person { get; private set; }

    /// <summary>Files accepted by an earlier post of this form, kept so the citizen is not asked again.</summary>
    public IReadOnlyList<Attachment> StagedFiles { get; private set; } = [];

    public IReadOnlyList<Province> Provinces { get; private set; } = [];

    public IReadOnlyList<Subject> MainSubjects { get; private set; } = [];

    public Guid CaptchaChallengeId { get; private set; }

    /// <summary>The catalogue entry and questions of the chosen subject, shown before the text box.</summary>
    public ServiceEntry? Guide { get; private set; }

    /// <summary>The chosen subject's extra fields (<c>_RequestFields</c>), shown with the guide.</summary>
    public IReadOnlyList<Core.Fields.SubjectField> SubjectFields { get; private set; } = [];

    public UploadOptions Uploads => uploadOptions.Value;

    /// <summary>A banner above the form for problems that are not one field's (registry down, lookup refused).</summary>
    public string? Notice { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Input.SubmissionKey = Guid.NewGuid().ToString();
        return await PageAsync(cancellationToken, StatusCodes.Status200OK, freshForm: true);
    }

    /// <summary>The «استعلام» button: asks the registry and shows the name (the no-JavaScript path).</summary>
    public async Task<IActionResult> OnPostLookupAsync(CancellationToken cancellationToken)
    {
        ModelState.Clear();
        await StageUploadsAsync(new FieldErrors(), cancellationToken);
        var check = await LookupAsync(cancellationToken);
        if (check.Outcome == IdentityOutcome.Throttled && gate.FormPermit == FormLookupPermit.Allowed)
        {
            return StatusCode(StatusCodes.Status429TooManyRequests);
        }

        return await PageAsync(cancellationToken, Person is null ? StatusCodes.Status400BadRequest : StatusCodes.Status200OK);
    }

    /// <summary>The same lookup for the page's script, answered as JSON; rules and limits are the same.</summary>
    public async Task<IActionResult> OnPostLookupJsonAsync(CancellationToken cancellationToken) =>
        LookupJson.From(await LookupAsync(cancellationToken), gate.FormPermit);

    /// <summary>«تصویر جدید» without JavaScript: the form comes back as typed, with a fresh security code.</summary>
    public async Task<IActionResult> OnPostNewCaptchaAsync(CancellationToken cancellationToken)
    {
        await ShowConfirmedPersonAsync(cancellationToken);
        return await PageAsync(cancellationToken, StatusCodes.Status200OK);
    }

    /// <summary>«راهنما» without JavaScript: the form comes back as typed, with the chosen subject's entry and questions.</summary>
    public Task<IActionResult> OnPostGuideAsync(CancellationToken cancellationToken) => OnPostNewCaptchaAsync(cancellationToken);

    /// <summary>Removes one staged file of this form.</summary>
    public async Task<IActionResult> OnPostRemoveFileAsync(Guid fileId, CancellationToken cancellationToken)
    {
        await ShowConfirmedPersonAsync(cancellationToken);
        if (Input.TryGetSubmissionKey(out var key))
        {
            await staging.RemoveAsync(key, fileId, cancellationToken);
            StagedFiles = await staging.LoadAsync(key, cancellationToken);
        }

        return await PageAsync(cancellationToken, StatusCodes.Status200OK);
    }

    /// <summary>«ارسال»: the security code first, then the submission service checks, confirms and stores.</summary>
    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        ModelState.Clear();
        if (!Input.TryGetSubmissionKey(out var key))
        {
            // A form without its token was not produced by this page; start it afresh.
            key = Guid.NewGuid();
            Input.SubmissionKey = key.ToString();
        }

        // The security code is checked before the registry is asked, so the registry cannot be used to learn names
        // without solving it. A right code is claimed here and stored as spent in the request's own transaction
        // (one write per send); whatever else happens, the claim's release stores it as spent.
        var claim = Guid.TryParse(CaptchaId, out var challengeId)
            ? await captcha.ClaimAsync(challengeId, CaptchaAnswer, cancellationToken)
            : CaptchaClaim.None;
        SubmissionResult? result = null;
        try
        {
            // A re-posted form (refresh, double click, retry) carries a code its first post spent: it shows the
            // receipt of the request it already created. A fresh code needs no look here: SubmitAsync looks itself.
            if (claim.Check != CaptchaCheck.Passed && await submission.FindAsync(key, cancellationToken) is { } existingId)
            {
                return Receipt(existingId);
            }

            if (claim.TwinMayBeInFlight && await submission.WaitForTwinAsync(key, cancellationToken) is { } twinId)
            {
                return Receipt(twinId);
            }

            var errors = new FieldErrors();
            await StageUploadsAsync(errors, cancellationToken);
            if (claim.Check == CaptchaCheck.Passed)
            {
                // A right code on a form that cannot be stored yet (a field missing) only shows a name: that is a look-up,
                // counted against the form's allowance like «استعلام», so a code solved by ear or by script cannot
                // learn names faster than the form's own look-ups (docs/security-lookup.md).
                result = await submission.SubmitAsync(key, Input, errors, gate.MayAskRegistry, cancellationToken, spentCode: claim.SpentRow,
                    mayShowName: gate.ForLookup(LookupToken, key), mobileVerified: MobileProof(key), warnOfOpenRequest: reminders.Enabled);
            }

            if (result is null or { Outcome: SubmissionOutcome.SecurityCodeSpent })
            {
                ModelState.AddModelError(nameof(CaptchaAnswer), string.IsNullOrWhiteSpace(CaptchaAnswer) ? CaptchaField.MissingAnswer : CaptchaField.WrongAnswer);
                result = await submission.CheckAsync(key, Input, errors, cancellationToken);
            }
        }
        finally
        {
            // Not the request's token: a citizen who closes the page still spends the code.
            await captcha.ReleaseAsync(claim, storedWithRequest: result?.Outcome == SubmissionOutcome.Created, CancellationToken.None);
        }

        if (await NextStepAsync(key, result, cancellationToken) is { } next)
        {
            return next;
        }

        Person = result.Person;
        if (gate.FormPermit != FormLookupPermit.Allowed)
        {
            ShowNotice(SendFormLookups.Refusal(gate.FormPermit));
        }

        AddErrors(result.Errors);
        return await PageAsync(cancellationToken);
    }

    /// <summary>
    /// «تأیید و ارسال درخواست» on the code step: the typed code is checked against this form's code for the form's
    /// mobile, then the form is sent as on «ارسال» (every field checked again, the registry asked) with its mobile
    /// verified. No security code: only a form that passed one has a code (see docs/decisions/).
    /// </summary>
    public async Task<IActionResult> OnPostVerifyAsync(CancellationToken cancellationToken)
    {
        ModelState.Clear();
        if (await CodeStepKeyAsync(cancellationToken) is not { } key)
        {
            return await FormAgainAsync(cancellationToken);
        }

        if (await submission.FindAsync(key, cancellationToken) is { } existingId)
        {
            return Receipt(existingId);
        }

        if (!Core.Persian.PhoneNumber.TryNormalizeMobile(Input.Mobile, out var mobile))
        {
            return await FormAgainAsync(cancellationToken);
        }

        var check = await verification.VerifyAsync(key, mobile, VerificationCode, cancellationToken);
        if (check != CodeCheck.Verified)
        {
            ModelState.AddModelError(nameof(VerificationCode), MobileCodeTexts.ForCheck(check)!);
            return await CodeStepAsync(StatusCodes.Status400BadRequest, cancellationToken);
        }

        var errors = new FieldErrors();
        await StageUploadsAsync(errors, cancellationToken);
        var result = await submission.SubmitAsync(key, Input, errors, gate.MayAskRegistry, cancellationToken, mobileVerified: MobileProof(key),
            warnOfOpenRequest: reminders.Enabled);
        switch (result.Outcome)
        {
            case SubmissionOutcome.OpenRequestExists:
                // An open request appeared since the form was sent (another form of the same person): told now.
                return await OpenRequestStepAsync(key, result.OpenRequest!, cancellationToken);
            case SubmissionOutcome.Created or SubmissionOutcome.AlreadySubmitted:
                return Receipt(result.RequestId!.Value);
            case SubmissionOutcome.Throttled:
                return StatusCode(StatusCodes.Status429TooManyRequests);
            case SubmissionOutcome.RegistryUnavailable:
                ShowNotice(SubmissionMessages.RegistryUnavailable);
                return await CodeStepAsync(StatusCodes.Status503ServiceUnavailable, cancellationToken);
            case SubmissionOutcome.MobileUnverified:
                ModelState.AddModelError(nameof(VerificationCode), MobileCodeTexts.NoCode);
                return await CodeStepAsync(StatusCodes.Status400BadRequest, cancellationToken);
        }

        // A field no longer passes (a subject closed meanwhile, a forged hidden field): the form, with its errors.
        Person = result.Person;
        AddErrors(result.Errors);
        return await PageAsync(cancellationToken, StatusCodes.Status400BadRequest);
    }

    /// <summary>«ارسال دوباره کد»: another code to the form's mobile, within the form's limits.</summary>
    public async Task<IActionResult> OnPostResendAsync(CancellationToken cancellationToken)
    {
        ModelState.Clear();
        if (await CodeStepKeyAsync(cancellationToken) is not { } key
            || !Core.Persian.PhoneNumber.TryNormalizeMobile(Input.Mobile, out var mobile))
        {
            return await FormAgainAsync(cancellationToken);
        }

        if (await submission.FindAsync(key, cancellationToken) is { } existingId)
        {
            return Receipt(existingId);
        }

        return await SendCodeAsync(key, mobile, cancellationToken);
    }

    /// <summary>
    /// «ثبت درخواست جدید» on the open-request step: the citizen was told and sends anyway, without a second security
    /// code — only a form that passed one was told (<see cref="OpenRequestReminders"/>); any other post starts again.
    /// </summary>
    public async Task<IActionResult> OnPostSendNewAsync(CancellationToken cancellationToken)
    {
        ModelState.Clear();
        if (!Input.TryGetSubmissionKey(out var key) || !await reminders.WasToldAsync(key, cancellationToken))
        {
            return await FormAgainAsync(cancellationToken);
        }

        Input.NewDespiteOpenRequest = true;
        var errors = new FieldErrors();
        await StageUploadsAsync(errors, cancellationToken);
        var result = await submission.SubmitAsync(key, Input, errors, gate.MayAskRegistry, cancellationToken, mobileVerified: MobileProof(key));
        if (await NextStepAsync(key, result, cancellationToken) is { } next)
        {
            return next;
        }

        // A field no longer passes (a subject closed meanwhile, a forged hidden field): the form, with its errors.
        Person = result.Person;
        AddErrors(result.Errors);
        return await PageAsync(cancellationToken, result.Outcome == SubmissionOutcome.RegistryUnavailable ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status400BadRequest);
    }

    /// <summary>«ارسال دوباره کد پیگیری» on the open-request step: the earlier request's code to its own mobile.</summary>
    public async Task<IActionResult> OnPostRemindAsync(CancellationToken cancellationToken)
    {
        ModelState.Clear();
        if (!Input.TryGetSubmissionKey(out var key))
        {
            return await FormAgainAsync(cancellationToken);
        }

        var (outcome, notice) = await reminders.RemindAsync(key, Input, cancellationToken);
        switch (outcome)
        {
            case ReminderOutcome.Queued:
                ReminderMessage = OpenRequestTexts.Reminded(notice!.Mobile);
                return await OpenRequestStepAsync(key, notice, cancellationToken, alreadyTold: true);
            case ReminderOutcome.Throttled:
                ModelState.AddModelError(string.Empty, OpenRequestTexts.TooManyReminders);
                return await OpenRequestStepAsync(key, notice!, cancellationToken, alreadyTold: true, StatusCodes.Status429TooManyRequests);
            case ReminderOutcome.NoOpenRequest:
                await ShowConfirmedPersonAsync(cancellationToken);
                ShowNotice(OpenRequestTexts.NoLongerOpen);
                return await PageAsync(cancellationToken, StatusCodes.Status200OK);
            default:
                return await FormAgainAsync(cancellationToken);
        }
    }

    /// <summary>«ویرایش فرم»: the form comes back as typed, with its files (a changed mobile needs a new code).</summary>
    public Task<IActionResult> OnPostEditAsync(CancellationToken cancellationToken) => FormAgainAsync(cancellationToken);

    /// <summary>
    /// The step after a send that stored nothing yet or everything: the receipt, the 429, the code step or the
    /// open-request step; null when the form itself comes back (with its errors or a notice).
    /// </summary>
    private async Task<IActionResult?> NextStepAsync(Guid key, SubmissionResult result, CancellationToken cancellationToken)
    {
        switch (result.Outcome)
        {
            case SubmissionOutcome.Created or SubmissionOutcome.AlreadySubmitted:
                return Receipt(result.RequestId!.Value);
            case SubmissionOutcome.Throttled:
                return StatusCode(StatusCodes.Status429TooManyRequests);
            case SubmissionOutcome.RegistryUnavailable:
                ShowNotice(SubmissionMessages.RegistryUnavailable);
                return null;
            case SubmissionOutcome.OpenRequestExists:
                // Everything passed and the security code is spent, but the person already has an open request on
                // this subject: say so before storing a second one (issue 24). Nothing is lost: fields ride along.
                Person = result.Person;
                return await OpenRequestStepAsync(key, result.OpenRequest!, cancellationToken);
            case SubmissionOutcome.MobileUnverified:
                // The form passed every check and its security code is spent: the code goes by SMS and the next step
                // asks for it. Fields ride along hidden; files stay staged under the form's key.
                Person = result.Person;
                return await SendCodeAsync(key, result.Mobile!, cancellationToken);
            default:
                return null;
        }
    }

    private async Task<PageResult> OpenRequestStepAsync(
        Guid key, OpenRequestNotice notice, CancellationToken cancellationToken, bool alreadyTold = false, int status = StatusCodes.Status200OK)
    {
        if (!alreadyTold)
        {
            await reminders.MarkToldAsync(key, cancellationToken);
        }

        OpenRequest = notice;
        return await StepAsync(status, cancellationToken);
    }

    private async Task<IActionResult> FormAgainAsync(CancellationToken cancellationToken)
    {
        await ShowConfirmedPersonAsync(cancellationToken);
        return await PageAsync(cancellationToken, StatusCodes.Status200OK);
    }

    /// <summary>The form's key when verification is on and this form was sent a code (it passed its security code).</summary>
    private async Task<Guid?> CodeStepKeyAsync(CancellationToken cancellationToken) =>
        mobileOptions.Value.Enabled && Input.TryGetSubmissionKey(out var key) && await verification.HasCodeAsync(key, cancellationToken)
            ? key
            : null;

    private Func<string, CancellationToken, Task<bool>>? MobileProof(Guid key) =>
        mobileOptions.Value.Enabled ? (mobile, ct) => verification.IsVerifiedAsync(key, mobile, ct) : null;

    private async Task<IActionResult> SendCodeAsync(Guid key, string mobile, CancellationToken cancellationToken)
    {
        var sent = await codes.SendAsync(key, mobile, cancellationToken);
        if (MobileCodeTexts.ForSend(sent) is { } problem)
        {
            ModelState.AddModelError(nameof(VerificationCode), problem);
        }
        else
        {
            CodeMessage = MobileCodeTexts.Sent(mobile);
        }

        return await CodeStepAsync(sent.Outcome == CodeSendOutcome.Sent ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest, cancellationToken);
    }

    private async Task<PageResult> CodeStepAsync(int status, CancellationToken cancellationToken)
    {
        CodeStep = true;
        VerificationCode = null;
        ModelState.Remove(nameof(VerificationCode) + ".Raw");
        CodeMessage ??= Core.Persian.PhoneNumber.TryNormalizeMobile(Input.Mobile, out var mobile) ? MobileCodeTexts.Sent(mobile) : null;
        return await StepAsync(status, cancellationToken);
    }

    /// <summary>A step shown instead of the form (the code, the open request): typed fields ride along, files stay staged.</summary>
    private async Task<PageResult> StepAsync(int status, CancellationToken cancellationToken)
    {
        if (Input.TryGetSubmissionKey(out var key))
        {
            StagedFiles = await staging.LoadAsync(key, cancellationToken);
            LookupToken = await gate.KeepOrIssueTokenAsync(LookupToken, key, cancellationToken);
        }

        SubjectFields = await submission.FieldsAsync(Input, cancellationToken);
        Response.StatusCode = status;
        return Page();
    }

    private RedirectToPageResult Receipt(long requestId)
    {
        receipt.Issue(Response, requestId);
        return RedirectToPage("Receipt");
    }

    /// <summary>
    /// Without JavaScript every button renders the page anew; when national code and birth date are already typed
    /// correctly, show the registry's name again rather than losing it (asking again for the same person costs the
    /// form nothing). Display only: sending asks the registry again. These buttons show no validation errors.
    /// </summary>
    private async Task ShowConfirmedPersonAsync(CancellationToken cancellationToken)
    {
        await StageUploadsAsync(new FieldErrors(), cancellationToken);
        await LookupAsync(cancellationToken);
        ModelState.Clear();
        Notice = null;
    }

    /// <summary>Asks the registry for the typed identity if the form may; field errors go to the model state.</summary>
    private async Task<IdentityCheck> LookupAsync(CancellationToken cancellationToken)
    {
        ModelState.Clear();
        var check = await submission.LookupAsync(
            Input, gate.ForLookup(LookupToken, Input.TryGetSubmissionKey(out var key) ? key : null), cancellationToken);
        Person = check.Person;
        AddErrors(check.Errors);
        if (check.Outcome == IdentityOutcome.Unavailable)
        {
            ShowNotice(SubmissionMessages.RegistryUnavailable);
        }
        else if (gate.FormPermit != FormLookupPermit.Allowed)
        {
            ShowNotice(SendFormLookups.Refusal(gate.FormPermit));
        }

        return check;
    }

    /// <summary>Stages this post's files under the form's key, so a form shown again keeps them.</summary>
    private async Task StageUploadsAsync(FieldErrors errors, CancellationToken cancellationToken)
    {
        if (Input.TryGetSubmissionKey(out var key))
        {
            var staged = await staging.StageAsync(key, Files, cancellationToken);
            StagedFiles = staged.Files;
            if (staged.Error is not null)
            {
                errors.Add(SubmissionFields.Files, staged.Error);
                ModelState.AddModelError(SubmissionFields.Files, staged.Error);
            }
        }
    }

    private void ShowNotice(string message)
    {
        Notice = message;
        ModelState.AddModelError(string.Empty, message);
    }

    private void AddErrors(FieldErrors errors)
    {
        foreach (var (field, message) in errors)
        {
            var key = field == SubmissionFields.Files ? field : $"{nameof(Input)}.{field}";
            if (!ModelState.TryGetValue(key, out var entry) || entry.Errors.Count == 0)
            {
                ModelState.AddModelError(key, message);
            }
        }
    }

    /// <summary>
    /// Loads what the form shows, keeps (or issues) its lookup token and a fresh security code. A form just given a
    /// new key (<paramref name="freshForm"/>) can have no staged files yet, so they are not looked for.
    /// </summary>
    private async Task<PageResult> PageAsync(CancellationToken cancellationToken, int? status = null, bool freshForm = false)
    {
        (Provinces, MainSubjects) = await submission.ChoicesAsync(cancellationToken);
        Guide = await catalogue.ForChoiceAsync(
            int.TryParse(PersianText.NormalizeNumeric(Input.SubjectId), out var subjectId) ? subjectId : null,
            int.TryParse(PersianText.NormalizeNumeric(Input.SubSubjectId), out var subId) ? subId : null, cancellationToken);
        SubjectFields = await submission.FieldsAsync(Input, cancellationToken);
        if (Input.TryGetSubmissionKey(out var key))
        {
            if (StagedFiles.Count == 0 && !freshForm)
            {
                StagedFiles = await staging.LoadAsync(key, cancellationToken);
            }

            LookupToken = await gate.KeepOrIssueTokenAsync(LookupToken, key, cancellationToken);
            ModelState.Remove(nameof(LookupToken));
        }

        CaptchaChallengeId = captcha.Create();
        CaptchaAnswer = null;
        ModelState.Remove(nameof(CaptchaAnswer) + ".Raw");
        Response.StatusCode = status ?? (ModelState.IsValid ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest);
        return Page();
    }

    /// <summary>The first error of a field, for the view.</summary>
    public string? ErrorFor(string key) =>
        ModelState.TryGetValue(key, out var entry) && entry.Errors.Count > 0 ? entry.Errors[0].ErrorMessage : null;
}

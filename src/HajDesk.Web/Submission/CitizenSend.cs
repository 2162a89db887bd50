using HajDesk.Core.CivilRegistry;
using HajDesk.Core.Persian;
using HajDesk.Core.Requests;
using HajDesk.Core.Requests.Submission;
using HajDesk.Core.Requests.Verification;
using HajDesk.Web.Captcha;
using HajDesk.Web.Catalogue;
using HajDesk.Web.Pages.Requests.Send;
using HajDesk.Web.Uploads;
using Microsoft.Extensions.Options;

namespace HajDesk.Web.Submission;

/// <summary>What the citizen's send form posted, as its page bound it.</summary>
/// <param name="Input">The typed fields (a missing submission key is given a new one).</param>
/// <param name="Files">This post's uploads, staged under the form's key.</param>
/// <param name="CaptchaId">The security code's challenge.</param>
/// <param name="CaptchaAnswer">The typed security code.</param>
/// <param name="LookupToken">The form's registry-lookup token.</param>
/// <param name="VerificationCode">The one-time code typed on the code step.</param>
public sealed record SendForm(
    SubmissionInput Input, IReadOnlyCollection<IFormFile> Files, string? CaptchaId, string? CaptchaAnswer, string? LookupToken, string? VerificationCode);

/// <summary>What the send page shows next.</summary>
public enum SendStep
{
    /// <summary>The request is stored (now or by an earlier post of the same form): its receipt.</summary>
    Receipt,

    /// <summary>The registry's limits refused: the 429 page.</summary>
    TooMany,

    /// <summary>The form again, with its errors and notices.</summary>
    Form,

    /// <summary>The form again as typed, with the registry's name shown anew, and no errors but the outcome's notices.</summary>
    StartAgain,

    /// <summary>The mobile's one-time code step.</summary>
    CodeStep,

    /// <summary>«درخواست باز دارید»: the person's open request on the subject.</summary>
    OpenRequestStep,
}

/// <summary>The step to show, and what it shows.</summary>
/// <param name="Step">Which step.</param>
/// <param name="Status">The HTTP status of a shown page; null: 400 when there are errors or notices, else 200.</param>
public sealed record SendOutcome(SendStep Step, int? Status = null)
{
    /// <summary>The form again as typed, with a fresh security code (the buttons that do not send).</summary>
    public static SendOutcome FormAgain { get; } = new(SendStep.StartAgain, StatusCodes.Status200OK);

    /// <summary>With <see cref="SendStep.Receipt"/>: the request.</summary>
    public long? RequestId { get; init; }

    /// <summary>
    /// Messages by field: <see cref="SubmissionInput"/> property names, <see cref="SubmissionFields.Files"/>,
    /// <see cref="CitizenSend.SecurityCodeField"/>, <see cref="CitizenSend.VerificationCodeField"/>, or empty for the whole form.
    /// </summary>
    public FieldErrors Errors { get; init; } = new();

    /// <summary>Banners above the form (registry down, lookup refused), in the order they arose.</summary>
    public IReadOnlyList<string> Notices { get; init; } = [];

    /// <summary>The person the registry confirmed, when it did.</summary>
    public RegistryPerson? Person { get; init; }

    /// <summary>The form's staged files, when this post staged them (else the page loads them).</summary>
    public IReadOnlyList<Attachment> StagedFiles { get; init; } = [];

    /// <summary>With <see cref="SendStep.OpenRequestStep"/>: the earlier request (date and masked mobile only).</summary>
    public OpenRequestNotice? OpenRequest { get; init; }

    /// <summary>What the code step or the open-request step says above its buttons, if anything.</summary>
    public string? Message { get; init; }
}

/// <summary>
/// The citizen's send as one call per button: the security-code protocol (claim, re-post look-up, twin wait,
/// fallback check, release), the mobile's one-time code and the open-request step, around
/// <see cref="SubmissionService"/>, which keeps the rules. The page binds, calls one method, and shows the
/// <see cref="SendOutcome"/>. Why a right code is spent in the request's own transaction:
/// docs/decisions/0009-security-code-spent-with-the-request.md.
/// </summary>
public sealed class CitizenSend(
    SubmissionService submission,
    SubmissionForm submissionForm,
    ServiceCatalogue catalogue,
    UploadStaging staging,
    SendRegistryGate gate,
    CaptchaService captcha,
    MobileVerificationService verification,
    MobileCodes codes,
    IOptions<MobileVerificationOptions> mobileOptions,
    OpenRequestReminders reminders)
{
    /// <summary>The error key of the security code (the page's bound property).</summary>
    public const string SecurityCodeField = "CaptchaAnswer";

    /// <summary>The error key of the one-time code (the page's bound property).</summary>
    public const string VerificationCodeField = "VerificationCode";

    /// <summary>
    /// «ارسال»: the security code first, then the submission service checks, confirms and stores. The code is checked
    /// before the registry is asked, so the registry cannot be used to learn names without solving it.
    /// </summary>
    public async Task<SendOutcome> SendAsync(SendForm form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        var input = form.Input;
        if (!input.TryGetSubmissionKey(out var key))
        {
            // A form without its token was not produced by the page; start it afresh.
            key = Guid.NewGuid();
            input.SubmissionKey = key.ToString();
        }

        // A right code is claimed here and stored as spent in the request's own transaction (one write per send);
        // whatever else happens, the claim's release stores it as spent.
        var claim = Guid.TryParse(form.CaptchaId, out var challengeId)
            ? await captcha.ClaimAsync(challengeId, form.CaptchaAnswer, cancellationToken)
            : CaptchaClaim.None;
        SubmissionResult? result = null;
        var errors = new FieldErrors();
        IReadOnlyList<Attachment> staged;
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

            staged = await StageAsync(key, form.Files, errors, cancellationToken);
            if (claim.Check == CaptchaCheck.Passed)
            {
                // A right code on a form that cannot be stored yet (a field missing) only shows a name: that is a look-up,
                // counted against the form's allowance like «استعلام», so a code solved by ear or by script cannot
                // learn names faster than the form's own look-ups (docs/security-lookup.md).
                result = await submission.SubmitAsync(Command(key, input, errors) with
                {
                    SpentCode = claim.SpentRow,
                    MayShowName = gate.ForLookup(form.LookupToken, key),
                    WarnOfOpenRequest = reminders.Enabled,
                }, cancellationToken);
            }

            if (result is null or { Outcome: SubmissionOutcome.SecurityCodeSpent })
            {
                errors.Add(SecurityCodeField, string.IsNullOrWhiteSpace(form.CaptchaAnswer) ? CaptchaField.MissingAnswer : CaptchaField.WrongAnswer);
                result = await submission.CheckAsync(key, input, errors, cancellationToken);
            }
        }
        finally
        {
            // Not the request's token: a citizen who closes the page still spends the code.
            await captcha.ReleaseAsync(claim, storedWithRequest: result?.Outcome == SubmissionOutcome.Created, CancellationToken.None);
        }

        var notices = new List<string>();
        if (await NextStepAsync(key, result, staged, notices, cancellationToken) is { } next)
        {
            return next;
        }

        if (gate.FormPermit != FormLookupPermit.Allowed)
        {
            notices.Add(SendFormLookups.Refusal(gate.FormPermit));
        }

        return new SendOutcome(SendStep.Form) { Errors = Merge(errors, result.Errors), Notices = notices, Person = result.Person, StagedFiles = staged };
    }

    /// <summary>
    /// «تأیید و ارسال درخواست» on the code step: the typed code is checked against this form's code for the form's
    /// mobile, then the form is sent as on «ارسال» (every field checked again, the registry asked) with its mobile
    /// verified. No security code: only a form that passed one has a code (docs/decisions/0006).
    /// </summary>
    public async Task<SendOutcome> VerifyAsync(SendForm form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (await CodeStepKeyAsync(form.Input, cancellationToken) is not { } key)
        {
            return SendOutcome.FormAgain;
        }

        if (await submission.FindAsync(key, cancellationToken) is { } existingId)
        {
            return Receipt(existingId);
        }

        if (!PhoneNumber.TryNormalizeMobile(form.Input.Mobile, out var mobile))
        {
            return SendOutcome.FormAgain;
        }

        var check = await verification.VerifyAsync(key, mobile, form.VerificationCode, cancellationToken);
        if (check != CodeCheck.Verified)
        {
            return CodeStep(StatusCodes.Status400BadRequest, mobile, VerificationCodeField, MobileCodeTexts.ForCheck(check)!);
        }

        var errors = new FieldErrors();
        var staged = await StageAsync(key, form.Files, errors, cancellationToken);
        var result = await submission.SubmitAsync(Command(key, form.Input, errors) with { WarnOfOpenRequest = reminders.Enabled }, cancellationToken);
        switch (result.Outcome)
        {
            case SubmissionOutcome.OpenRequestExists:
                // An open request appeared since the form was sent (another form of the same person): told now.
                return await OpenRequestStepAsync(key, result, cancellationToken);
            case SubmissionOutcome.Created or SubmissionOutcome.AlreadySubmitted:
                return Receipt(result.RequestId!.Value);
            case SubmissionOutcome.Throttled:
                return new SendOutcome(SendStep.TooMany);
            case SubmissionOutcome.RegistryUnavailable:
                return new SendOutcome(SendStep.CodeStep, StatusCodes.Status503ServiceUnavailable)
                {
                    Notices = [SubmissionMessages.RegistryUnavailable],
                    Message = MobileCodeTexts.Sent(mobile),
                };
            case SubmissionOutcome.MobileUnverified:
                return CodeStep(StatusCodes.Status400BadRequest, mobile, VerificationCodeField, MobileCodeTexts.NoCode);
        }

        // A field no longer passes (a subject closed meanwhile, a forged hidden field): the form, with its errors.
        return new SendOutcome(SendStep.Form, StatusCodes.Status400BadRequest) { Errors = Merge(errors, result.Errors), Person = result.Person, StagedFiles = staged };
    }

    /// <summary>«ارسال دوباره کد»: another code to the form's mobile, within the form's limits.</summary>
    public async Task<SendOutcome> ResendCodeAsync(SendForm form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (await CodeStepKeyAsync(form.Input, cancellationToken) is not { } key || !PhoneNumber.TryNormalizeMobile(form.Input.Mobile, out var mobile))
        {
            return SendOutcome.FormAgain;
        }

        return await submission.FindAsync(key, cancellationToken) is { } existingId
            ? Receipt(existingId)
            : await SendCodeAsync(key, mobile, null, cancellationToken);
    }

    /// <summary>
    /// «ثبت درخواست جدید» on the open-request step: the citizen was told and sends anyway, without a second security
    /// code — only a form that passed one was told (<see cref="OpenRequestReminders"/>); any other post starts again.
    /// </summary>
    public async Task<SendOutcome> SendNewAsync(SendForm form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (!form.Input.TryGetSubmissionKey(out var key) || !await reminders.WasToldAsync(key, cancellationToken))
        {
            return SendOutcome.FormAgain;
        }

        form.Input.NewDespiteOpenRequest = true;
        var errors = new FieldErrors();
        var staged = await StageAsync(key, form.Files, errors, cancellationToken);
        var result = await submission.SubmitAsync(Command(key, form.Input, errors), cancellationToken);
        var notices = new List<string>();
        if (await NextStepAsync(key, result, staged, notices, cancellationToken) is { } next)
        {
            return next;
        }

        // A field no longer passes (a subject closed meanwhile, a forged hidden field): the form, with its errors.
        var status = result.Outcome == SubmissionOutcome.RegistryUnavailable ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status400BadRequest;
        return new SendOutcome(SendStep.Form, status) { Errors = Merge(errors, result.Errors), Notices = notices, Person = result.Person, StagedFiles = staged };
    }

    /// <summary>«ارسال دوباره کد پیگیری» on the open-request step: the earlier request's code to its own mobile.</summary>
    public async Task<SendOutcome> RemindAsync(SendForm form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (!form.Input.TryGetSubmissionKey(out var key))
        {
            return SendOutcome.FormAgain;
        }

        var (outcome, notice) = await reminders.RemindAsync(key, form.Input, cancellationToken);
        return outcome switch
        {
            ReminderOutcome.Queued => new SendOutcome(SendStep.OpenRequestStep, StatusCodes.Status200OK)
            {
                OpenRequest = notice,
                Message = OpenRequestTexts.Reminded(notice!.Mobile),
            },
            ReminderOutcome.Throttled => new SendOutcome(SendStep.OpenRequestStep, StatusCodes.Status429TooManyRequests)
            {
                OpenRequest = notice,
                Errors = Error(string.Empty, OpenRequestTexts.TooManyReminders),
            },
            ReminderOutcome.NoOpenRequest => SendOutcome.FormAgain with { Notices = [OpenRequestTexts.NoLongerOpen] },
            _ => SendOutcome.FormAgain,
        };
    }

    /// <summary>
    /// What the form shows (choices, the chosen subject's catalogue entry and fields, staged files unless the form is
    /// fresh). Returns the form's lookup token, kept when still valid, else a new one if this address may have another.
    /// </summary>
    public async Task<string?> LoadFormAsync(SubmissionFormView view, SendForm form, bool freshForm, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(form);
        await submissionForm.LoadAsync(view, form.Input, loadStaged: !freshForm, cancellationToken);
        view.Guide = await catalogue.ForChoiceAsync(
            int.TryParse(PersianText.NormalizeNumeric(form.Input.SubjectId), out var subjectId) ? subjectId : null,
            int.TryParse(PersianText.NormalizeNumeric(form.Input.SubSubjectId), out var subId) ? subId : null, cancellationToken);
        return await LookupTokenAsync(form, cancellationToken);
    }

    /// <summary>What a step shown instead of the form needs (typed fields ride along, files stay staged); returns the lookup token.</summary>
    public async Task<string?> LoadStepAsync(SubmissionFormView view, SendForm form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        await submissionForm.LoadStepAsync(view, form.Input, loadStaged: true, cancellationToken);
        return await LookupTokenAsync(form, cancellationToken);
    }

    private async Task<string?> LookupTokenAsync(SendForm form, CancellationToken cancellationToken) =>
        form.Input.TryGetSubmissionKey(out var key) ? await gate.KeepOrIssueTokenAsync(form.LookupToken, key, cancellationToken) : form.LookupToken;

    /// <summary>
    /// «استعلام»: the registry's name for the typed identity if the form's allowance and the limits let it ask;
    /// the notice says why not (registry down, lookup refused).
    /// </summary>
    public async Task<(IdentityCheck Check, string? Notice)> LookupAsync(SubmissionInput input, string? lookupToken, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var check = await submission.LookupAsync(input, gate.ForLookup(lookupToken, input.TryGetSubmissionKey(out var key) ? key : null), cancellationToken);
        var notice = check.Outcome == IdentityOutcome.Unavailable ? SubmissionMessages.RegistryUnavailable
            : gate.FormPermit != FormLookupPermit.Allowed ? SendFormLookups.Refusal(gate.FormPermit)
            : null;
        return (check, notice);
    }

    /// <summary>
    /// A button that shows the form again without sending it: this post's files are staged first (a refused one is
    /// only not kept: these buttons show no upload error), then <see cref="LookupAsync"/>.
    /// </summary>
    public async Task<(IdentityCheck Check, string? Notice, IReadOnlyList<Attachment> Staged)> LookupKeepingFilesAsync(
        SendForm form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        IReadOnlyList<Attachment> staged = form.Input.TryGetSubmissionKey(out var key)
            ? await StageAsync(key, form.Files, new FieldErrors(), cancellationToken)
            : [];
        var (check, notice) = await LookupAsync(form.Input, form.LookupToken, cancellationToken);
        return (check, notice, staged);
    }

    /// <summary>Removes one staged file of this form (a file of another form, or already sent, is left alone).</summary>
    public async Task<SendOutcome> RemoveFileAsync(SendForm form, Guid fileId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (form.Input.TryGetSubmissionKey(out var key))
        {
            await staging.RemoveAsync(key, fileId, cancellationToken);
        }

        return SendOutcome.FormAgain;
    }

    /// <summary>
    /// The step after a send that stored nothing yet or everything: the receipt, the 429, the code step or the
    /// open-request step; null when the form itself comes back (with its errors or a notice, added to <paramref name="notices"/>).
    /// </summary>
    private async Task<SendOutcome?> NextStepAsync(
        Guid key, SubmissionResult result, IReadOnlyList<Attachment> staged, List<string> notices, CancellationToken cancellationToken)
    {
        switch (result.Outcome)
        {
            case SubmissionOutcome.Created or SubmissionOutcome.AlreadySubmitted:
                return Receipt(result.RequestId!.Value);
            case SubmissionOutcome.Throttled:
                return new SendOutcome(SendStep.TooMany);
            case SubmissionOutcome.RegistryUnavailable:
                notices.Add(SubmissionMessages.RegistryUnavailable);
                return null;
            case SubmissionOutcome.OpenRequestExists:
                // Everything passed and the security code is spent, but the person already has an open request on
                // this subject: say so before storing a second one (issue 24). Nothing is lost: fields ride along.
                return await OpenRequestStepAsync(key, result, cancellationToken) with { StagedFiles = staged };
            case SubmissionOutcome.MobileUnverified:
                // The form passed every check and its security code is spent: the code goes by SMS and the next step
                // asks for it. Fields ride along hidden; files stay staged under the form's key.
                return await SendCodeAsync(key, result.Mobile!, result.Person, cancellationToken);
            default:
                return null;
        }
    }

    private async Task<SendOutcome> OpenRequestStepAsync(Guid key, SubmissionResult result, CancellationToken cancellationToken)
    {
        await reminders.MarkToldAsync(key, cancellationToken);
        return new SendOutcome(SendStep.OpenRequestStep, StatusCodes.Status200OK) { OpenRequest = result.OpenRequest, Person = result.Person };
    }

    private async Task<SendOutcome> SendCodeAsync(Guid key, string mobile, RegistryPerson? person, CancellationToken cancellationToken)
    {
        var sent = await codes.SendAsync(key, mobile, cancellationToken);
        var status = sent.Outcome == CodeSendOutcome.Sent ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest;
        return MobileCodeTexts.ForSend(sent) is { } problem
            ? CodeStep(status, mobile, VerificationCodeField, problem) with { Person = person }
            : new SendOutcome(SendStep.CodeStep, status) { Message = MobileCodeTexts.Sent(mobile), Person = person };
    }

    /// <summary>The code step with an error; it still says where the code went.</summary>
    private static SendOutcome CodeStep(int status, string mobile, string field, string message) =>
        new(SendStep.CodeStep, status) { Errors = Error(field, message), Message = MobileCodeTexts.Sent(mobile) };

    private static SendOutcome Receipt(long requestId) => new(SendStep.Receipt) { RequestId = requestId };

    private static FieldErrors Error(string field, string message)
    {
        var errors = new FieldErrors();
        errors.Add(field, message);
        return errors;
    }

    /// <summary>The channel's errors (refused uploads, the security code) first, then the submission's.</summary>
    private static FieldErrors Merge(FieldErrors channel, FieldErrors result)
    {
        if (ReferenceEquals(channel, result))
        {
            return channel;
        }

        foreach (var (field, message) in result)
        {
            channel.Add(field, message);
        }

        return channel;
    }

    /// <summary>The command every citizen send shares: the form's staged-file errors, the registry's limits, the mobile's proof.</summary>
    private SubmissionCommand Command(Guid key, SubmissionInput input, FieldErrors errors) => new(key, input)
    {
        ChannelErrors = errors,
        MayAskRegistry = gate.MayAskRegistry,
        MobileVerified = mobileOptions.Value.Enabled ? (mobile, ct) => verification.IsVerifiedAsync(key, mobile, ct) : null,
    };

    /// <summary>The form's key when verification is on and this form was sent a code (it passed its security code).</summary>
    private async Task<Guid?> CodeStepKeyAsync(SubmissionInput input, CancellationToken cancellationToken) =>
        mobileOptions.Value.Enabled && input.TryGetSubmissionKey(out var key) && await verification.HasCodeAsync(key, cancellationToken)
            ? key
            : null;

    /// <summary>Stages this post's files under the form's key, so a form shown again keeps them.</summary>
    private async Task<IReadOnlyList<Attachment>> StageAsync(Guid key, IReadOnlyCollection<IFormFile> files, FieldErrors errors, CancellationToken cancellationToken)
    {
        var staged = await staging.StageAsync(key, files, cancellationToken);
        if (staged.Error is not null)
        {
            errors.Add(SubmissionFields.Files, staged.Error);
        }

        return staged.Files;
    }
}

using HajDesk.Core.CivilRegistry;
using HajDesk.Core.Persian;
using HajDesk.Core.Requests;
using HajDesk.Core.Requests.Submission;
using HajDesk.Core.Requests.Verification;
using HajDesk.Web.Infrastructure;
using HajDesk.Web.Staff;
using HajDesk.Web.Submission;
using HajDesk.Web.Uploads;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HajDesk.Web.Pages.Staff.Requests;

/// <summary>
/// <c>/staff/requests/register</c> (ثبت درخواست برای متقاضی): a staff member registers a request for a caller,
/// a visitor or a letter. The fields, their rules and the registry confirmation are the send form's (the
/// <see cref="SubmissionService"/>); no security code; the channel and the staff member are recorded, the citizen
/// gets the tracking code by SMS. Experts and supervisors register only in their own province (checked here).
/// </summary>
[NoStore]
public class RegisterModel(
    SubmissionService submission, SubmissionForm form, UploadStaging staging, CurrentStaff currentStaff, AuditLog audit,
    MobileVerificationService verification, MobileCodes codes) : PageModel
{
    /// <summary>The choice «کد تأیید پیامک شود»: the caller reads the one-time code back.</summary>
    public const string VerifyChoice = "Verify";

    /// <summary>The choice «بدون تأیید»: the request is stored with its mobile unverified.</summary>
    public const string UnverifiedChoice = "Unverified";

    public const string CodeSentToCaller = "کد تأیید برای متقاضی پیامک شد. آن را از او بپرسید، در «کد تأیید» بنویسید و دوباره «ثبت درخواست» را بزنید.";

    /// <summary><see cref="VerifyChoice"/> or <see cref="UnverifiedChoice"/> (the default).</summary>
    [BindProperty]
    public string? MobileCheck { get; set; }

    /// <summary>The one-time code the caller read back («کد تأیید»).</summary>
    [BindProperty]
    public string? VerificationCode { get; set; }

    /// <summary>What the code field says (where the code went), if anything.</summary>
    public string? CodeMessage { get; private set; }

    public const string ChannelRequired = "راه رسیدن درخواست (تلفن ۱۱۱، حضوری، نامه یا سامد) را انتخاب کنید.";

    public const string OutsideProvince = "درخواست را فقط برای استان خودتان می‌توانید ثبت کنید.";

    /// <summary>How the request reached the office (<see cref="RequestChannelText.StaffChannels"/>).</summary>
    [BindProperty]
    public string? Channel { get; set; }

    /// <summary>The fields the citizen's send form has too (<see cref="SubmissionForm"/>).</summary>
    [BindProperty]
    public SubmissionInput Input { get; set; } = new();

    /// <summary>The letter or documents brought in, staged under the form's key.</summary>
    [BindProperty]
    public List<IFormFile> Files { get; set; } = [];

    /// <summary>The tracking code of the request just registered (after the redirect), to read to the citizen.</summary>
    [TempData]
    public string? Registered { get; set; }

    /// <summary>Its id, as text (TempData keeps no <c>long</c>), for the link to the request page.</summary>
    [TempData]
    public string? RegisteredId { get; set; }

    /// <summary>What the form shows: the provinces this staff member may register in (all for an administrator, else their own), subjects, person, files.</summary>
    public SubmissionFormView View { get; } = new();

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Input.SubmissionKey = Guid.NewGuid().ToString();
        // Callers mostly ask for something; the expert changes it for a complaint, a criticism or a suggestion.
        Input.RequestType = nameof(Core.Requests.RequestType.Request);
        MobileCheck = UnverifiedChoice;
        return await PageAsync(StatusCodes.Status200OK, cancellationToken);
    }

    /// <summary>«استعلام»: the registry's name for the typed identity, without sending.</summary>
    public async Task<IActionResult> OnPostLookupAsync(CancellationToken cancellationToken)
    {
        ModelState.Clear();
        await StageAsync(new FieldErrors(), cancellationToken);
        var check = await submission.LookupAsync(Input, null, cancellationToken);
        Show(check.Errors, check.Person, check.Outcome == IdentityOutcome.Unavailable);
        return await PageAsync(View.Person is null ? StatusCodes.Status400BadRequest : StatusCodes.Status200OK, cancellationToken);
    }

    /// <summary>«نمایش فیلدهای این موضوع» (without JavaScript): the form as typed, with the chosen subject's fields.</summary>
    public async Task<IActionResult> OnPostFieldsAsync(CancellationToken cancellationToken)
    {
        ModelState.Clear();
        await StageAsync(new FieldErrors(), cancellationToken);
        return await PageAsync(StatusCodes.Status200OK, cancellationToken);
    }

    /// <summary>«ثبت درخواست»: channel and province checked here, everything else by the submission service.</summary>
    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        ModelState.Clear();
        var staff = await currentStaff.RequireAsync(cancellationToken);
        if (!Input.TryGetSubmissionKey(out var key))
        {
            key = Guid.NewGuid();
            Input.SubmissionKey = key.ToString();
        }

        var errors = new FieldErrors();
        if (!Enum.TryParse<RequestChannel>(Channel, out var channel) || !RequestChannelText.StaffChannels.Contains(channel))
        {
            errors.Add(nameof(Channel), ChannelRequired);
        }

        if (!staff.IsAdministrator && !string.IsNullOrWhiteSpace(Input.ProvinceId)
            && PersianText.NormalizeNumeric(Input.ProvinceId) != staff.ProvinceId?.ToString(System.Globalization.CultureInfo.InvariantCulture))
        {
            errors.Add(nameof(Input.ProvinceId), OutsideProvince);
        }

        await StageAsync(errors, cancellationToken);
        var origin = new SubmissionOrigin(channel, staff.Id, staff.DisplayName);
        // With «کد تأیید پیامک شود» the request is stored only once the code the caller read back is right; the
        // first press sends it. The same code, limits and rows as the citizen's form.
        CodeCheck? check = null;
        Func<string, CancellationToken, Task<bool>>? proof = MobileCheck != VerifyChoice ? null : async (mobile, ct) =>
        {
            if (await verification.IsVerifiedAsync(key, mobile, ct))
            {
                return true;
            }

            if (string.IsNullOrWhiteSpace(VerificationCode))
            {
                return false;
            }

            check = await verification.VerifyAsync(key, mobile, VerificationCode, ct);
            return check == CodeCheck.Verified;
        };
        var result = await submission.SubmitAsync(new SubmissionCommand(key, Input) { ChannelErrors = errors, Origin = origin, MobileVerified = proof }, cancellationToken);
        if (result.Outcome == SubmissionOutcome.MobileUnverified)
        {
            View.Person = result.Person;
            if (check is { } failed and not CodeCheck.NoCode)
            {
                ModelState.AddModelError(nameof(VerificationCode), MobileCodeTexts.ForCheck(failed)!);
                VerificationCode = null;
                return await PageAsync(StatusCodes.Status400BadRequest, cancellationToken);
            }

            return await SendCodeAsync(key, result.Mobile!, cancellationToken);
        }

        if (result.Succeeded)
        {
            if (result.Outcome == SubmissionOutcome.Created)
            {
                var verified = MobileCheck == VerifyChoice ? "، تلفن همراه تأییدشده" : "، تلفن همراه تأییدنشده";
                await audit.WriteAsync(AuditActions.RequestRegister, result.RequestId, $"ثبت برای متقاضی از راه {channel.ToPersian()}{verified}");
            }

            (Registered, RegisteredId) = (result.TrackingCode, result.RequestId?.ToString(System.Globalization.CultureInfo.InvariantCulture));
            return RedirectToPage();
        }

        Show(result.Errors, result.Person, result.Outcome == SubmissionOutcome.RegistryUnavailable);
        return await PageAsync(StatusCodes.Status400BadRequest, cancellationToken);
    }

    /// <summary>«ارسال دوباره کد»: another code to the typed mobile, within the form's limits; nothing is stored.</summary>
    public async Task<IActionResult> OnPostResendCodeAsync(CancellationToken cancellationToken)
    {
        ModelState.Clear();
        await currentStaff.RequireAsync(cancellationToken);
        await StageAsync(new FieldErrors(), cancellationToken);
        MobileCheck = VerifyChoice;
        if (!Input.TryGetSubmissionKey(out var key) || !PhoneNumber.TryNormalizeMobile(Input.Mobile, out var mobile))
        {
            ModelState.AddModelError($"{nameof(Input)}.{nameof(Input.Mobile)}", SubmissionMessages.MobileInvalid);
            return await PageAsync(StatusCodes.Status400BadRequest, cancellationToken);
        }

        return await SendCodeAsync(key, mobile, cancellationToken);
    }

    private async Task<IActionResult> SendCodeAsync(Guid key, string mobile, CancellationToken cancellationToken)
    {
        var sent = await codes.SendAsync(key, mobile, cancellationToken);
        VerificationCode = null;
        if (MobileCodeTexts.ForSend(sent) is { } problem)
        {
            ModelState.AddModelError(nameof(VerificationCode), problem);
            return await PageAsync(StatusCodes.Status400BadRequest, cancellationToken);
        }

        CodeMessage = CodeSentToCaller;
        return await PageAsync(StatusCodes.Status200OK, cancellationToken);
    }

    private async Task StageAsync(FieldErrors errors, CancellationToken cancellationToken)
    {
        if (Input.TryGetSubmissionKey(out var key))
        {
            var staged = await staging.StageAsync(key, Files, cancellationToken);
            View.StagedFiles = staged.Files;
            if (staged.Error is not null)
            {
                errors.Add(SubmissionFields.Files, staged.Error);
            }
        }
    }

    /// <summary>The registry's person, the notice when it could not be asked, and each field's first error.</summary>
    private void Show(FieldErrors errors, RegistryPerson? person, bool registryUnavailable) =>
        SubmissionForm.Show(View, ModelState, errors, registryUnavailable ? [SubmissionMessages.RegistryUnavailable] : [], person, null,
            nameof(Channel), nameof(VerificationCode));

    private async Task<PageResult> PageAsync(int status, CancellationToken cancellationToken)
    {
        var staff = await currentStaff.RequireAsync(cancellationToken);
        await form.LoadAsync(View, Input, loadStaged: true, cancellationToken);
        View.Provinces = staff.IsAdministrator ? View.Provinces : [.. View.Provinces.Where(p => p.Id == staff.ProvinceId)];
        Response.StatusCode = status;
        return Page();
    }
}

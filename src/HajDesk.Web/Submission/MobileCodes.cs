using HajDesk.Core.Notifications;
using HajDesk.Core.Persian;
using HajDesk.Core.Requests.Verification;
using HajDesk.Web.Infrastructure;
using HajDesk.Web.Notifications;

namespace HajDesk.Web.Submission;

/// <summary><c>MobileVerification:*</c>: whether the citizen's send form asks for a one-time code («کد تأیید»).</summary>
public sealed class MobileVerificationOptions
{
    public const string Section = "MobileVerification";

    /// <summary>On in <c>appsettings.json</c> (every environment but Development, which turns it off).</summary>
    public bool Enabled { get; init; }
}

/// <summary>What became of «send me a code».</summary>
public enum CodeSendOutcome
{
    Sent,
    TooSoon,
    NoMoreSends,

    /// <summary>This mobile has had <c>RateLimits:VerificationCodesByMobile</c> codes this hour (every node together).</summary>
    MobileThrottled,

    /// <summary>The SMS operator refused or could not be reached; the send still counts.</summary>
    SendFailed,
}

public sealed record CodeSend(CodeSendOutcome Outcome, TimeSpan Wait = default, int SendsLeft = 0);

/// <summary>
/// Draws a one-time code with <see cref="MobileVerificationService"/> and sends it AT ONCE through the SMS sender
/// (not through the outbox): the citizen is waiting at the form, and the code must not sit in clear in the outbox
/// table. The recording sender (the embedded default) keeps it in the recorded messages, where tests and a newcomer
/// read it. Log lines name the form by <see cref="LogReference"/>, never the mobile or the code.
/// </summary>
public sealed class MobileCodes(
    MobileVerificationService verification,
    Throttle throttle,
    [FromKeyedServices(NotificationChannel.Sms)] INotificationSender sms,
    TimeProvider time,
    ILogger<MobileCodes> logger)
{
    /// <summary>The SMS, around the code in Persian digits.</summary>
    public static string SmsText(string code) => $"کد تأیید میز خدمت حج و زیارت: {PersianText.ToPersianDigits(code)} — این کد را به کسی ندهید.";

    public async Task<CodeSend> SendAsync(Guid submissionKey, string mobile, CancellationToken cancellationToken)
    {
        // The per-mobile allowance is spent only by a send the form's own limits would let through.
        var state = await verification.StateAsync(submissionKey, cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        var formAllows = state is null
            || (state.Sends < MobileVerificationRules.MaxSends && state.LastSentAt + MobileVerificationRules.ResendAfter <= now);
        if (formAllows && !await throttle.TryAcquireAsync(SharedLimit.VerificationCodesByMobile, mobile, cancellationToken))
        {
            logger.LogWarning("Verification code for form {Form} refused: the mobile's hourly limit is spent", LogReference.Of("form", submissionKey.ToString()));
            return new CodeSend(CodeSendOutcome.MobileThrottled);
        }

        var issue = await verification.IssueAsync(submissionKey, mobile, cancellationToken);
        switch (issue.Outcome)
        {
            case CodeIssueOutcome.TooSoon:
                return new CodeSend(CodeSendOutcome.TooSoon, issue.Wait, issue.SendsLeft);
            case CodeIssueOutcome.NoMoreSends:
                return new CodeSend(CodeSendOutcome.NoMoreSends);
        }

        var message = new OutboxMessage
        {
            Channel = NotificationChannel.Sms,
            Template = "mobile.code",
            Recipient = mobile,
            Body = SmsText(issue.Code!),
            CreatedAt = now,
            NextAttemptAt = now,
        };
        var result = await sms.SendAsync(message, cancellationToken);
        if (!result.Accepted)
        {
            logger.LogWarning("Verification code for form {Form} not accepted by the SMS operator: {Error}",
                LogReference.Of("form", submissionKey.ToString()), result.Error);
            return new CodeSend(CodeSendOutcome.SendFailed, MobileVerificationRules.ResendAfter, issue.SendsLeft);
        }

        logger.LogInformation("Verification code sent for form {Form}", LogReference.Of("form", submissionKey.ToString()));
        return new CodeSend(CodeSendOutcome.Sent, MobileVerificationRules.ResendAfter, issue.SendsLeft);
    }
}

/// <summary>The Persian sentences of the code step, shared by the citizen's form and staff registration.</summary>
public static class MobileCodeTexts
{
    public const string Label = "کد تأیید";

    public const string Malformed = "کد تأیید شش رقم است؛ آن را همان‌گونه که در پیامک آمده بنویسید.";

    public const string Wrong = "کد تأیید درست نیست. دوباره بنویسید.";

    public const string Expired = "این کد تأیید منقضی شده است (هر کد پنج دقیقه اعتبار دارد). «ارسال دوباره کد» را بزنید.";

    public const string TooManyTries = "این کد بیش از اندازه اشتباه وارد شد. «ارسال دوباره کد» را بزنید.";

    public const string NoCode = "برای این شماره همراه کدی فرستاده نشده است. «ارسال دوباره کد» را بزنید.";

    public const string NoMoreSends = "سه بار برای این فرم کد فرستاده شد و بیش از آن ممکن نیست. اگر پیامک نرسید، شماره همراه را بررسی کنید یا بعداً فرم تازه‌ای بفرستید.";

    public const string MobileThrottled = "برای این شماره همراه در یک ساعت گذشته کدهای زیادی فرستاده شده است. لطفاً بعداً دوباره تلاش کنید.";

    public const string SendFailed = "پیامک کد تأیید فرستاده نشد. یک دقیقه بعد «ارسال دوباره کد» را بزنید.";

    /// <summary>Where the code went; the masked number is isolated left-to-right (U+2066 … U+2069) so it reads as typed.</summary>
    public static string Sent(string mobile) =>
        $"کد تأیید شش‌رقمی به شمارهٔ \u2066{PersianText.ToPersianDigits(Mask(mobile))}\u2069 پیامک شد. کد پنج دقیقه اعتبار دارد.";

    public static string TooSoon(TimeSpan wait) =>
        $"کد پیشین هنوز تازه است؛ کد دوباره را {PersianText.ToPersianDigits(Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture))} ثانیه دیگر می‌توانید بخواهید.";

    public static string? ForCheck(CodeCheck check) => check switch
    {
        CodeCheck.Verified => null,
        CodeCheck.Malformed => Malformed,
        CodeCheck.Wrong => Wrong,
        CodeCheck.Expired => Expired,
        CodeCheck.TooManyTries => TooManyTries,
        _ => NoCode,
    };

    public static string? ForSend(CodeSend send) => send.Outcome switch
    {
        CodeSendOutcome.Sent => null,
        CodeSendOutcome.TooSoon => TooSoon(send.Wait),
        CodeSendOutcome.NoMoreSends => NoMoreSends,
        CodeSendOutcome.MobileThrottled => MobileThrottled,
        _ => SendFailed,
    };

    /// <summary>0912***4567: enough for the citizen to recognise the number, not to read it off a shoulder.</summary>
    public static string Mask(string mobile) => mobile.Length == 11 ? mobile[..4] + "***" + mobile[7..] : mobile;
}

namespace HajDesk.Web.Captcha;

/// <summary>
/// The model of <c>Pages/Shared/_Captcha.cshtml</c>: the challenge the form shows and, after a failed post,
/// the message to show under the answer box.
/// </summary>
public sealed record CaptchaField(Guid ChallengeId, string? Error = null)
{
    /// <summary>
    /// The handler the «تصویر جدید» button posts to: a page that shows the partial implements
    /// <c>OnPostNewCaptchaAsync</c>, which keeps the form's values and issues a new challenge.
    /// </summary>
    public const string NewCaptchaHandler = "NewCaptcha";

    /// <summary>The message for a wrong, used or expired code.</summary>
    public const string WrongAnswer = "کد امنیتی درست نیست یا زمان آن گذشته است. عددهای تصویر جدید را وارد کنید.";

    /// <summary>The message for an empty answer box.</summary>
    public const string MissingAnswer = "کد امنیتی را وارد کنید.";
}

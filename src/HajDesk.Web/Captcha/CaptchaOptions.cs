namespace HajDesk.Web.Captcha;

/// <summary>The security code (کد امنیتی) on citizens' forms. Section <c>Captcha</c>.</summary>
public sealed class CaptchaOptions
{
    public const string Section = "Captcha";

    /// <summary>How long a challenge can be answered after it was issued.</summary>
    public TimeSpan Lifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How many digits the picture shows (4 to 8).</summary>
    public int Digits { get; set; } = 5;

    /// <summary>
    /// For automated tests only: this code is accepted for any issued, unused challenge. Allowed only in the
    /// <c>Development</c> and <c>Testing</c> environments; the app refuses to start with it anywhere else.
    /// </summary>
    public string? TestCode { get; set; }
}

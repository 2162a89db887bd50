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

    /// <summary>
    /// The key (base64, at least 32 bytes, the same on every node) that derives each challenge's digits and keys the
    /// hash of its answer in the database. Required with PostgreSQL outside Development and Testing. Unset with the
    /// embedded SQLite database, a key is generated once into <see cref="KeyFileName"/> beside the database file.
    /// Make one with <c>openssl rand -base64 32</c>.
    /// </summary>
    public string? AnswerKey { get; set; }

    /// <summary>The key file written beside the SQLite database when <see cref="AnswerKey"/> is unset.</summary>
    public const string KeyFileName = "captcha-answer.key";
}

namespace HajDesk.Core.Captcha;

/// <summary>
/// A security-code challenge. Kept in the database so any app process can check it; usable once, right or wrong.
/// </summary>
public class CaptchaChallenge
{
    public Guid Id { get; set; }

    /// <summary>HMAC of the expected answer, so a database reader cannot read the codes off the table.</summary>
    public required string AnswerHash { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime ExpiresAt { get; set; }

    public DateTime? UsedAt { get; set; }
}

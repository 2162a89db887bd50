namespace HajDesk.Core.Captcha;

/// <summary>
/// A security-code challenge. Kept in the database so any app process can check it; usable once, right or wrong.
/// </summary>
public class CaptchaChallenge
{
    public Guid Id { get; set; }

    /// <summary>
    /// The expected digits, encrypted with the app's Data Protection key ring: any node can draw the image and check
    /// the answer, while a reader of the table cannot read the codes off it.
    /// </summary>
    public required string ProtectedAnswer { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime ExpiresAt { get; set; }

    public DateTime? UsedAt { get; set; }
}

namespace HajDesk.Core.Captcha;

/// <summary>
/// A security-code challenge. Kept in the database so any app process can check it; usable once, right or wrong.
/// </summary>
public class CaptchaChallenge
{
    public Guid Id { get; set; }

    /// <summary>
    /// The keyed hash of the expected digits (<see cref="CaptchaAnswerKey.HashOf"/>: HMAC-SHA256 over the id and the
    /// digits, base64). The key is not in the database, so a reader of this table can neither read the codes nor try
    /// the possible answers against it. (The name is older than the hash; renaming the column would need a migration.)
    /// </summary>
    public required string ProtectedAnswer { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime ExpiresAt { get; set; }

    public DateTime? UsedAt { get; set; }
}

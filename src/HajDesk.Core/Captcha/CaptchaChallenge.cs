namespace HajDesk.Core.Captcha;

/// <summary>
/// A spent security-code challenge. A challenge is not stored while it is live (its id carries its issuing time under
/// the key's tag, see <see cref="CaptchaAnswerKey.NewChallengeId"/>); the first answer, right or wrong, inserts this
/// row, and the primary key makes that insert succeed once across every app process.
/// </summary>
public class CaptchaChallenge
{
    public Guid Id { get; set; }

    /// <summary>
    /// No longer written (empty for challenges spent since challenges stopped being stored while live): the answer is
    /// derived from the id and the key, never stored. Kept because dropping the column would need a migration.
    /// </summary>
    public required string ProtectedAnswer { get; set; }

    /// <summary>When the challenge was issued (from its id).</summary>
    public DateTime CreatedAt { get; set; }

    /// <summary>When it would have stopped being answerable; old rows are deleted an hour after this.</summary>
    public DateTime ExpiresAt { get; set; }

    /// <summary>When it was answered.</summary>
    public DateTime? UsedAt { get; set; }
}

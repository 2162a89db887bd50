namespace HajDesk.Core.Requests.Verification;

/// <summary>
/// The one-time code («کد تأیید») of one form: bound to the form's submission key (one row per form) and to the mobile
/// it was sent to. The code itself is never stored, only its keyed hash (<see cref="CodeHash"/>, which covers the key,
/// the mobile and the digits), so a reader of the database learns nothing and a code cannot serve another form or
/// another number. Every count lives in this row, so every node shares it.
/// </summary>
public class MobileVerification
{
    public long Id { get; set; }

    /// <summary>The form's submission key (unique): the row is created once per form.</summary>
    public Guid SubmissionKey { get; set; }

    /// <summary>Keyed hash of the mobile the current code went to.</summary>
    public required string MobileHash { get; set; }

    /// <summary>Keyed hash of key, mobile and code.</summary>
    public required string CodeHash { get; set; }

    /// <summary>How many codes this form has had sent (at most <see cref="MobileVerificationRules.MaxSends"/>).</summary>
    public int Sends { get; set; }

    public DateTime LastSentAt { get; set; }

    /// <summary>When the current code stops being accepted.</summary>
    public DateTime ExpiresAt { get; set; }

    /// <summary>Wrong answers to the current code (at most <see cref="MobileVerificationRules.MaxWrongTries"/>).</summary>
    public int WrongTries { get; set; }

    /// <summary>When the current code was typed right; the form may then be stored for this mobile.</summary>
    public DateTime? VerifiedAt { get; set; }

    public DateTime CreatedAt { get; set; }
}

/// <summary>The limits of the one-time code (issue 25).</summary>
public static class MobileVerificationRules
{
    public const int CodeLength = 6;

    public const int MaxSends = 3;

    public const int MaxWrongTries = 5;

    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    public static readonly TimeSpan ResendAfter = TimeSpan.FromSeconds(60);

    /// <summary>Rows are deleted this long after their last code was sent.</summary>
    public static readonly TimeSpan KeepFor = TimeSpan.FromDays(1);
}

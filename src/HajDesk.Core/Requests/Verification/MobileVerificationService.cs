using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using HajDesk.Core.Captcha;
using HajDesk.Core.Data;
using HajDesk.Core.Persian;
using Microsoft.EntityFrameworkCore;

namespace HajDesk.Core.Requests.Verification;

/// <summary>What became of a request for a code.</summary>
public enum CodeIssueOutcome
{
    /// <summary>A fresh code was drawn; the caller sends it now.</summary>
    Issued,

    /// <summary>The last code went less than <see cref="MobileVerificationRules.ResendAfter"/> ago.</summary>
    TooSoon,

    /// <summary>This form has had its <see cref="MobileVerificationRules.MaxSends"/> codes.</summary>
    NoMoreSends,
}

/// <summary>A drawn code (only for <see cref="CodeIssueOutcome.Issued"/>), or how long until another may be sent.</summary>
public sealed record CodeIssue(CodeIssueOutcome Outcome, string? Code = null, TimeSpan Wait = default, int SendsLeft = 0);

/// <summary>What became of a typed code.</summary>
public enum CodeCheck
{
    /// <summary>Right (or this form's mobile was already verified): the form may be stored as verified.</summary>
    Verified,

    /// <summary>Not six digits; no try is spent.</summary>
    Malformed,

    /// <summary>Wrong; a try was spent.</summary>
    Wrong,

    /// <summary>The current code is older than <see cref="MobileVerificationRules.Lifetime"/>.</summary>
    Expired,

    /// <summary>The current code has had its <see cref="MobileVerificationRules.MaxWrongTries"/> tries.</summary>
    TooManyTries,

    /// <summary>No code was sent to this mobile for this form (none at all, or the mobile was changed since).</summary>
    NoCode,
}

/// <summary>
/// The one-time code that proves a request's mobile («کد تأیید»), issue 25: six digits from a CSPRNG, stored only as a
/// keyed hash bound to the form's submission key and the mobile, living <see cref="MobileVerificationRules.Lifetime"/>,
/// resent at most <see cref="MobileVerificationRules.MaxSends"/> times per form and no sooner than
/// <see cref="MobileVerificationRules.ResendAfter"/>, with <see cref="MobileVerificationRules.MaxWrongTries"/> tries per
/// code. Every count is changed by one conditional UPDATE of the form's row, so any number of nodes on one database
/// allow together what one would. Sending is the channel's job (the code is returned once, never stored).
/// </summary>
public sealed class MobileVerificationService(HajDeskDbContext db, CaptchaAnswerKey key, TimeProvider time)
{
    /// <summary>Draws a code for <paramref name="mobile"/> (normalized) on the form <paramref name="submissionKey"/>, if the limits allow.</summary>
    public async Task<CodeIssue> IssueAsync(Guid submissionKey, string mobile, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var code = RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6", CultureInfo.InvariantCulture);
        var codeHash = CodeHash(submissionKey, mobile, code);
        var mobileHash = MobileHash(submissionKey, mobile);
        if (!await db.MobileVerifications.AnyAsync(v => v.SubmissionKey == submissionKey, cancellationToken))
        {
            var row = new MobileVerification
            {
                SubmissionKey = submissionKey,
                MobileHash = mobileHash,
                CodeHash = codeHash,
                Sends = 1,
                LastSentAt = now,
                ExpiresAt = now + MobileVerificationRules.Lifetime,
                CreatedAt = now,
            };
            db.MobileVerifications.Add(row);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return new CodeIssue(CodeIssueOutcome.Issued, code, SendsLeft: MobileVerificationRules.MaxSends - 1);
            }
            catch (DbUpdateException)
            {
                // Another post of the same form (on this node or another) created the row first: resend rules apply.
                db.Entry(row).State = EntityState.Detached;
            }
        }

        var resendFrom = now - MobileVerificationRules.ResendAfter;
        var updated = await db.MobileVerifications
            .Where(v => v.SubmissionKey == submissionKey && v.Sends < MobileVerificationRules.MaxSends && v.LastSentAt <= resendFrom)
            .ExecuteUpdateAsync(s => s
                .SetProperty(v => v.MobileHash, mobileHash)
                .SetProperty(v => v.CodeHash, codeHash)
                .SetProperty(v => v.Sends, v => v.Sends + 1)
                .SetProperty(v => v.LastSentAt, now)
                .SetProperty(v => v.ExpiresAt, now + MobileVerificationRules.Lifetime)
                .SetProperty(v => v.WrongTries, 0)
                .SetProperty(v => v.VerifiedAt, (DateTime?)null), cancellationToken);
        var state = await StateAsync(submissionKey, cancellationToken);
        if (updated == 1)
        {
            return new CodeIssue(CodeIssueOutcome.Issued, code, SendsLeft: MobileVerificationRules.MaxSends - (state?.Sends ?? MobileVerificationRules.MaxSends));
        }

        return state is null || state.Sends >= MobileVerificationRules.MaxSends
            ? new CodeIssue(CodeIssueOutcome.NoMoreSends)
            : new CodeIssue(CodeIssueOutcome.TooSoon, Wait: state.LastSentAt + MobileVerificationRules.ResendAfter - now,
                SendsLeft: MobileVerificationRules.MaxSends - state.Sends);
    }

    /// <summary>
    /// Checks a typed code (Persian, Arabic or ASCII digits). A try is counted BEFORE the code is compared, by one
    /// conditional update, so parallel guesses on several nodes get no more than <see cref="MobileVerificationRules.MaxWrongTries"/>
    /// comparisons; a right code gives its try back.
    /// </summary>
    public async Task<CodeCheck> VerifyAsync(Guid submissionKey, string mobile, string? typed, CancellationToken cancellationToken)
    {
        var state = await StateAsync(submissionKey, cancellationToken);
        if (state is null || !FixedTimeEquals(state.MobileHash, MobileHash(submissionKey, mobile)))
        {
            return CodeCheck.NoCode;
        }

        if (state.VerifiedAt is not null)
        {
            return CodeCheck.Verified;
        }

        var code = Normalize(typed);
        if (code is null)
        {
            return CodeCheck.Malformed;
        }

        var now = time.GetUtcNow().UtcDateTime;
        if (state.ExpiresAt <= now)
        {
            return CodeCheck.Expired;
        }

        var currentHash = state.CodeHash;
        var counted = await db.MobileVerifications
            .Where(v => v.SubmissionKey == submissionKey && v.CodeHash == currentHash
                && v.WrongTries < MobileVerificationRules.MaxWrongTries && v.ExpiresAt > now)
            .ExecuteUpdateAsync(s => s.SetProperty(v => v.WrongTries, v => v.WrongTries + 1), cancellationToken);
        if (counted == 0)
        {
            var after = await StateAsync(submissionKey, cancellationToken);
            return after switch
            {
                { VerifiedAt: not null } when after.CodeHash == currentHash => CodeCheck.Verified,
                { } s when s.CodeHash != currentHash => CodeCheck.Expired,
                { } s when s.ExpiresAt <= now => CodeCheck.Expired,
                _ => CodeCheck.TooManyTries,
            };
        }

        if (!FixedTimeEquals(CodeHash(submissionKey, mobile, code), currentHash))
        {
            return CodeCheck.Wrong;
        }

        await db.MobileVerifications
            .Where(v => v.SubmissionKey == submissionKey && v.CodeHash == currentHash)
            .ExecuteUpdateAsync(s => s
                .SetProperty(v => v.VerifiedAt, now)
                .SetProperty(v => v.WrongTries, v => v.WrongTries - 1), cancellationToken);
        return CodeCheck.Verified;
    }

    /// <summary>Whether this form's current code, sent to <paramref name="mobile"/>, was typed right.</summary>
    public async Task<bool> IsVerifiedAsync(Guid submissionKey, string mobile, CancellationToken cancellationToken)
    {
        var state = await StateAsync(submissionKey, cancellationToken);
        return state is { VerifiedAt: not null } && FixedTimeEquals(state.MobileHash, MobileHash(submissionKey, mobile));
    }

    /// <summary>Whether a code was ever sent for this form: only then was its security code passed (the citizen form).</summary>
    public Task<bool> HasCodeAsync(Guid submissionKey, CancellationToken cancellationToken) =>
        db.MobileVerifications.AnyAsync(v => v.SubmissionKey == submissionKey, cancellationToken);

    /// <summary>The form's row as it is now, untracked.</summary>
    public Task<MobileVerification?> StateAsync(Guid submissionKey, CancellationToken cancellationToken) =>
        db.MobileVerifications.AsNoTracking().FirstOrDefaultAsync(v => v.SubmissionKey == submissionKey, cancellationToken);

    /// <summary>Deletes rows whose last code went more than <see cref="MobileVerificationRules.KeepFor"/> ago.</summary>
    public Task<int> DeleteOldAsync(CancellationToken cancellationToken)
    {
        var cutoff = time.GetUtcNow().UtcDateTime - MobileVerificationRules.KeepFor;
        return db.MobileVerifications.Where(v => v.LastSentAt < cutoff).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>Six ASCII digits from what was typed (Persian/Arabic digits, spaces and direction marks allowed), or null.</summary>
    public static string? Normalize(string? typed)
    {
        if (typed is null || typed.Length > 40)
        {
            return null;
        }

        var digits = PersianText.NormalizeNumeric(typed).Replace(" ", string.Empty, StringComparison.Ordinal)
            .Replace("-", string.Empty, StringComparison.Ordinal);
        return digits.Length == MobileVerificationRules.CodeLength && digits.All(char.IsAsciiDigit) ? digits : null;
    }

    private string CodeHash(Guid submissionKey, string mobile, string code) =>
        key.CounterKeyOf(string.Create(CultureInfo.InvariantCulture, $"mobile-code|{submissionKey:N}|{mobile}|{code}"));

    private string MobileHash(Guid submissionKey, string mobile) =>
        key.CounterKeyOf(string.Create(CultureInfo.InvariantCulture, $"mobile-to|{submissionKey:N}|{mobile}"));

    private static bool FixedTimeEquals(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(a), Encoding.ASCII.GetBytes(b));
}

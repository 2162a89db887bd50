using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using HajDesk.Core.Captcha;
using HajDesk.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HajDesk.Web.Captcha;

/// <summary>
/// Issues, draws and checks security codes. A challenge lives in the database, so any app process can draw or
/// check it, and it is consumed by the first answer, right or wrong.
/// </summary>
public sealed class CaptchaService(
    HajDeskDbContext db,
    CaptchaAnswerKey key,
    TimeProvider time,
    IOptions<CaptchaOptions> options,
    CaptchaImage image,
    CaptchaAudio audio,
    ILogger<CaptchaService> logger)
{
    /// <summary>Used and expired challenges are kept this long, then deleted.</summary>
    internal static readonly TimeSpan KeepFor = TimeSpan.FromHours(1);

    /// <summary>One <see cref="CreateAsync"/> in this many also deletes old challenges.</summary>
    private const int CleanUpOneIn = 50;

    /// <summary>At most this many old challenges are deleted at a time, so the clean-up stays cheap.</summary>
    internal const int CleanUpBatch = 500;

    /// <summary>Longer answers are not even looked at (the box takes 10 characters).</summary>
    private const int MaxAnswerLength = 64;

    /// <summary>
    /// Issues a new challenge: a random id, whose digits (1 to 9) only the key can derive; the database keeps their
    /// keyed hash.
    /// </summary>
    public async Task<Guid> CreateAsync(CancellationToken ct)
    {
        var settings = options.Value;
        var id = Guid.NewGuid();
        var now = time.GetUtcNow().UtcDateTime;
        var challenge = new CaptchaChallenge
        {
            Id = id,
            ProtectedAnswer = key.HashOf(id, DigitsOf(id)),
            CreatedAt = now,
            ExpiresAt = now + settings.Lifetime,
        };
        db.CaptchaChallenges.Add(challenge);
        await db.SaveChangesAsync(ct);
        db.Entry(challenge).State = EntityState.Detached;

        if (RandomNumberGenerator.GetInt32(CleanUpOneIn) == 0)
        {
            await DeleteOldAsync(ct);
        }

        return challenge.Id;
    }

    /// <summary>
    /// Checks an answer and consumes the challenge whatever the result: a challenge is answered once, never after
    /// it expires, and of two simultaneous answers (on any number of app processes) at most one passes.
    /// Persian and Arabic-Indic digits, spaces and direction marks in the answer are accepted.
    /// </summary>
    public async Task<bool> VerifyAsync(Guid id, string? answer, CancellationToken ct) =>
        await CheckAsync(id, answer, ct) == CaptchaCheck.Passed;

    /// <summary>
    /// Like <see cref="VerifyAsync"/>, but says why an answer failed: a form posted twice at once (a double click)
    /// finds its challenge <see cref="CaptchaCheck.AlreadyUsed"/> by its twin, which a page may treat differently
    /// from a wrong answer.
    /// </summary>
    public async Task<CaptchaCheck> CheckAsync(Guid id, string? answer, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        // The one atomic step: whoever flips UsedAt gets to compare; everyone else has lost already.
        var consumed = await db.CaptchaChallenges
            .Where(c => c.Id == id && c.UsedAt == null && c.ExpiresAt > now)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.UsedAt, now), ct);
        if (consumed != 1)
        {
            return CaptchaCheck.AlreadyUsed;
        }

        var normalized = Normalize(answer);
        if (normalized.Length == 0)
        {
            return CaptchaCheck.Wrong;
        }

        var testCode = options.Value.TestCode;
        if (!string.IsNullOrEmpty(testCode) && FixedTimeEquals(normalized, testCode))
        {
            return CaptchaCheck.Passed;
        }

        var storedHash = await StoredHash.For(db)(db, id, ct);
        return storedHash is not null && key.Matches(id, normalized, storedHash) ? CaptchaCheck.Passed : CaptchaCheck.Wrong;
    }

    /// <summary>The picture of an unused, unexpired challenge; null for any other id.</summary>
    public async Task<byte[]?> RenderPngAsync(Guid id, CancellationToken ct) =>
        await IsLiveAsync(id, ct) ? image.RenderPng(DigitsOf(id), key.SeedOf(id)) : null;

    /// <summary>
    /// The spoken version of an unused, unexpired challenge (a WAV file): the same digits as its picture, for people
    /// who cannot see it. Null for any other id.
    /// </summary>
    public async Task<byte[]?> RenderWavAsync(Guid id, CancellationToken ct) =>
        await IsLiveAsync(id, ct) ? audio.RenderWav(DigitsOf(id), key.SeedOf(id)) : null;

    /// <summary>The digits challenge <paramref name="id"/> shows (ASCII 1 to 9), derived from the key.</summary>
    internal string DigitsOf(Guid id) => key.DigitsOf(id, options.Value.Digits);

    private Task<bool> IsLiveAsync(Guid id, CancellationToken ct) => IsLive.For(db)(db, id, time.GetUtcNow().UtcDateTime, ct);

    // Compiled once: asked with every security-code picture and every answer.
    private static readonly PerModelQuery<Func<HajDeskDbContext, Guid, DateTime, CancellationToken, Task<bool>>> IsLive = new(() =>
        EF.CompileAsyncQuery((HajDeskDbContext db, Guid id, DateTime now, CancellationToken _) =>
            db.CaptchaChallenges.Any(c => c.Id == id && c.UsedAt == null && c.ExpiresAt > now)));

    private static readonly PerModelQuery<Func<HajDeskDbContext, Guid, CancellationToken, Task<string?>>> StoredHash = new(() =>
        EF.CompileAsyncQuery((HajDeskDbContext db, Guid id, CancellationToken _) =>
            db.CaptchaChallenges.AsNoTracking().Where(c => c.Id == id).Select(c => (string?)c.ProtectedAnswer).SingleOrDefault()));

    /// <summary>
    /// Deletes up to <see cref="CleanUpBatch"/> challenges that expired more than <see cref="KeepFor"/> ago (a used
    /// challenge is gone at most that long after its expiry). Runs on the <c>ExpiresAt</c> index.
    /// </summary>
    internal async Task<int> DeleteOldAsync(CancellationToken ct)
    {
        var cutoff = time.GetUtcNow().UtcDateTime - KeepFor;
        try
        {
            return await db.CaptchaChallenges
                .Where(c => c.ExpiresAt < cutoff)
                .OrderBy(c => c.ExpiresAt)
                .Take(CleanUpBatch)
                .ExecuteDeleteAsync(ct);
        }
        catch (System.Data.Common.DbException e)
        {
            // Housekeeping only: a busy database must not cost the citizen their form.
            logger.LogWarning(e, "Deleting old security-code challenges failed; the next attempt will retry");
            return 0;
        }
    }

    private static bool FixedTimeEquals(string answer, string expected) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(answer), Encoding.UTF8.GetBytes(expected));

    /// <summary>
    /// Persian (۰-۹) and Arabic-Indic (٠-٩) digits to ASCII; spaces and invisible format characters (direction
    /// marks, zero-width joiners) dropped. Anything too long comes back empty.
    /// </summary>
    internal static string Normalize(string? answer)
    {
        if (string.IsNullOrEmpty(answer) || answer.Length > MaxAnswerLength)
        {
            return string.Empty;
        }

        var result = new StringBuilder(answer.Length);
        foreach (var c in answer)
        {
            if (c is >= '۰' and <= '۹')
            {
                result.Append((char)('0' + (c - '۰')));
            }
            else if (c is >= '٠' and <= '٩')
            {
                result.Append((char)('0' + (c - '٠')));
            }
            else if (!char.IsWhiteSpace(c) && CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.Format)
            {
                result.Append(c);
            }
        }

        return result.ToString();
    }
}

/// <summary>The outcome of answering a security-code challenge.</summary>
public enum CaptchaCheck
{
    Passed,

    /// <summary>This call spent the challenge, and the answer was wrong.</summary>
    Wrong,

    /// <summary>Unknown, expired, or already spent (perhaps by a twin post of the same form).</summary>
    AlreadyUsed,
}

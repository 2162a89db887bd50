using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using HajDesk.Core.Captcha;
using HajDesk.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HajDesk.Web.Captcha;

/// <summary>
/// Issues, draws and checks security codes. A live challenge is stored nowhere: its id carries its issuing time under
/// the answer key's tag, and its digits are derived from the id and the key, so showing a form writes nothing and
/// any app process can draw or check any challenge. The first answer, right or wrong, stores the id as spent.
/// </summary>
public sealed class CaptchaService(
    HajDeskDbContext db,
    CaptchaAnswerKey key,
    TimeProvider time,
    IOptions<CaptchaOptions> options,
    CaptchaImage image,
    CaptchaAudio audio,
    CaptchaClaims claims,
    ILogger<CaptchaService> logger)
{
    /// <summary>Spent challenges are kept this long after they would have expired, then deleted.</summary>
    internal static readonly TimeSpan KeepFor = TimeSpan.FromHours(1);

    /// <summary>One answer in this many also deletes old spent challenges.</summary>
    private const int CleanUpOneIn = 50;

    /// <summary>At most this many old challenges are deleted at a time, so the clean-up stays cheap.</summary>
    internal const int CleanUpBatch = 500;

    /// <summary>Longer answers are not even looked at (the box takes 10 characters).</summary>
    private const int MaxAnswerLength = 64;

    /// <summary>
    /// How far in the future an id's issuing time may lie: the clocks of the nodes that issue and check a challenge
    /// may differ a little.
    /// </summary>
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(1);

    /// <summary>Issues a new challenge (nothing is written: see the class summary).</summary>
    public Guid Create() => key.NewChallengeId(time.GetUtcNow());

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
        var now = time.GetUtcNow();
        if (LiveWindow(id, now) is not var (issuedAt, expiresAt))
        {
            // Forged, altered or expired: refused without touching the database.
            return CaptchaCheck.AlreadyUsed;
        }

        // The one atomic step, on the primary key: whoever inserts the spent row gets to compare; everyone else has
        // lost already.
        if (!await StoreSpentAsync(SpentRow(id, issuedAt, expiresAt, now), ct))
        {
            return CaptchaCheck.AlreadyUsed;
        }

        return IsRight(id, answer) ? CaptchaCheck.Passed : CaptchaCheck.Wrong;
    }

    /// <summary>
    /// The send form's check, which spends a right code in the request's own transaction rather than in one of its
    /// own: a wrong answer is stored as spent at once; a right one is claimed in this process (a second post of it
    /// meanwhile is <see cref="CaptchaCheck.AlreadyUsed"/>, so the registry is still asked only once per solved code
    /// here) and comes back with the row to store. End every claim with <see cref="ReleaseAsync"/>.
    /// </summary>
    /// <remarks>
    /// Several app processes can each claim the same right code at once, so one solved code can reach the registry
    /// once per process (nodes are few, and the registry's own limits per address and national code still apply);
    /// only one of them can store a request with it.
    /// </remarks>
    public async Task<CaptchaClaim> ClaimAsync(Guid id, string? answer, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        if (LiveWindow(id, now) is not var (issuedAt, expiresAt))
        {
            return new CaptchaClaim(id, CaptchaCheck.AlreadyUsed);
        }

        var row = SpentRow(id, issuedAt, expiresAt, now);
        if (!IsRight(id, answer))
        {
            return await StoreSpentAsync(row, ct)
                ? new CaptchaClaim(id, CaptchaCheck.Wrong)
                : new CaptchaClaim(id, CaptchaCheck.AlreadyUsed, TwinMayBeInFlight: await SpentSinceAsync(id, now, ct));
        }

        if (!claims.TryClaim(id))
        {
            return new CaptchaClaim(id, CaptchaCheck.AlreadyUsed, TwinMayBeInFlight: true);
        }

        if (await SpentAt.For(db)(db, id, ct) is { } spentAt)
        {
            claims.Release(id);
            return new CaptchaClaim(id, CaptchaCheck.AlreadyUsed, TwinMayBeInFlight: IsRecent(spentAt, now));
        }

        return new CaptchaClaim(id, CaptchaCheck.Passed, row);
    }

    /// <summary>
    /// Ends a claim of <see cref="ClaimAsync"/>. Unless its row was committed with the form's request
    /// (<paramref name="storedWithRequest"/>), the code is stored as spent now: a solved code that did not lead to a
    /// request cannot be used again either.
    /// </summary>
    public async Task ReleaseAsync(CaptchaClaim claim, bool storedWithRequest, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(claim);
        if (claim is not { Check: CaptchaCheck.Passed, SpentRow: { } row })
        {
            return;
        }

        try
        {
            if (!storedWithRequest)
            {
                await StoreSpentAsync(row, ct);
            }
        }
        finally
        {
            claims.Release(claim.Id);
        }
    }

    /// <summary>Whether the answer is the challenge's digits (or the test code where one is configured).</summary>
    private bool IsRight(Guid id, string? answer)
    {
        var normalized = Normalize(answer);
        if (normalized.Length == 0)
        {
            return false;
        }

        var testCode = options.Value.TestCode;
        return (!string.IsNullOrEmpty(testCode) && FixedTimeEquals(normalized, testCode)) || FixedTimeEquals(normalized, DigitsOf(id));
    }

    private static CaptchaChallenge SpentRow(Guid id, DateTime issuedAt, DateTime expiresAt, DateTimeOffset now) => new()
    {
        Id = id,
        ProtectedAnswer = string.Empty,
        CreatedAt = issuedAt,
        ExpiresAt = expiresAt,
        UsedAt = now.UtcDateTime,
    };

    /// <summary>
    /// Stores the challenge as spent unless it already is; true for the one caller that stored it. The same statement
    /// on SQLite and PostgreSQL, outside any tracked change of the context.
    /// </summary>
    private async Task<bool> StoreSpentAsync(CaptchaChallenge row, CancellationToken ct)
    {
        var inserted = await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO "CaptchaChallenges" ("Id", "ProtectedAnswer", "CreatedAt", "ExpiresAt", "UsedAt")
            VALUES ({row.Id}, {row.ProtectedAnswer}, {row.CreatedAt}, {row.ExpiresAt}, {row.UsedAt})
            ON CONFLICT ("Id") DO NOTHING
            """, ct);
        if (inserted == 1 && RandomNumberGenerator.GetInt32(CleanUpOneIn) == 0)
        {
            await DeleteOldAsync(ct);
        }

        return inserted == 1;
    }

    /// <summary>Whether the challenge was stored as spent in the last 30 seconds (a double click's twin).</summary>
    private async Task<bool> SpentSinceAsync(Guid id, DateTimeOffset now, CancellationToken ct) =>
        await SpentAt.For(db)(db, id, ct) is { } spentAt && IsRecent(spentAt, now);

    private static bool IsRecent(DateTime spentAt, DateTimeOffset now) => spentAt >= now.UtcDateTime.AddSeconds(-30);

    /// <summary>The picture of an unspent, unexpired challenge; null for any other id.</summary>
    public async Task<byte[]?> RenderPngAsync(Guid id, CancellationToken ct) =>
        await IsLiveAsync(id, ct) ? image.RenderPng(DigitsOf(id), key.SeedOf(id)) : null;

    /// <summary>
    /// The spoken version of an unspent, unexpired challenge (a WAV file): the same digits as its picture, for people
    /// who cannot see it. Null for any other id.
    /// </summary>
    public async Task<byte[]?> RenderWavAsync(Guid id, CancellationToken ct) =>
        await IsLiveAsync(id, ct) ? audio.RenderWav(DigitsOf(id), key.SeedOf(id)) : null;

    /// <summary>The digits challenge <paramref name="id"/> shows (ASCII 1 to 9), derived from the key.</summary>
    internal string DigitsOf(Guid id) => key.DigitsOf(id, options.Value.Digits);

    /// <summary>When <paramref name="id"/> was issued and until when it can be answered, if it is ours and not expired.</summary>
    private (DateTime IssuedAt, DateTime ExpiresAt)? LiveWindow(Guid id, DateTimeOffset now)
    {
        if (key.IssuedAtOf(id) is not { } issuedAt || issuedAt > now + ClockSkew)
        {
            return null;
        }

        var expiresAt = issuedAt + options.Value.Lifetime;
        return now < expiresAt ? (issuedAt.UtcDateTime, expiresAt.UtcDateTime) : null;
    }

    /// <summary>Whether <paramref name="id"/> is ours, unexpired and unspent (its picture and sound may be served).</summary>
    public async Task<bool> IsLiveAsync(Guid id, CancellationToken ct) =>
        LiveWindow(id, time.GetUtcNow()) is not null && await SpentAt.For(db)(db, id, ct) is null;

    // Compiled once: asked with every security-code picture and sound, and with every right answer on the send form.
    private static readonly PerModelQuery<Func<HajDeskDbContext, Guid, CancellationToken, Task<DateTime?>>> SpentAt = new(() =>
        EF.CompileAsyncQuery((HajDeskDbContext db, Guid id, CancellationToken _) =>
            db.CaptchaChallenges.Where(c => c.Id == id).Select(c => c.UsedAt).FirstOrDefault()));

    /// <summary>
    /// Deletes up to <see cref="CleanUpBatch"/> spent challenges that expired more than <see cref="KeepFor"/> ago
    /// (after that their ids are refused as expired anyway). Runs on the <c>ExpiresAt</c> index.
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

using System.Collections.Concurrent;

namespace HajDesk.Web.Captcha;

/// <summary>
/// Security codes this process has accepted and whose form is still being handled (see
/// <see cref="CaptchaService.ClaimAsync"/>): a second post of the same code meanwhile — a double click, or a replay — is
/// refused before it can reach the civil registry. One per process; the database row stored when the form is done
/// holds every process to the same rule afterwards.
/// </summary>
public sealed class CaptchaClaims
{
    private readonly ConcurrentDictionary<Guid, byte> claimed = new();

    /// <summary>True for the one caller that claims <paramref name="id"/> until it is released.</summary>
    public bool TryClaim(Guid id) => claimed.TryAdd(id, 0);

    /// <summary>Whether <paramref name="id"/> is claimed now.</summary>
    public bool IsClaimed(Guid id) => claimed.ContainsKey(id);

    /// <summary>Ends a claim.</summary>
    public void Release(Guid id) => claimed.TryRemove(id, out _);
}

/// <summary>
/// The outcome of <see cref="CaptchaService.ClaimAsync"/>. When <see cref="Check"/> is <see cref="CaptchaCheck.Passed"/>,
/// <see cref="SpentRow"/> is the row to store with the form's own write, and the claim must be ended with
/// <see cref="CaptchaService.ReleaseAsync"/> whatever happens.
/// </summary>
/// <param name="Id">The challenge.</param>
/// <param name="Check">Passed (claimed, not yet stored), Wrong (already stored as spent), or AlreadyUsed.</param>
/// <param name="SpentRow">For a passed code: the row that records it as spent.</param>
/// <param name="TwinMayBeInFlight">
/// For AlreadyUsed: the code is claimed by a post being handled now, or was spent in the last 30 seconds — probably
/// the twin of a double click, whose request is worth waiting for.
/// </param>
public sealed record CaptchaClaim(Guid Id, CaptchaCheck Check, Core.Captcha.CaptchaChallenge? SpentRow = null, bool TwinMayBeInFlight = false)
{
    /// <summary>No challenge in the form (missing or not an id).</summary>
    public static CaptchaClaim None { get; } = new(Guid.Empty, CaptchaCheck.AlreadyUsed);
}

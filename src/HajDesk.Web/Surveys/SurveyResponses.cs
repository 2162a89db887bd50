using HajDesk.Core.Data;
using HajDesk.Core.Surveys;
using Microsoft.EntityFrameworkCore;

namespace HajDesk.Web.Surveys;

/// <summary>What a survey link leads to.</summary>
public enum SurveyLinkState
{
    /// <summary>No invitation has this token (mistyped, forged or cut short).</summary>
    Unknown,
    Open,
    Submitted,
    Expired,
}

/// <summary>
/// The citizen's side of the satisfaction survey: reading a link (which records nothing — link scanners and
/// previews open links) and recording the one submission it allows.
/// </summary>
public sealed class SurveyResponses(HajDeskDbContext db, TimeProvider time)
{
    /// <summary>The state of the link with <paramref name="token"/>.</summary>
    public async Task<SurveyLinkState> StateAsync(string? token, CancellationToken cancellationToken) =>
        await FindAsync(token, tracked: false, cancellationToken) is not { } invitation ? SurveyLinkState.Unknown
        : invitation.SubmittedAt is not null ? SurveyLinkState.Submitted
        : invitation.IsExpired(time.GetUtcNow().UtcDateTime) ? SurveyLinkState.Expired
        : SurveyLinkState.Open;

    /// <summary>
    /// Records the answers if the link is open; a concurrent second submission (two tabs, a double click) loses.
    /// </summary>
    /// <returns>The outcome and, when <see cref="SurveyOutcome.Invalid"/>, the Persian message; null for an unknown link.</returns>
    public async Task<(SurveyOutcome Outcome, string? Error)?> SubmitAsync(
        string? token, IReadOnlyList<string?> scores, string? comment, CancellationToken cancellationToken)
    {
        if (await FindAsync(token, tracked: true, cancellationToken) is not { } invitation)
        {
            return null;
        }

        var outcome = invitation.Submit(scores, comment, time.GetUtcNow().UtcDateTime, out var error);
        if (outcome != SurveyOutcome.Recorded)
        {
            return (outcome, error);
        }

        try
        {
            // SubmittedAt is a concurrency token: the UPDATE only matches while it is still empty.
            await db.SaveChangesAsync(cancellationToken);
            return (SurveyOutcome.Recorded, null);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return (SurveyOutcome.AlreadySubmitted, null);
        }
    }

    private async Task<SurveyInvitation?> FindAsync(string? token, bool tracked, CancellationToken cancellationToken)
    {
        if (!SurveyInvitation.LooksLikeToken(token))
        {
            return null;
        }

        var hash = SurveyInvitation.Hash(token!);
        var query = tracked ? db.SurveyInvitations : db.SurveyInvitations.AsNoTracking();
        return await query.FirstOrDefaultAsync(i => i.TokenHash == hash, cancellationToken);
    }
}

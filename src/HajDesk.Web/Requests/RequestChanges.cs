using HajDesk.Core.Data;
using HajDesk.Core.Requests;
using HajDesk.Web.Notifications;
using Microsoft.EntityFrameworkCore;

namespace HajDesk.Web.Requests;

/// <summary>How a change to a request ended.</summary>
public enum RequestChangeStatus
{
    Saved,

    /// <summary>The transition refused; nothing was saved.</summary>
    Refused,

    /// <summary>Someone else changed the request since the form was read; nothing was saved.</summary>
    Conflict,
}

/// <summary>The outcome of <see cref="RequestChanges.ApplyAsync"/>, with the transition's refusal when there was one.</summary>
public sealed record RequestChangeOutcome(RequestChangeStatus Status, RequestResult? Refusal = null);

/// <summary>
/// The one place a change to a request is saved, for staff and citizens alike: the form's version must equal the
/// request's, the transition runs, the version is bumped, the notices it asked for become outbox rows, and
/// everything is saved in one transaction; a colleague's change committed meanwhile is a conflict, not an overwrite.
/// </summary>
public sealed class RequestChanges(HajDeskDbContext db, RequestNotifications notifications, TimeProvider time)
{
    /// <summary>
    /// Applies <paramref name="change"/> (given the instant of the change) to the tracked <paramref name="request"/>
    /// if <paramref name="expectedVersion"/> is its version, and saves. After a refusal or a conflict the context is
    /// cleared, so the caller re-reads the request as it now is.
    /// </summary>
    public async Task<RequestChangeOutcome> ApplyAsync(
        ServiceRequest request,
        int expectedVersion,
        Func<DateTime, Task<RequestResult>> change,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(change);
        if (request.Version != expectedVersion)
        {
            return new RequestChangeOutcome(RequestChangeStatus.Conflict);
        }

        var now = time.GetUtcNow().UtcDateTime;
        var result = await change(now);
        if (!result.Succeeded)
        {
            db.ChangeTracker.Clear();
            return new RequestChangeOutcome(RequestChangeStatus.Refused, result);
        }

        // The UPDATE only succeeds if nobody changed the row since the form was read; the context moves the version.
        db.Entry(request).Property(r => r.Version).OriginalValue = expectedVersion;
        request.UpdatedAt = now;
        notifications.Send(request);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return new RequestChangeOutcome(RequestChangeStatus.Conflict);
        }
        catch (DbUpdateException)
        {
            // A colleague's change committed first can also surface as another row's unique key (the survey
            // invitation both answers would add) before the request's own version check is reached: a conflict too.
            db.ChangeTracker.Clear();
            if (!await ChangedMeanwhileAsync(request.Id, expectedVersion, cancellationToken))
            {
                throw;
            }

            return new RequestChangeOutcome(RequestChangeStatus.Conflict);
        }

        return new RequestChangeOutcome(RequestChangeStatus.Saved);
    }

    private async Task<bool> ChangedMeanwhileAsync(long requestId, int expectedVersion, CancellationToken cancellationToken) =>
        await db.Requests.AsNoTracking().Where(r => r.Id == requestId).Select(r => r.Version).FirstOrDefaultAsync(cancellationToken) != expectedVersion;
}

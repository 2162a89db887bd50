using HajDesk.Core.Data;
using HajDesk.Core.Requests;
using Microsoft.EntityFrameworkCore;

namespace HajDesk.Web.Staff;

/// <summary>
/// The one place that decides which requests a staff member may see or act on. Every handler that touches a request
/// loads it through <see cref="RequestsAsync"/>; a request outside the scope is simply not found (404), never
/// forbidden, so nobody learns that it exists.
/// </summary>
/// <remarks>
/// The rule itself is <see cref="RequestRules.CoveredBy"/>: administrator every request, supervisor every request of
/// their province, expert their province's requests of their subjects (all when none are listed); nobody else sees
/// anything.
/// </remarks>
public sealed class StaffScope(HajDeskDbContext db, CurrentStaff currentStaff)
{
    /// <summary>The requests the signed-in staff member may see (tracked queries; add AsNoTracking to read only).</summary>
    public async Task<IQueryable<ServiceRequest>> RequestsAsync(CancellationToken cancellationToken = default) =>
        Apply(db.Requests, await currentStaff.GetAsync(cancellationToken));

    /// <summary>One request in scope, tracked for changes; null when it does not exist or is out of scope.</summary>
    public async Task<ServiceRequest?> FindAsync(long id, CancellationToken cancellationToken = default) =>
        await (await RequestsAsync(cancellationToken)).FirstOrDefaultAsync(r => r.Id == id, cancellationToken);

    /// <summary>Whether a request (still) is in scope, for example after a referral moved it.</summary>
    public async Task<bool> ContainsAsync(long id, CancellationToken cancellationToken = default) =>
        await (await RequestsAsync(cancellationToken)).AnyAsync(r => r.Id == id, cancellationToken);

    /// <summary>Narrows <paramref name="requests"/> to what <paramref name="staff"/> may see; nothing for nobody.</summary>
    public static IQueryable<ServiceRequest> Apply(IQueryable<ServiceRequest> requests, StaffMember? staff)
    {
        ArgumentNullException.ThrowIfNull(requests);
        return requests.Where(RequestRules.CoveredBy(staff?.ToActor()));
    }
}

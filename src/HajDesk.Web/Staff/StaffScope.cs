using HajDesk.Core.Data;
using HajDesk.Core.Requests;
using HajDesk.Core.Staff;
using Microsoft.EntityFrameworkCore;

namespace HajDesk.Web.Staff;

/// <summary>
/// The one place that decides which requests a staff member may see or act on. Every handler that touches a request
/// loads it through <see cref="RequestsAsync"/>; a request outside the scope is simply not found (404), never
/// forbidden, so nobody learns that it exists.
/// </summary>
/// <remarks>
/// Administrator: every request. Supervisor: every request of their province. Expert: the requests of their
/// province, and only the main subjects listed in <see cref="StaffSubject"/> when there are any.
/// A supervisor or expert without a province sees nothing.
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
        if (staff is null)
        {
            return requests.Where(r => false);
        }

        switch (staff.Role)
        {
            case StaffRole.Administrator:
                return requests;
            case StaffRole.Supervisor when staff.ProvinceId is int province:
                return requests.Where(r => r.ProvinceId == province);
            case StaffRole.Expert when staff.ProvinceId is int province:
                var inProvince = requests.Where(r => r.ProvinceId == province);
                if (staff.SubjectIds.Count == 0)
                {
                    return inProvince;
                }

                var subjects = staff.SubjectIds.ToList();
                return inProvince.Where(r => subjects.Contains(r.SubjectId));
            default:
                return requests.Where(r => false);
        }
    }
}

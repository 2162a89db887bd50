using HajDesk.Core.Data;
using HajDesk.Core.Reference;
using HajDesk.Core.Staff;
using HajDesk.Web.Incidents;
using HajDesk.Web.Staff;
using Microsoft.EntityFrameworkCore;

namespace HajDesk.Web.BulkWork;

/// <summary>What the «اقدام گروهی» form offers to choose from.</summary>
public sealed record BulkChoices(
    IReadOnlyList<(string Id, string Name)> Staff,
    IReadOnlyList<Province> Provinces,
    IReadOnlyList<Subject> Subjects,
    IReadOnlyList<CannedAnswer> CannedAnswers,
    IReadOnlyList<(int Id, string Title)> Incidents)
{
    /// <summary>Loads the choices for <paramref name="me"/>: the staff they may assign to (their province's; an administrator's every province's).</summary>
    public static async Task<BulkChoices> LoadAsync(HajDeskDbContext db, StaffMember me, IncidentWork incidents, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(me);
        ArgumentNullException.ThrowIfNull(incidents);
        var provinces = await db.Provinces.AsNoTracking().OrderBy(p => p.DisplayOrder).ToListAsync(cancellationToken);
        var staff = new List<(string, string)>();
        if (me.CanAssign)
        {
            var rows = await db.Users.AsNoTracking()
                .Where(u => !u.IsDisabled && u.ProvinceId != null && (u.Role == StaffRole.Expert || u.Role == StaffRole.Supervisor))
                .Where(u => me.IsAdministrator || u.ProvinceId == me.ProvinceId)
                .OrderBy(u => u.DisplayName)
                .Select(u => new { u.Id, u.DisplayName, u.ProvinceId })
                .Take(2000)
                .ToListAsync(cancellationToken);
            var order = provinces.Select((p, i) => (p.Id, i)).ToDictionary(p => p.Id, p => p.i);
            staff.AddRange(rows.OrderBy(r => order.GetValueOrDefault(r.ProvinceId!.Value)).Select(r =>
                (r.Id, me.IsAdministrator ? $"{r.DisplayName} — {provinces.First(p => p.Id == r.ProvinceId).Name}" : r.DisplayName)));
        }

        return new BulkChoices(
            staff,
            provinces,
            await db.Subjects.AsNoTracking().Where(s => s.IsActive).OrderBy(s => s.DisplayOrder).ToListAsync(cancellationToken),
            await db.CannedAnswers.AsNoTracking().Where(c => c.IsActive).OrderBy(c => c.Title).ToListAsync(cancellationToken),
            await incidents.OpenChoicesAsync(cancellationToken));
    }
}

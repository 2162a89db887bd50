using HajDesk.Core.Data;
using HajDesk.Core.Requests;
using HajDesk.Core.Staff;
using Microsoft.EntityFrameworkCore;

namespace HajDesk.Core.Assignment;

/// <summary>
/// Chooses the expert of a province's new request when its administrator turned automatic assignment on
/// (<see cref="AssignmentMode"/>): among the active experts who cover it (<see cref="RequestRules.Covering"/>) and
/// are not absent today, the one whose turn it is (round robin) or who holds the fewest open requests. Called by
/// submission before the request's transaction commits, so the assignment is part of the request's creation and
/// happens once, whichever node takes the request.
/// </summary>
public sealed class AutoAssigner(HajDeskDbContext db)
{
    /// <summary>Assigns <paramref name="request"/> (new, not yet saved) if its province asks for it; false when it stays in the queue.</summary>
    public async Task<bool> AssignAsync(ServiceRequest request, DateTime now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var mode = await db.Provinces.AsNoTracking().Where(p => p.Id == request.ProvinceId).Select(p => p.AssignmentMode).FirstOrDefaultAsync(cancellationToken);
        if (mode == AssignmentMode.Off)
        {
            return false;
        }

        var today = Calendar.WorkingCalendar.TehranDay(now);
        var open = RequestRules.IsOpen;
        var never = DateTime.UnixEpoch;
        var candidates = db.Users.AsNoTracking()
            .Where(RequestRules.Covering(request.ProvinceId, request.SubjectId))
            .Where(u => u.Role == StaffRole.Expert)
            .Where(u => !db.StaffAbsences.Any(a => a.StaffUserId == u.Id && a.From <= today && a.To >= today))
            .Select(u => new
            {
                u.Id,
                u.DisplayName,
                // An expert never assigned comes first (PostgreSQL would sort a missing turn last).
                Turn = db.AssignmentTurns.Where(t => t.StaffUserId == u.Id).Select(t => (DateTime?)t.LastAssignedAt).FirstOrDefault() ?? never,
                Open = mode == AssignmentMode.FewestOpen ? db.Requests.Where(open).Count(r => r.AssignedToId == u.Id) : 0,
            });
        var ordered = mode == AssignmentMode.FewestOpen
            ? candidates.OrderBy(c => c.Open).ThenBy(c => c.Turn).ThenBy(c => c.Id)
            : candidates.OrderBy(c => c.Turn).ThenBy(c => c.Id);
        var chosen = await ordered.FirstOrDefaultAsync(cancellationToken);
        if (chosen is null || !request.AutoAssign((chosen.Id, chosen.DisplayName), now).Succeeded)
        {
            return false;
        }

        // The turn is written in the request's own transaction; no version on it: two nodes assigning at once both
        // write "now", and the next choice moves on either way.
        var turn = await db.AssignmentTurns.FirstOrDefaultAsync(t => t.StaffUserId == chosen.Id, cancellationToken);
        if (turn is null)
        {
            await EnsureTurnRowAsync(chosen.Id, cancellationToken);
            turn = await db.AssignmentTurns.FirstAsync(t => t.StaffUserId == chosen.Id, cancellationToken);
        }

        turn.LastAssignedAt = now;
        return true;
    }

    /// <summary>Creates an expert's turn row once (two nodes may try at the same moment; one insert wins).</summary>
    private async Task EnsureTurnRowAsync(string staffUserId, CancellationToken cancellationToken)
    {
        var never = DateTime.UnixEpoch;
        await db.Database.ExecuteSqlAsync(
            $"""INSERT INTO "AssignmentTurns" ("StaffUserId", "LastAssignedAt") SELECT {staffUserId}, {never} WHERE NOT EXISTS (SELECT 1 FROM "AssignmentTurns" WHERE "StaffUserId" = {staffUserId})""",
            cancellationToken);
    }
}

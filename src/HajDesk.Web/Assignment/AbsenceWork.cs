using HajDesk.Core.Assignment;
using HajDesk.Core.Data;
using HajDesk.Core.Persian;
using HajDesk.Core.Requests;
using HajDesk.Core.Staff;
using HajDesk.Web.Staff;
using Microsoft.EntityFrameworkCore;

namespace HajDesk.Web.Assignment;

/// <summary>An absence as the page lists it.</summary>
public sealed record AbsenceRow(int Id, int Version, string StaffName, string? ProvinceName, DateOnly From, DateOnly To, string? HandOverToName, bool HandedOver);

/// <summary>
/// Absences («غیبت»): recording and removing them (an expert their own, a supervisor their province's, an
/// administrator anyone's), and the hand-over at their start: the absent expert's open requests go to the named
/// colleague or back to the province's queue, each through the request's own transition and version check.
/// </summary>
public sealed class AbsenceWork(HajDeskDbContext db, CurrentStaff currentStaff, AuditLog audit, TimeProvider time, ILogger<AbsenceWork> logger)
{
    /// <summary>The staff whose absence the current user may record, by name (with the province for administrators).</summary>
    public async Task<List<(string Id, string Name, int? ProvinceId)>> PeopleAsync(CancellationToken cancellationToken)
    {
        var me = await currentStaff.RequireAsync(cancellationToken);
        var users = db.Users.AsNoTracking().Where(u => !u.IsDisabled && u.ProvinceId != null && (u.Role == StaffRole.Expert || u.Role == StaffRole.Supervisor));
        users = me.Role switch
        {
            StaffRole.Administrator => users,
            StaffRole.Supervisor => users.Where(u => u.ProvinceId == me.ProvinceId),
            _ => users.Where(u => u.Id == me.Id),
        };
        var rows = await users.OrderBy(u => u.DisplayName).Take(2000).Select(u => new { u.Id, u.DisplayName, u.ProvinceId }).ToListAsync(cancellationToken);
        return rows.Select(r => (r.Id, r.DisplayName, r.ProvinceId)).ToList();
    }

    /// <summary>Who may take over an absent person's requests: the active staff of the user's province (administrators: all).</summary>
    public async Task<List<(string Id, string Name, int? ProvinceId)>> ColleaguesAsync(CancellationToken cancellationToken)
    {
        var me = await currentStaff.RequireAsync(cancellationToken);
        var rows = await db.Users.AsNoTracking()
            .Where(u => !u.IsDisabled && u.ProvinceId != null && (u.Role == StaffRole.Expert || u.Role == StaffRole.Supervisor))
            .Where(u => me.Role == StaffRole.Administrator || u.ProvinceId == me.ProvinceId)
            .OrderBy(u => u.DisplayName).Take(2000).Select(u => new { u.Id, u.DisplayName, u.ProvinceId }).ToListAsync(cancellationToken);
        return rows.Select(r => (r.Id, r.DisplayName, r.ProvinceId)).ToList();
    }

    /// <summary>The current and coming absences the user may manage.</summary>
    public async Task<List<AbsenceRow>> ListAsync(CancellationToken cancellationToken)
    {
        var people = (await PeopleAsync(cancellationToken)).Select(p => p.Id).ToList();
        var today = JalaliDate.TodayInTehran(time);
        var rows = await db.StaffAbsences.AsNoTracking()
            .Where(a => a.To >= today && people.Contains(a.StaffUserId))
            .OrderBy(a => a.From).ThenBy(a => a.Id)
            .Select(a => new
            {
                a.Id,
                a.Version,
                Staff = db.Users.Where(u => u.Id == a.StaffUserId).Select(u => new { u.DisplayName, u.ProvinceId }).First(),
                a.From,
                a.To,
                HandOverTo = db.Users.Where(u => u.Id == a.HandOverToId).Select(u => u.DisplayName).FirstOrDefault(),
                a.HandedOverAt,
            })
            .ToListAsync(cancellationToken);
        var provinces = await db.Provinces.AsNoTracking().ToDictionaryAsync(p => p.Id, p => p.Name, cancellationToken);
        return rows.Select(r => new AbsenceRow(r.Id, r.Version, r.Staff.DisplayName,
            r.Staff.ProvinceId is { } p ? provinces.GetValueOrDefault(p) : null, r.From, r.To, r.HandOverTo, r.HandedOverAt is not null)).ToList();
    }

    /// <summary>Records an absence; when it has already begun, hands over at once. The error and its field, or null.</summary>
    public async Task<(string Field, string Message)?> CreateAsync(string? staffUserId, string? from, string? to, string? handOverToId, CancellationToken cancellationToken)
    {
        var actor = (await currentStaff.RequireAsync(cancellationToken)).ToActor();
        var staff = staffUserId is null ? null : await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == staffUserId && !u.IsDisabled, cancellationToken);
        if (staff is null || !AbsenceRules.MayManage(actor, staff))
        {
            return ("StaffUserId", AbsenceRules.NotAllowed);
        }

        var today = JalaliDate.TodayInTehran(time);
        if (AbsenceRules.TryReadDates(from, to, today, out var start, out var end) is { } wrong)
        {
            return ("From", wrong);
        }

        string? colleagueName = null;
        if (!string.IsNullOrEmpty(handOverToId))
        {
            colleagueName = await db.Users.AsNoTracking()
                .Where(u => u.Id == handOverToId && u.Id != staff.Id && !u.IsDisabled && u.ProvinceId == staff.ProvinceId
                    && (u.Role == StaffRole.Expert || u.Role == StaffRole.Supervisor))
                .Select(u => u.DisplayName).FirstOrDefaultAsync(cancellationToken);
            if (colleagueName is null)
            {
                return ("HandOverToId", AbsenceRules.ColleagueInvalid);
            }
        }

        var absence = new StaffAbsence
        {
            StaffUserId = staff.Id,
            From = start,
            To = end,
            HandOverToId = colleagueName is null ? null : handOverToId,
            CreatedById = actor.Id,
            CreatedAt = time.GetUtcNow().UtcDateTime,
        };
        db.StaffAbsences.Add(absence);
        audit.Add(AuditActions.AbsenceCreate, null,
            $"غیبت «{staff.DisplayName}» از {JalaliDate.FormatLong(start)} تا {JalaliDate.FormatLong(end)}" + (colleagueName is null ? "؛ درخواست‌ها به صف استان" : $"؛ جانشین «{colleagueName}»"));
        await db.SaveChangesAsync(cancellationToken);
        if (start <= today)
        {
            await HandOverAsync(absence.Id, cancellationToken);
        }

        return null;
    }

    /// <summary>Removes an absence (from then on the expert is assigned again); false when it is not the user's to remove.</summary>
    public async Task<bool> DeleteAsync(int id, int version, CancellationToken cancellationToken)
    {
        var actor = (await currentStaff.RequireAsync(cancellationToken)).ToActor();
        var absence = await db.StaffAbsences.FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        var staff = absence is null ? null : await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == absence.StaffUserId, cancellationToken);
        if (absence is null || staff is null || !AbsenceRules.MayManage(actor, staff))
        {
            return false;
        }

        db.ExpectVersion(absence, version);
        db.StaffAbsences.Remove(absence);
        audit.Add(AuditActions.AbsenceDelete, null, $"غیبت «{staff.DisplayName}» از {JalaliDate.FormatLong(absence.From)} تا {JalaliDate.FormatLong(absence.To)}");
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>Hands over every absence that has begun and was not handed over yet (the background round).</summary>
    public async Task<int> HandOverDueAsync(CancellationToken cancellationToken)
    {
        var today = JalaliDate.TodayInTehran(time);
        var due = await db.StaffAbsences.AsNoTracking()
            .Where(a => a.HandedOverAt == null && a.From <= today && a.To >= today)
            .Select(a => a.Id).ToListAsync(cancellationToken);
        var handed = 0;
        foreach (var id in due)
        {
            handed += await HandOverAsync(id, cancellationToken);
        }

        return handed;
    }

    /// <summary>
    /// Claims the absence (its version makes a second node's claim fail), then moves each open request the absent
    /// expert holds. Returns the number of requests moved.
    /// </summary>
    public async Task<int> HandOverAsync(int absenceId, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        var absence = await db.StaffAbsences.FirstOrDefaultAsync(a => a.Id == absenceId && a.HandedOverAt == null, cancellationToken);
        if (absence is null)
        {
            return 0;
        }

        var now = time.GetUtcNow().UtcDateTime;
        absence.HandedOverAt = now;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return 0; // another node claimed it
        }

        var names = await db.Users.AsNoTracking().Where(u => u.Id == absence.StaffUserId || u.Id == absence.HandOverToId)
            .ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
        var absentName = names.GetValueOrDefault(absence.StaffUserId, "—");
        (string, string)? colleague = absence.HandOverToId is { } to && names.TryGetValue(to, out var toName) ? (to, toName) : null;
        var held = await db.Requests.AsNoTracking().Where(RequestRules.IsOpen).Where(r => r.AssignedToId == absence.StaffUserId)
            .Select(r => r.Id).ToListAsync(cancellationToken);
        var moved = 0;
        foreach (var requestId in held)
        {
            db.ChangeTracker.Clear();
            var request = await db.Requests.FirstAsync(r => r.Id == requestId, cancellationToken);
            if (!request.HandOverForAbsence(absence.StaffUserId, absentName, colleague, now).Succeeded)
            {
                continue;
            }

            request.UpdatedAt = now;
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                moved++;
            }
            catch (DbUpdateConcurrencyException)
            {
                // Changed by someone meanwhile: it is no longer simply "held by the absent expert"; left as it is.
                logger.LogInformation("Request {RequestId} changed during the hand-over of absence {AbsenceId}; left as it is", requestId, absence.Id);
            }
        }

        db.ChangeTracker.Clear();
        audit.AddFor(null, "سامانه", AuditActions.AbsenceHandOver, null,
            $"آغاز غیبت «{absentName}»: {PersianText.ToPersianDigits(moved.ToString(System.Globalization.CultureInfo.InvariantCulture))} درخواست "
            + (colleague is { } c ? $"به «{c.Item2}» سپرده شد" : "به صف استان بازگشت"));
        await db.SaveChangesAsync(cancellationToken);
        return moved;
    }
}

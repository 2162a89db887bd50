using System.Globalization;
using HajDesk.Core.Calendar;
using HajDesk.Core.Data;
using HajDesk.Core.Persian;
using HajDesk.Core.Requests;
using HajDesk.Web.Requests;
using HajDesk.Web.Uploads;
using Microsoft.EntityFrameworkCore;

namespace HajDesk.Web.Staff;

/// <summary>
/// Runs a staff action on a request: load it through <see cref="StaffScope"/> (outside it: not found), apply the
/// transition through <see cref="RequestChanges"/> (version check, save, conflict), and write the audit row in the
/// same transaction. The page handlers only bind the form and pick the transition.
/// </summary>
public sealed class StaffRequestActions(
    HajDeskDbContext db,
    StaffScope scope,
    CurrentStaff currentStaff,
    AuditLog audit,
    RequestChanges changes,
    WorkingCalendarStore calendars)
{
    /// <summary>The reason of the last refusal, for the page to show.</summary>
    public string? Refusal { get; private set; }

    /// <summary>
    /// Applies <paramref name="change"/> to request <paramref name="id"/> if the form's <paramref name="formVersion"/>
    /// is still current, and audits it as <paramref name="auditAction"/>.
    /// </summary>
    public async Task<StaffActionOutcome> RunAsync(
        long id,
        int formVersion,
        string auditAction,
        Func<StaffAction, Task<RequestResult>> change,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        var request = await scope.FindAsync(id, cancellationToken);
        if (request is null)
        {
            return StaffActionOutcome.NotFound;
        }

        var actor = (await currentStaff.RequireAsync(cancellationToken)).ToActor();
        var outcome = await changes.ApplyAsync(request, formVersion, async now =>
        {
            var action = new StaffAction(request, actor, now);
            var result = await change(action);
            if (result.Succeeded)
            {
                audit.Add(auditAction, request.Id, action.AuditDetails);
            }

            return result;
        }, cancellationToken);
        Refusal = outcome.Refusal?.Error;
        return outcome.Status switch
        {
            RequestChangeStatus.Saved => await scope.ContainsAsync(id, cancellationToken) ? StaffActionOutcome.Done : StaffActionOutcome.DoneOutOfScope,
            RequestChangeStatus.Conflict => StaffActionOutcome.Conflict,
            _ => outcome.Refusal!.Forbidden ? StaffActionOutcome.Forbidden : StaffActionOutcome.Refused,
        };
    }

    /// <summary>Hands the request to <paramref name="assigneeId"/> if that is one of the staff who cover it.</summary>
    public async Task<RequestResult> AssignAsync(StaffAction action, string? assigneeId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(action);
        if (!action.Actor.CanAssign)
        {
            return action.Request.Assign(action.Actor, null, action.Now);
        }

        var staff = await AssignableAsync(action.Request, cancellationToken);
        (string Id, string Name)? chosen = staff.FirstOrDefault(s => s.Id == assigneeId) is { Id: not null } found ? found : null;
        action.AuditDetails = chosen is { } c ? $"به «{c.Name}»" : null;
        return action.Request.Assign(action.Actor, chosen, action.Now);
    }

    /// <summary>Answers with the posted files, each inspected first.</summary>
    public async Task<RequestResult> AnswerAsync(
        StaffAction action, string? text, IEnumerable<IFormFile> uploads, UploadOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(action);
        var files = await UploadedFiles.InspectAsync(uploads, options, action.Now, cancellationToken);
        if (files.Errors.Count > 0)
        {
            return RequestResult.Refuse(files.Errors[0]);
        }

        var count = files.Attachments.Count;
        action.AuditDetails = count == 0 ? null : $"با {PersianText.ToPersianDigits(count.ToString(CultureInfo.InvariantCulture))} فایل";
        var calendar = await calendars.GetAsync(db, cancellationToken);
        return action.Request.Answer(action.Actor, text, files.Attachments, action.Now, calendar);
    }

    /// <summary>Refers to the chosen province, subject and sub-subject (each defaulting to the request's own).</summary>
    public async Task<RequestResult> ReferAsync(
        StaffAction action, int? provinceId, int? subjectId, int? subSubjectId, string? reason, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(action);
        var request = action.Request;
        var (fromProvince, fromSubject) = (request.ProvinceId, request.SubjectId);
        var toProvince = provinceId ?? fromProvince;
        var toSubject = subjectId ?? fromSubject;
        var target = new ReferralTarget(
            await db.Provinces.AsNoTracking().FirstOrDefaultAsync(p => p.Id == toProvince, cancellationToken),
            await db.Subjects.AsNoTracking().FirstOrDefaultAsync(s => s.Id == toSubject, cancellationToken),
            subSubjectId,
            subSubjectId is null ? null : await db.Subjects.AsNoTracking().FirstOrDefaultAsync(s => s.Id == subSubjectId, cancellationToken));
        var result = request.Refer(action.Actor, target, reason, action.Now);
        if (result.Succeeded)
        {
            var fromProvinceName = await db.Provinces.AsNoTracking().Where(p => p.Id == fromProvince).Select(p => p.Name).FirstAsync(cancellationToken);
            var fromSubjectName = await db.Subjects.AsNoTracking().Where(s => s.Id == fromSubject).Select(s => s.Name).FirstAsync(cancellationToken);
            action.AuditDetails = $"از {fromProvinceName} / {fromSubjectName} به {target.Province!.Name} / {target.Subject!.Name}"
                + (request.SubSubjectId is null ? null : " / " + target.SubSubject!.Name);
        }

        return result;
    }

    /// <summary>Links the request to an incident the actor sees (a forged id is "choose from the list").</summary>
    public async Task<RequestResult> LinkToIncidentAsync(StaffAction action, int? incidentId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(action);
        var incident = incidentId is { } id
            ? await db.Incidents.AsNoTracking().Where(Core.Incidents.IncidentRules.VisibleTo(action.Actor)).FirstOrDefaultAsync(i => i.Id == id, cancellationToken)
            : null;
        if (incident is null)
        {
            return RequestResult.Refuse(BulkWork.BulkCommands.ChooseIncident, RequestField.Choice);
        }

        action.AuditDetails = $"به رخداد «{incident.Title}»";
        return action.Request.LinkToIncident(action.Actor, incident, action.Now);
    }

    /// <summary>Takes the request out of its incident.</summary>
    public async Task<RequestResult> UnlinkFromIncidentAsync(StaffAction action, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(action);
        var title = await db.Incidents.AsNoTracking().Where(i => i.Id == action.Request.IncidentId).Select(i => i.Title).FirstOrDefaultAsync(cancellationToken);
        action.AuditDetails = title is null ? null : $"از رخداد «{title}»";
        return action.Request.UnlinkFromIncident(action.Actor, title ?? string.Empty, action.Now);
    }

    /// <summary>
    /// Merges the request, as a duplicate, into the request of <paramref name="survivorCode"/> (typed, any digits,
    /// dashes and spaces allowed), which must be in scope too; the survivor is tracked so its timeline note is saved
    /// in the same transaction.
    /// </summary>
    public async Task<RequestResult> MergeAsync(StaffAction action, string? survivorCode, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(action);
        var survivor = !TrackingCode.TryNormalize(survivorCode, out var code) ? null : await (await scope.RequestsAsync(cancellationToken)).FirstOrDefaultAsync(r => r.TrackingCode == code, cancellationToken);
        if (survivor is null)
        {
            return RequestResult.Refuse(RequestRefusals.MergeTargetNotFound, RequestField.Choice);
        }

        action.AuditDetails = $"با درخواست {IdentifierDigits.TrackingCode(survivor.TrackingCode, IdentifierReader.Staff)}";
        return action.Request.MergeInto(action.Actor, survivor, action.Now);
    }

    /// <summary>The active experts and supervisors who cover the request (<see cref="RequestRules.Covering"/>), by name.</summary>
    public async Task<List<(string Id, string Name)>> AssignableAsync(ServiceRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var rows = await db.Users.AsNoTracking()
            .Where(RequestRules.Covering(request.ProvinceId, request.SubjectId))
            .OrderBy(u => u.DisplayName)
            .Select(u => new { u.Id, u.DisplayName })
            .ToListAsync(cancellationToken);
        return rows.Select(r => (r.Id, r.DisplayName)).ToList();
    }
}

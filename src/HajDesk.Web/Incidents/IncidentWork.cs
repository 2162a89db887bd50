using HajDesk.Core.Data;
using HajDesk.Core.Incidents;
using HajDesk.Core.Paging;
using HajDesk.Core.Requests;
using HajDesk.Web.BulkWork;
using HajDesk.Web.Staff;
using Microsoft.EntityFrameworkCore;

namespace HajDesk.Web.Incidents;

/// <summary>An incident as its list shows it: how many of its requests (in the reader's scope) are still open.</summary>
public sealed record IncidentSummary(int Id, string Title, string? ProvinceName, string? SubjectName, DateTime CreatedAt, bool IsOpen, int Requests, int OpenRequests);

/// <summary>One request on an incident's page.</summary>
public sealed record IncidentRequestRow(long Id, string TrackingCode, string FullName, RequestStatus Status, DateTime CreatedAt);

/// <summary>
/// Incidents (رخداد): creating one, the ones a staff member sees, an incident's requests, and the work on all of them
/// at once — one answer or one closing that goes to every open request in the reader's scope through
/// <see cref="BulkCommands"/>, so each request keeps its own transition, timeline event, notice, audit row and
/// on-time figure.
/// </summary>
public sealed class IncidentWork(HajDeskDbContext db, StaffScope scope, CurrentStaff currentStaff, AuditLog audit, BulkCommands commands, TimeProvider time)
{
    public const int PageSize = 50;

    private static readonly KeysetPaging<ServiceRequest> Paging = new(r => r.CreatedAt, r => r.Id);

    public async Task<StaffActorView> MeAsync(CancellationToken cancellationToken) =>
        new((await currentStaff.RequireAsync(cancellationToken)).ToActor());

    /// <summary>Creates an incident (a supervisor for their province, an administrator for any or the whole country).</summary>
    public async Task<(Incident? Incident, RequestResult Result)> CreateAsync(string? title, int? provinceId, int? subjectId, CancellationToken cancellationToken)
    {
        var actor = (await currentStaff.RequireAsync(cancellationToken)).ToActor();
        var check = IncidentRules.CheckNew(actor, title, provinceId, out var clean);
        if (!check.Succeeded)
        {
            return (null, check);
        }

        if ((provinceId is { } p && !await db.Provinces.AnyAsync(x => x.Id == p, cancellationToken))
            || (subjectId is { } s && !await db.Subjects.AnyAsync(x => x.Id == s && x.IsActive, cancellationToken)))
        {
            return (null, RequestResult.Refuse(RequestRefusals.ReferTargetInvalid, RequestField.Choice));
        }

        var incident = new Incident
        {
            Title = clean,
            ProvinceId = provinceId,
            SubjectId = subjectId,
            CreatedAt = time.GetUtcNow().UtcDateTime,
            CreatedById = actor.Id,
        };
        db.Incidents.Add(incident);
        await db.SaveChangesAsync(cancellationToken);
        await audit.WriteAsync(AuditActions.IncidentCreate, null, $"رخداد «{incident.Title}» (شماره {incident.Id})");
        return (incident, RequestResult.Done);
    }

    /// <summary>The incidents the staff member sees, newest first, with their requests in the reader's scope counted.</summary>
    public async Task<List<IncidentSummary>> ListAsync(bool openOnly, CancellationToken cancellationToken)
    {
        var actor = (await currentStaff.RequireAsync(cancellationToken)).ToActor();
        var requests = (await scope.RequestsAsync(cancellationToken)).AsNoTracking();
        var open = RequestRules.IsOpen;
        var incidents = db.Incidents.AsNoTracking().Where(IncidentRules.VisibleTo(actor));
        if (openOnly)
        {
            incidents = incidents.Where(i => i.ClosedAt == null);
        }

        var rows = await incidents.OrderByDescending(i => i.CreatedAt).ThenByDescending(i => i.Id).Take(200)
            .Select(i => new
            {
                i.Id,
                i.Title,
                ProvinceName = i.Province == null ? null : i.Province.Name,
                SubjectName = i.Subject == null ? null : i.Subject.Name,
                i.CreatedAt,
                i.ClosedAt,
            })
            .ToListAsync(cancellationToken);
        var ids = rows.Select(r => r.Id).ToList();
        var counts = await requests.Where(r => r.IncidentId != null && ids.Contains(r.IncidentId!.Value))
            .GroupBy(r => new { r.IncidentId, r.Status })
            .Select(g => new { g.Key.IncidentId, g.Key.Status, Count = g.Count() })
            .ToListAsync(cancellationToken);
        return rows.Select(r => new IncidentSummary(
                r.Id, r.Title, r.ProvinceName, r.SubjectName, r.CreatedAt, r.ClosedAt is null,
                counts.Where(c => c.IncidentId == r.Id).Sum(c => c.Count),
                counts.Where(c => c.IncidentId == r.Id && c.Status.IsOpen()).Sum(c => c.Count)))
            .ToList();
    }

    /// <summary>The open incidents a request may be linked to (those the staff member sees).</summary>
    public async Task<List<(int Id, string Title)>> OpenChoicesAsync(CancellationToken cancellationToken)
    {
        var actor = (await currentStaff.RequireAsync(cancellationToken)).ToActor();
        var rows = await db.Incidents.AsNoTracking().Where(IncidentRules.VisibleTo(actor)).Where(i => i.ClosedAt == null)
            .OrderByDescending(i => i.CreatedAt).Take(200).Select(i => new { i.Id, i.Title }).ToListAsync(cancellationToken);
        return rows.Select(r => (r.Id, r.Title)).ToList();
    }

    /// <summary>An incident the staff member sees, tracked; null otherwise (the page answers 404).</summary>
    public async Task<Incident?> FindAsync(int id, CancellationToken cancellationToken)
    {
        var actor = (await currentStaff.RequireAsync(cancellationToken)).ToActor();
        return await db.Incidents.Include(i => i.Province).Include(i => i.Subject)
            .Where(IncidentRules.VisibleTo(actor)).FirstOrDefaultAsync(i => i.Id == id, cancellationToken);
    }

    /// <summary>The incident's requests in the reader's scope, counted by status (one grouped pass over its index).</summary>
    public async Task<Dictionary<RequestStatus, int>> StatusCountsAsync(int incidentId, CancellationToken cancellationToken) =>
        await (await InScopeAsync(incidentId, cancellationToken))
            .GroupBy(r => r.Status).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);

    /// <summary>One page of the incident's requests in the reader's scope, newest first.</summary>
    public async Task<KeysetPage<IncidentRequestRow>> PageAsync(int incidentId, string? after, string? before, CancellationToken cancellationToken) =>
        await Paging.ReadAsync(await InScopeAsync(incidentId, cancellationToken), newestFirst: true, after, before, PageSize,
            r => new IncidentRequestRow(r.Id, r.TrackingCode, r.FirstName + " " + r.LastName, r.Status, r.CreatedAt),
            row => new KeysetCursor(row.CreatedAt, row.Id),
            cancellationToken);

    /// <summary>
    /// Answers, or closes, every open request of the incident in the reader's scope (<paramref name="command"/>'s
    /// action must be <see cref="BulkAction.Answer"/> or <see cref="BulkAction.Close"/>); only its managers may.
    /// </summary>
    public async Task<(BulkResult? Result, IReadOnlyList<BulkCommandError> Errors)> RunOnOpenRequestsAsync(
        Incident incident, BulkCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(incident);
        ArgumentNullException.ThrowIfNull(command);
        var targets = await (await InScopeAsync(incident.Id, cancellationToken)).Where(RequestRules.IsOpen)
            .OrderBy(r => r.CreatedAt).ThenBy(r => r.Id)
            .Select(r => new BulkTarget(r.Id, null)).ToListAsync(cancellationToken);
        if (targets.Count == 0)
        {
            return (null, [new BulkCommandError(string.Empty, "درخواست بازی در این رخداد نیست.")]);
        }

        var summaryAction = command.Action == BulkAction.Answer ? AuditActions.IncidentAnswer : AuditActions.IncidentCloseRequests;
        return await commands.RunOnAsync(command, targets, summaryAction, cancellationToken);
    }

    /// <summary>Closes the incident itself: it takes no new requests; its requests keep their own state.</summary>
    public async Task<RequestResult> CloseAsync(Incident incident, int formVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(incident);
        if (!incident.IsOpen)
        {
            return RequestResult.Refuse(IncidentRules.Closed);
        }

        db.ExpectVersion(incident, formVersion);
        incident.ClosedAt = time.GetUtcNow().UtcDateTime;
        audit.Add(AuditActions.IncidentClose, null, $"رخداد «{incident.Title}» (شماره {incident.Id})");
        await db.SaveChangesAsync(cancellationToken);
        return RequestResult.Done;
    }

    private async Task<IQueryable<ServiceRequest>> InScopeAsync(int incidentId, CancellationToken cancellationToken) =>
        (await scope.RequestsAsync(cancellationToken)).AsNoTracking().Where(r => r.IncidentId == incidentId);
}

/// <summary>What an incident page needs to know of its reader.</summary>
public sealed record StaffActorView(StaffActor Actor)
{
    public bool CanManage(int? provinceId) => IncidentRules.CanManage(Actor, provinceId);

    public bool IsAdministrator => Actor.Role == Core.Staff.StaffRole.Administrator;
}

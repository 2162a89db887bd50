using System.Linq.Expressions;
using HajDesk.Core.Staff;

namespace HajDesk.Core.Requests;

/// <summary>
/// The conditions the inbox, its counts, the notifications, the staff scope and the pages share, each written once
/// as an expression EF Core translates to SQL (and that compiles for use in memory).
/// </summary>
public static class RequestRules
{
    /// <summary>The statuses in which a request still waits for staff. Adding a status means deciding here.</summary>
    public static IReadOnlyList<RequestStatus> OpenStatuses { get; } =
        [RequestStatus.Submitted, RequestStatus.InProgress, RequestStatus.Referred, RequestStatus.Reopened];

    /// <summary>
    /// Open: <c>Status = 'Submitted' OR Status = 'InProgress' OR …</c>, built from <see cref="OpenStatuses"/> as
    /// plain comparisons so the database uses the status index as it would for a hand-written condition.
    /// </summary>
    public static Expression<Func<ServiceRequest, bool>> IsOpen { get; } = BuildIsOpen();

    /// <summary>Open and past its due instant at <paramref name="now"/>.</summary>
    public static Expression<Func<ServiceRequest, bool>> OverdueAt(DateTime now) =>
        And(r => r.DueAt < now, IsOpen);

    /// <summary>In memory: whether <paramref name="request"/> is overdue at <paramref name="now"/>.</summary>
    public static bool IsOverdue(ServiceRequest request, DateTime now) =>
        IsOverdue(request.Status, request.DueAt, now);

    /// <summary>In memory, for a projected row: open and past <paramref name="dueAt"/>.</summary>
    public static bool IsOverdue(RequestStatus status, DateTime dueAt, DateTime now) => status.IsOpen() && dueAt < now;

    /// <summary>Timeline entries the citizen sees on the follow-up page (never an internal note).</summary>
    public static Expression<Func<RequestEvent, bool>> VisibleToCitizen { get; } =
        e => e.VisibleToCitizen && e.Kind != RequestEventKind.InternalNote;

    /// <summary>
    /// The requests <paramref name="staff"/> covers: an administrator every request; a supervisor every request of
    /// their province; an expert the requests of their province, only of their subjects when they have any; anyone
    /// else (no account, no province) nothing.
    /// </summary>
    public static Expression<Func<ServiceRequest, bool>> CoveredBy(StaffActor? staff)
    {
        switch (staff)
        {
            case { Role: StaffRole.Administrator }:
                return r => true;
            case { Role: StaffRole.Supervisor, ProvinceId: int province }:
                return r => r.ProvinceId == province;
            case { Role: StaffRole.Expert, ProvinceId: int province, SubjectIds.Count: 0 }:
                return r => r.ProvinceId == province;
            case { Role: StaffRole.Expert, ProvinceId: int province }:
                var subjects = staff.SubjectIds.ToList();
                return r => r.ProvinceId == province && subjects.Contains(r.SubjectId);
            default:
                return r => false;
        }
    }

    /// <summary>
    /// The active accounts that cover a request of <paramref name="provinceId"/> and <paramref name="subjectId"/>:
    /// the same rule as <see cref="CoveredBy"/>, seen from the request (who may be assigned it, who is told of it).
    /// Administrators work at headquarters and are not counted.
    /// </summary>
    public static Expression<Func<StaffUser, bool>> Covering(int provinceId, int subjectId) =>
        u => !u.IsDisabled && u.ProvinceId == provinceId
            && (u.Role == StaffRole.Supervisor
                || (u.Role == StaffRole.Expert && (!u.Subjects.Any() || u.Subjects.Any(s => s.SubjectId == subjectId))));

    private static Expression<Func<ServiceRequest, bool>> BuildIsOpen()
    {
        var request = Expression.Parameter(typeof(ServiceRequest), "r");
        var status = Expression.Property(request, nameof(ServiceRequest.Status));
        var body = OpenStatuses
            .Select(s => (Expression)Expression.Equal(status, Expression.Constant(s)))
            .Aggregate(Expression.OrElse);
        return Expression.Lambda<Func<ServiceRequest, bool>>(body, request);
    }

    /// <summary>Both conditions over one parameter, so EF Core sees a single lambda.</summary>
    private static Expression<Func<T, bool>> And<T>(Expression<Func<T, bool>> left, Expression<Func<T, bool>> right)
    {
        var parameter = left.Parameters[0];
        var rightBody = ParameterReplacer.Rebind(right, parameter).Body;
        return Expression.Lambda<Func<T, bool>>(Expression.AndAlso(left.Body, rightBody), parameter);
    }
}

using System.Linq.Expressions;
using HajDesk.Core.Staff;

namespace HajDesk.Core.Requests;

/// <summary>
/// The conditions the inbox, its counts, the notifications, the staff scope and the pages share, each written once
/// as an expression EF Core translates to SQL (and that compiles for use in memory).
/// </summary>
public static class RequestRules
{
    /// <summary>
    /// The statuses in which a request is not finished: staff may act and the citizen may write. Adding a status
    /// means deciding here and in <see cref="ClockStatuses"/>.
    /// </summary>
    public static IReadOnlyList<RequestStatus> OpenStatuses { get; } =
        [RequestStatus.Submitted, RequestStatus.InProgress, RequestStatus.Referred, RequestStatus.Reopened, RequestStatus.WaitingForCitizen];

    /// <summary>
    /// The open statuses in which the response clock runs, i.e. the request waits for staff: all open ones but
    /// <see cref="RequestStatus.WaitingForCitizen"/> (the ball is with the citizen). Only these can be overdue,
    /// due soon or escalated.
    /// </summary>
    public static IReadOnlyList<RequestStatus> ClockStatuses { get; } =
        [RequestStatus.Submitted, RequestStatus.InProgress, RequestStatus.Referred, RequestStatus.Reopened];

    /// <summary>
    /// Open: <c>Status = 'Submitted' OR Status = 'InProgress' OR …</c>, built from <see cref="OpenStatuses"/> as
    /// plain comparisons so the database uses the status index as it would for a hand-written condition.
    /// </summary>
    public static Expression<Func<ServiceRequest, bool>> IsOpen { get; } = BuildStatusIn(OpenStatuses);

    /// <summary>The clock runs: the status is one of <see cref="ClockStatuses"/>, as plain comparisons.</summary>
    public static Expression<Func<ServiceRequest, bool>> ClockRuns { get; } = BuildStatusIn(ClockStatuses);

    /// <summary>
    /// Waiting for staff and past its due instant at <paramref name="now"/> (a request waiting for the citizen is
    /// never overdue: its clock is stopped). <c>DueAt &lt; now AND Status IN (…)</c>, served by the due-date indexes.
    /// </summary>
    public static Expression<Func<ServiceRequest, bool>> OverdueAt(DateTime now) =>
        And(r => r.DueAt < now, ClockRuns);

    /// <summary>
    /// Due soon: waiting for staff, not yet overdue at <paramref name="now"/>, and due before
    /// <paramref name="until"/> (the end of the warning window, counted in working days by the caller). A range on
    /// <c>DueAt</c> like <see cref="OverdueAt"/>, so the same indexes serve it.
    /// </summary>
    public static Expression<Func<ServiceRequest, bool>> DueSoon(DateTime now, DateTime until) =>
        And(r => r.DueAt >= now && r.DueAt <= until, ClockRuns);

    /// <summary>In memory: whether <paramref name="request"/> is overdue at <paramref name="now"/>.</summary>
    public static bool IsOverdue(ServiceRequest request, DateTime now) =>
        IsOverdue(request.Status, request.DueAt, now);

    /// <summary>In memory, for a projected row: waiting for staff and past <paramref name="dueAt"/>.</summary>
    public static bool IsOverdue(RequestStatus status, DateTime dueAt, DateTime now) => status.ClockRuns() && dueAt < now;

    /// <summary>
    /// The requests reports count: all but the duplicates merged into another request, so that a merged pair counts
    /// once (<see cref="ServiceRequest.MergeInto"/>).
    /// </summary>
    public static Expression<Func<ServiceRequest, bool>> Counted { get; } = r => r.MergedIntoId == null;

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

    private static Expression<Func<ServiceRequest, bool>> BuildStatusIn(IReadOnlyList<RequestStatus> statuses)
    {
        var request = Expression.Parameter(typeof(ServiceRequest), "r");
        var status = Expression.Property(request, nameof(ServiceRequest.Status));
        var body = statuses
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

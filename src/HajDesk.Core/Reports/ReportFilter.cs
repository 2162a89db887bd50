using System.Linq.Expressions;
using HajDesk.Core.Persian;
using HajDesk.Core.Requests;
using HajDesk.Core.Staff;

namespace HajDesk.Core.Reports;

/// <summary>
/// Which requests a report counts: those received (<see cref="ServiceRequest.CreatedAt"/>) within
/// <see cref="Dates"/>, optionally of one province, main subject and channel, always within the scope of whoever
/// asks. Every figure of a report is about this one set of requests (a cohort by date of receipt).
/// </summary>
/// <param name="Dates">The Jalali date range, as typed (<see cref="JalaliDateRange.Parse"/>); its errors are the caller's to show.</param>
/// <param name="ProvinceId">One province, or null for all in scope.</param>
/// <param name="SubjectId">One main subject, or null for all.</param>
/// <param name="Channel">One intake channel, or null for all.</param>
/// <param name="Scope">The requests the reader may count: <see cref="ForStaff"/> or <see cref="Everything"/>.</param>
public sealed record ReportFilter(
    JalaliDateRange Dates,
    int? ProvinceId,
    int? SubjectId,
    RequestChannel? Channel,
    Expression<Func<ServiceRequest, bool>> Scope)
{
    /// <summary>Who may read reports: supervisors (their province) and administrators (all provinces).</summary>
    public static bool MayRead(StaffActor? staff) => staff?.Role is StaffRole.Supervisor or StaffRole.Administrator;

    /// <summary>
    /// The scope of <paramref name="staff"/>: <see cref="RequestRules.CoveredBy"/> for a supervisor (their province)
    /// or an administrator (everything); nothing for anyone else, experts included.
    /// </summary>
    public static Expression<Func<ServiceRequest, bool>> ForStaff(StaffActor? staff) =>
        MayRead(staff) ? RequestRules.CoveredBy(staff) : r => false;

    /// <summary>Every request: for the public statistics, which publish no personal data.</summary>
    public static Expression<Func<ServiceRequest, bool>> Everything { get; } = r => true;

    /// <summary>A filter for <paramref name="staff"/> from the typed values (the dates in any digits).</summary>
    public static ReportFilter Parse(StaffActor? staff, string? from, string? to, int? provinceId, int? subjectId, RequestChannel? channel) =>
        new(JalaliDateRange.Parse(from, to), provinceId, subjectId, channel, ForStaff(staff));

    /// <summary>The requests this filter counts (a duplicate merged into another is counted once, as the survivor).</summary>
    public IQueryable<ServiceRequest> Apply(IQueryable<ServiceRequest> requests)
    {
        ArgumentNullException.ThrowIfNull(requests);
        var rows = Dates.Apply(requests.Where(Scope).Where(RequestRules.Counted), r => r.CreatedAt);
        if (ProvinceId is int province)
        {
            rows = rows.Where(r => r.ProvinceId == province);
        }

        if (SubjectId is int subject)
        {
            rows = rows.Where(r => r.SubjectId == subject);
        }

        if (Channel is RequestChannel channel)
        {
            rows = rows.Where(r => r.Channel == channel);
        }

        return rows;
    }
}

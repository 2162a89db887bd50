using HajDesk.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace HajDesk.Core.Reports;

/// <summary>A comment a citizen wrote in the satisfaction survey, as the reports show it (no personal data).</summary>
/// <param name="SubmittedAt">When the survey was answered.</param>
/// <param name="ReceivedAt">When the request was received (its month is the report's month).</param>
/// <param name="Province">The request's province.</param>
/// <param name="Subject">The request's main subject.</param>
/// <param name="Expert">Who wrote the first answer; null if nobody answered.</param>
/// <param name="Overall">The overall score given, 1 to 5; null if unreadable.</param>
/// <param name="Comment">The comment as written (shown encoded).</param>
public sealed record ReportComment(DateTime SubmittedAt, DateTime ReceivedAt, string Province, string Subject, string? Expert, int? Overall, string Comment);

/// <summary>
/// The survey comments of the requests a <see cref="ReportFilter"/> counts (so a supervisor reads those of their
/// province only), the most recently received requests first, a page at a time; optionally of one first-answering
/// staff member.
/// </summary>
public sealed class ReportComments(HajDeskDbContext db)
{
    public const int PageSize = 20;

    /// <summary>
    /// Page <paramref name="page"/> (from 1) of the filter's comments, and whether more follow. Ordered by the
    /// request's receipt, newest first, so that the database walks the requests' own date index backwards and looks
    /// each one's survey up (at a million requests, ordering by the survey's instant instead walked every newer survey
    /// for a past year: 1.8 s); not counted in total, so a page costs the same whatever their number.
    /// </summary>
    public async Task<(bool More, IReadOnlyList<ReportComment> Page)> ListAsync(
        ReportFilter filter, string? expertId, int page, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var requests = filter.Apply(db.Requests.AsNoTracking());
        if (!string.IsNullOrEmpty(expertId))
        {
            requests = requests.Where(r => r.FirstAnsweredById == expertId);
        }

        var comments = requests.Join(
            // A comment is stored only by a submission and never empty (SurveyInvitation.Submit), so "has a comment"
            // is the one condition: PostgreSQL estimates it from the column's null fraction and walks the requests
            // newest first, probing each one's survey. With the redundant conditions beside it, the estimate fell
            // twenty-fold and it read every survey instead: 1.8 s at a million requests (docs/performance.md).
            db.SurveyInvitations.AsNoTracking().Where(i => i.Comment != null),
            r => r.Id,
            i => i.RequestId,
            (r, i) => new { RequestId = r.Id, r.ProvinceId, r.SubjectId, r.FirstAnsweredById, r.CreatedAt, SubmittedAt = i.SubmittedAt!.Value, i.Comment, i.Scores });
        var rows = await comments.OrderByDescending(c => c.CreatedAt).ThenByDescending(c => c.RequestId)
            .Skip((Math.Max(page, 1) - 1) * PageSize).Take(PageSize + 1).ToListAsync(cancellationToken);
        var more = rows.Count > PageSize;
        rows = rows.Take(PageSize).ToList();
        var provinceIds = rows.Select(r => r.ProvinceId).Distinct().ToList();
        var subjectIds = rows.Select(r => r.SubjectId).Distinct().ToList();
        var staffIds = rows.Where(r => r.FirstAnsweredById != null).Select(r => r.FirstAnsweredById!).Distinct().ToList();
        var provinces = await db.Provinces.AsNoTracking().Where(p => provinceIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, cancellationToken);
        var subjects = await db.Subjects.AsNoTracking().Where(s => subjectIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Name, cancellationToken);
        var staff = await db.Users.AsNoTracking().Where(u => staffIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
        return (more, rows.Select(r => new ReportComment(
            r.SubmittedAt,
            r.CreatedAt,
            provinces.GetValueOrDefault(r.ProvinceId) ?? "—",
            subjects.GetValueOrDefault(r.SubjectId) ?? "—",
            r.FirstAnsweredById is null ? null : staff.GetValueOrDefault(r.FirstAnsweredById) ?? "حساب حذف‌شده",
            Overall(r.Scores),
            r.Comment!)).ToList());
    }

    /// <summary>The last item's score (<c>overall</c>) of stored scores such as <c>5,4,4,5,5</c>.</summary>
    private static int? Overall(string? scores) =>
        scores?.Split(',') is { Length: > 0 } parts && int.TryParse(parts[^1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var score)
            ? score
            : null;
}

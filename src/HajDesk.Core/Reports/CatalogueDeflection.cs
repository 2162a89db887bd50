using HajDesk.Core.Data;
using HajDesk.Core.Persian;
using Microsoft.EntityFrameworkCore;

namespace HajDesk.Core.Reports;

/// <summary>
/// The catalogue's deflection for one main subject: send forms on which a citizen opened an answer of the subject's
/// frequently asked questions, and how many of those forms were then never sent.
/// </summary>
public sealed record SubjectDeflection(int SubjectId, string Subject, int FormsWithAnswersRead, int LeftWithoutSending)
{
    /// <summary>Forms left without sending, in percent of those on which answers were read.</summary>
    public double? LeftPercent => FormsWithAnswersRead == 0 ? null : 100.0 * LeftWithoutSending / FormsWithAnswersRead;
}

/// <summary>
/// Deflection per main subject (<see cref="Catalogue.AnswerView"/>: a question's answer opened on a send form, by the
/// form's one-time key; no personal data). A form that never became a request carries no province, so the figures
/// are national whoever reads them.
/// </summary>
public static class CatalogueDeflection
{
    /// <summary>The main subjects with answers read within <paramref name="dates"/> (optionally one subject), in display order.</summary>
    public static async Task<IReadOnlyList<SubjectDeflection>> BySubjectAsync(
        HajDeskDbContext db, JalaliDateRange dates, int? subjectId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(dates);
        var views = dates.Apply(db.AnswerViews.AsNoTracking(), v => v.At);
        var forms = await views
            .Join(db.SubjectQuestions.AsNoTracking(), v => v.QuestionId, q => q.Id, (v, q) => new { v.SubmissionKey, q.SubjectId })
            .Distinct()
            .Select(f => new { f.SubmissionKey, f.SubjectId, Sent = db.Requests.Any(r => r.SubmissionKey == f.SubmissionKey) })
            .ToListAsync(cancellationToken);
        var subjects = await db.Subjects.AsNoTracking()
            .Select(s => new { s.Id, s.ParentId, s.Name, s.DisplayOrder }).ToDictionaryAsync(s => s.Id, cancellationToken);
        int Main(int id) => subjects.TryGetValue(id, out var s) && s.ParentId is int parent ? parent : id;

        return forms
            .GroupBy(f => Main(f.SubjectId))
            .Where(g => subjectId is null || g.Key == subjectId)
            .Select(g =>
            {
                var byForm = g.GroupBy(f => f.SubmissionKey).Select(k => k.First().Sent).ToList();
                return new
                {
                    Order = subjects.TryGetValue(g.Key, out var s) ? s.DisplayOrder : int.MaxValue,
                    Row = new SubjectDeflection(g.Key, subjects.TryGetValue(g.Key, out var subject) ? subject.Name : "—", byForm.Count, byForm.Count(sent => !sent)),
                };
            })
            .OrderBy(x => x.Order).ThenBy(x => x.Row.SubjectId)
            .Select(x => x.Row)
            .ToList();
    }
}

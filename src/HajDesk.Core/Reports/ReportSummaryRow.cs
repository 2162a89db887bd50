using System.Globalization;
using System.Text;
using HajDesk.Core.Requests;

namespace HajDesk.Core.Reports;

/// <summary>
/// One row of the report summary (decision 0006): the figures of the requests received in one Jalali month, of one
/// province, main subject and channel, first answered by one staff member (or not answered yet: null), as they stood
/// when the month was last summarised. The counts add up; the working days to the first answer are a histogram
/// (<see cref="WorkingDays"/>) so that percentiles stay exact; the overdue count is split into the requests already
/// overdue at <see cref="ReportSummaryMonth.OverdueCutoff"/> and the due instants of those that were not yet
/// (<see cref="PendingDue"/>), so that "overdue now" is exact at any later instant. Holds no personal data.
/// </summary>
public sealed class ReportSummaryRow
{
    public long Id { get; set; }

    /// <summary>The Jalali month of receipt, <see cref="JalaliMonth.Number"/> (<c>140401</c>).</summary>
    public int Month { get; set; }

    public int ProvinceId { get; set; }

    /// <summary>The main subject.</summary>
    public int SubjectId { get; set; }

    public RequestChannel Channel { get; set; }

    /// <summary>Who wrote the first answer; null for the requests not answered yet.</summary>
    public string? FirstAnsweredById { get; set; }

    public int Received { get; set; }

    public int Answered { get; set; }

    public int Closed { get; set; }

    public int AnsweredOnTime { get; set; }

    /// <summary>Unanswered, clock running and due before <see cref="ReportSummaryMonth.OverdueCutoff"/>: overdue at any later instant too.</summary>
    public int Overdue { get; set; }

    public int Reopened { get; set; }

    public int Objected { get; set; }

    public int Rated1 { get; set; }

    public int Rated2 { get; set; }

    public int Rated3 { get; set; }

    public int Rated4 { get; set; }

    public int Rated5 { get; set; }

    /// <summary>Satisfaction surveys sent for these requests.</summary>
    public int SurveysSent { get; set; }

    /// <summary>Of those, answered.</summary>
    public int SurveysAnswered { get; set; }

    /// <summary>The answered surveys' scores: <c>item:score:count</c> triples (item from 0, score 1–5) separated by <c>;</c>.</summary>
    public string SurveyScores { get; set; } = string.Empty;

    /// <summary>The histogram of working days to the first answer: <c>days:count</c> pairs separated by <c>;</c>.</summary>
    public string WorkingDays { get; set; } = string.Empty;

    /// <summary>
    /// The due instants (UTC ticks, separated by <c>;</c>) of the unanswered requests whose clock runs and that were
    /// not overdue at <see cref="ReportSummaryMonth.OverdueCutoff"/>: each is overdue from its instant on.
    /// </summary>
    public string PendingDue { get; set; } = string.Empty;

    /// <summary>This row's figures at <paramref name="now"/> (no earlier than the month's overdue cut-off).</summary>
    public ReportFigures FiguresAt(DateTime now)
    {
        var overdue = Overdue;
        foreach (var due in Split(PendingDue))
        {
            if (long.Parse(due, NumberStyles.None, CultureInfo.InvariantCulture) < now.Ticks)
            {
                overdue++;
            }
        }

        var histogram = new Dictionary<int, int>();
        foreach (var pair in Split(WorkingDays))
        {
            var colon = pair.IndexOf(':', StringComparison.Ordinal);
            histogram[int.Parse(pair[..colon], NumberStyles.None, CultureInfo.InvariantCulture)] =
                int.Parse(pair[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture);
        }

        var scores = ReportFigures.EmptyScores.Select(item => item.ToArray()).ToArray();
        foreach (var triple in Split(SurveyScores))
        {
            var parts = triple.Split(':');
            scores[int.Parse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture)][int.Parse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture) - 1] =
                int.Parse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture);
        }

        return new ReportFigures
        {
            SurveysSent = SurveysSent,
            SurveysAnswered = SurveysAnswered,
            SurveyScores = scores,
            Received = Received,
            Answered = Answered,
            Closed = Closed,
            AnsweredOnTime = AnsweredOnTime,
            OverdueUnanswered = overdue,
            Reopened = Reopened,
            Objected = Objected,
            RatingCounts = [Rated1, Rated2, Rated3, Rated4, Rated5],
            WorkingDaysHistogram = histogram,
        };
    }

    /// <summary>A histogram as <see cref="WorkingDays"/> stores it.</summary>
    public static string FormatHistogram(IEnumerable<KeyValuePair<int, int>> histogram)
    {
        ArgumentNullException.ThrowIfNull(histogram);
        var text = new StringBuilder();
        foreach (var (days, count) in histogram.Where(p => p.Value > 0).OrderBy(p => p.Key))
        {
            text.Append(text.Length == 0 ? string.Empty : ";").Append(CultureInfo.InvariantCulture, $"{days}:{count}");
        }

        return text.ToString();
    }

    /// <summary>Survey scores as <see cref="SurveyScores"/> stores them.</summary>
    public static string FormatScores(IReadOnlyList<IReadOnlyList<int>> scores)
    {
        ArgumentNullException.ThrowIfNull(scores);
        var text = new StringBuilder();
        for (var item = 0; item < scores.Count; item++)
        {
            for (var score = 1; score <= scores[item].Count; score++)
            {
                if (scores[item][score - 1] > 0)
                {
                    text.Append(text.Length == 0 ? string.Empty : ";").Append(CultureInfo.InvariantCulture, $"{item}:{score}:{scores[item][score - 1]}");
                }
            }
        }

        return text.ToString();
    }

    /// <summary>Due instants as <see cref="PendingDue"/> stores them.</summary>
    public static string FormatInstants(IEnumerable<DateTime> instants) =>
        string.Join(';', instants.Select(i => i.Ticks.ToString(CultureInfo.InvariantCulture)));

    private static string[] Split(string text) =>
        text.Length == 0 ? [] : text.Split(';');
}

/// <summary>A Jalali month the report summary holds (decision 0006).</summary>
public sealed class ReportSummaryMonth
{
    /// <summary><see cref="JalaliMonth.Number"/>.</summary>
    public int Month { get; set; }

    public DateTime SummarisedAt { get; set; }

    /// <summary>
    /// Requests due before this instant were counted as overdue (<see cref="ReportSummaryRow.Overdue"/>); a report
    /// computed for an earlier instant cannot use the month's rows and counts the month live.
    /// </summary>
    public DateTime OverdueCutoff { get; set; }
}

/// <summary>
/// A change to a request received in <see cref="Month"/>, written in the same transaction as the change (see
/// <c>HajDeskDbContext.SaveChanges</c>): the month's summary no longer counts it and reports count the month live
/// until <see cref="ReportSummary.RefreshAsync"/> summarises it again. Append-only, so writers never wait for each other.
/// </summary>
public sealed class ReportSummaryChange
{
    public long Id { get; set; }

    /// <summary><see cref="JalaliMonth.Number"/> of the changed request's receipt.</summary>
    public int Month { get; set; }
}

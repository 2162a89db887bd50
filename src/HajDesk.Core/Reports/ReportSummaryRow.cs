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
        var sum = new ReportFiguresSum();
        AddTo(sum, now);
        return sum.ToFigures();
    }

    /// <summary>Adds this row's figures at <paramref name="now"/> to <paramref name="sum"/> (no allocation per row).</summary>
    public void AddTo(ReportFiguresSum sum, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(sum);
        sum.Received += Received;
        sum.Answered += Answered;
        sum.Closed += Closed;
        sum.AnsweredOnTime += AnsweredOnTime;
        sum.Overdue += Overdue;
        sum.Reopened += Reopened;
        sum.Objected += Objected;
        sum.Ratings[0] += Rated1;
        sum.Ratings[1] += Rated2;
        sum.Ratings[2] += Rated3;
        sum.Ratings[3] += Rated4;
        sum.Ratings[4] += Rated5;
        sum.SurveysSent += SurveysSent;
        sum.SurveysAnswered += SurveysAnswered;
        var text = PendingDue.AsSpan();
        foreach (var range in text.Split(';'))
        {
            if (range.End.Value > range.Start.Value && long.Parse(text[range], NumberStyles.None, CultureInfo.InvariantCulture) < now.Ticks)
            {
                sum.Overdue++;
            }
        }

        text = WorkingDays.AsSpan();
        foreach (var range in text.Split(';'))
        {
            var pair = text[range];
            var colon = pair.IndexOf(':');
            if (colon > 0)
            {
                var days = int.Parse(pair[..colon], NumberStyles.None, CultureInfo.InvariantCulture);
                sum.Histogram[days] = sum.Histogram.GetValueOrDefault(days) + int.Parse(pair[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture);
            }
        }

        text = SurveyScores.AsSpan();
        foreach (var range in text.Split(';'))
        {
            var triple = text[range];
            var first = triple.IndexOf(':');
            if (first > 0)
            {
                var rest = triple[(first + 1)..];
                var second = rest.IndexOf(':');
                var item = int.Parse(triple[..first], NumberStyles.None, CultureInfo.InvariantCulture);
                var score = int.Parse(rest[..second], NumberStyles.None, CultureInfo.InvariantCulture);
                sum.Scores[item][score - 1] += int.Parse(rest[(second + 1)..], NumberStyles.None, CultureInfo.InvariantCulture);
            }
        }
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
}

/// <summary>Summary rows added up in place (<see cref="ReportSummaryRow.AddTo"/>), then made one <see cref="ReportFigures"/>.</summary>
public sealed class ReportFiguresSum
{
    public int Received { get; set; }

    public int Answered { get; set; }

    public int Closed { get; set; }

    public int AnsweredOnTime { get; set; }

    public int Overdue { get; set; }

    public int Reopened { get; set; }

    public int Objected { get; set; }

    public int SurveysSent { get; set; }

    public int SurveysAnswered { get; set; }

    public int[] Ratings { get; } = new int[5];

    public Dictionary<int, int> Histogram { get; } = [];

    public int[][] Scores { get; } = ReportFigures.EmptyScores.Select(item => item.ToArray()).ToArray();

    public ReportFigures ToFigures() => new()
    {
        Received = Received,
        Answered = Answered,
        Closed = Closed,
        AnsweredOnTime = AnsweredOnTime,
        OverdueUnanswered = Overdue,
        Reopened = Reopened,
        Objected = Objected,
        RatingCounts = Ratings,
        WorkingDaysHistogram = Histogram,
        SurveysSent = SurveysSent,
        SurveysAnswered = SurveysAnswered,
        SurveyScores = Scores,
    };
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

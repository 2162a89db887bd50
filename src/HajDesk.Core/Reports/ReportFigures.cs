namespace HajDesk.Core.Reports;

/// <summary>
/// The figures of one group of requests (or of all of them), as counted in the database. Rates and percentiles are
/// derived here, so that two groups can be added (<see cref="Add"/>) before they are derived.
/// </summary>
public sealed record ReportFigures
{
    /// <summary>No survey scores: five items of five zeros.</summary>
    public static IReadOnlyList<IReadOnlyList<int>> EmptyScores { get; } =
        Enumerable.Range(0, Surveys.SurveyQuestionnaire.Items.Count).Select(_ => (IReadOnlyList<int>)new int[5]).ToArray();

    /// <summary>An empty group (after <see cref="EmptyScores"/>: static properties are initialised in order).</summary>
    public static ReportFigures Empty { get; } = new();

    /// <summary>Requests received.</summary>
    public int Received { get; init; }

    /// <summary>Of those, answered at least once (whatever their status now).</summary>
    public int Answered { get; init; }

    /// <summary>Of those, closed now.</summary>
    public int Closed { get; init; }

    /// <summary>First answered by their deadline as it stood then.</summary>
    public int AnsweredOnTime { get; init; }

    /// <summary>Not answered yet and past their deadline now (the clock running: not waiting for the citizen).</summary>
    public int OverdueUnanswered { get; init; }

    /// <summary>Answered requests that staff reopened at least once.</summary>
    public int Reopened { get; init; }

    /// <summary>Answered requests the citizen objected to.</summary>
    public int Objected { get; init; }

    /// <summary>Rated requests, and how many gave each rating: index 0 is 1 star … index 4 is 5 stars.</summary>
    public IReadOnlyList<int> RatingCounts { get; init; } = [0, 0, 0, 0, 0];

    /// <summary>
    /// The histogram of working days to the first answer: how many answered requests took each number of days.
    /// Percentiles are read from it.
    /// </summary>
    public IReadOnlyDictionary<int, int> WorkingDaysHistogram { get; init; } = new Dictionary<int, int>();

    /// <summary>Satisfaction surveys sent (one per request answered or closed, <see cref="Surveys.SurveyInvitation"/>).</summary>
    public int SurveysSent { get; init; }

    /// <summary>Of those, answered by the citizen.</summary>
    public int SurveysAnswered { get; init; }

    /// <summary>
    /// How the answered surveys scored each item of <see cref="Surveys.SurveyQuestionnaire.Items"/>: one list per item,
    /// index 0 is the score 1 … index 4 the score 5.
    /// </summary>
    public IReadOnlyList<IReadOnlyList<int>> SurveyScores { get; init; } = EmptyScores;

    /// <summary>Answered surveys, in percent of those sent.</summary>
    public double? SurveyResponsePercent => Percent(SurveysAnswered, SurveysSent);

    /// <summary>The mean score (1 to 5) of item <paramref name="item"/> of the questionnaire; null without answers.</summary>
    public double? SurveyMean(int item)
    {
        var counts = SurveyScores[item];
        var answers = counts.Sum();
        return answers == 0 ? null : counts.Select((count, index) => (double)count * (index + 1)).Sum() / answers;
    }

    /// <summary>Requests whose timeliness is decided: answered, or unanswered and already overdue.</summary>
    public int Decided => Answered + OverdueUnanswered;

    /// <summary>Answered on time, in percent of <see cref="Decided"/>; null when nothing is decided.</summary>
    public double? OnTimePercent => Percent(AnsweredOnTime, Decided);

    /// <summary>Reopened by staff, in percent of the answered requests.</summary>
    public double? ReopenPercent => Percent(Reopened, Answered);

    /// <summary>Objected to by the citizen, in percent of the answered requests.</summary>
    public double? ObjectionPercent => Percent(Objected, Answered);

    /// <summary>How many ratings were given.</summary>
    public int Rated => RatingCounts.Sum();

    /// <summary>The mean rating, 1 to 5; null without ratings.</summary>
    public double? AverageRating =>
        Rated == 0 ? null : RatingCounts.Select((count, index) => (double)count * (index + 1)).Sum() / Rated;

    /// <summary>The median working days to the first answer (nearest rank); null without counted answers.</summary>
    public int? MedianWorkingDays => Percentiles.NearestRank(WorkingDaysHistogram, 50);

    /// <summary>The 90th percentile of working days to the first answer (nearest rank).</summary>
    public int? Percentile90WorkingDays => Percentiles.NearestRank(WorkingDaysHistogram, 90);

    /// <summary>The two groups as one (counts and histograms added).</summary>
    public ReportFigures Add(ReportFigures other)
    {
        ArgumentNullException.ThrowIfNull(other);
        var histogram = new Dictionary<int, int>(WorkingDaysHistogram);
        foreach (var (days, count) in other.WorkingDaysHistogram)
        {
            histogram[days] = histogram.GetValueOrDefault(days) + count;
        }

        return new ReportFigures
        {
            Received = Received + other.Received,
            Answered = Answered + other.Answered,
            Closed = Closed + other.Closed,
            AnsweredOnTime = AnsweredOnTime + other.AnsweredOnTime,
            OverdueUnanswered = OverdueUnanswered + other.OverdueUnanswered,
            Reopened = Reopened + other.Reopened,
            Objected = Objected + other.Objected,
            RatingCounts = RatingCounts.Zip(other.RatingCounts, (a, b) => a + b).ToArray(),
            WorkingDaysHistogram = histogram,
            SurveysSent = SurveysSent + other.SurveysSent,
            SurveysAnswered = SurveysAnswered + other.SurveysAnswered,
            SurveyScores = AddScores(SurveyScores, other.SurveyScores),
        };
    }

    /// <summary>
    /// These figures less <paramref name="part"/>, a group counted within them (the rest of a total once some of its
    /// groups are counted): every count and histogram entry subtracted; a histogram entry that reaches zero goes.
    /// </summary>
    public ReportFigures Subtract(ReportFigures part)
    {
        ArgumentNullException.ThrowIfNull(part);
        var negated = new ReportFigures
        {
            Received = -part.Received,
            Answered = -part.Answered,
            Closed = -part.Closed,
            AnsweredOnTime = -part.AnsweredOnTime,
            OverdueUnanswered = -part.OverdueUnanswered,
            Reopened = -part.Reopened,
            Objected = -part.Objected,
            RatingCounts = part.RatingCounts.Select(c => -c).ToArray(),
            WorkingDaysHistogram = part.WorkingDaysHistogram.ToDictionary(e => e.Key, e => -e.Value),
            SurveysSent = -part.SurveysSent,
            SurveysAnswered = -part.SurveysAnswered,
            SurveyScores = part.SurveyScores.Select(item => (IReadOnlyList<int>)item.Select(c => -c).ToArray()).ToArray(),
        };
        var rest = Add(negated);
        return rest with { WorkingDaysHistogram = rest.WorkingDaysHistogram.Where(e => e.Value != 0).ToDictionary(e => e.Key, e => e.Value) };
    }

    /// <summary>Two score tables added item by item.</summary>
    public static IReadOnlyList<IReadOnlyList<int>> AddScores(IReadOnlyList<IReadOnlyList<int>> a, IReadOnlyList<IReadOnlyList<int>> b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return a.Zip(b, (x, y) => (IReadOnlyList<int>)x.Zip(y, (m, n) => m + n).ToArray()).ToArray();
    }

    private static double? Percent(int part, int whole) => whole == 0 ? null : 100.0 * part / whole;
}

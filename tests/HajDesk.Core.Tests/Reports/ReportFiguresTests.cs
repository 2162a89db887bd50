using HajDesk.Core.Reports;

namespace HajDesk.Core.Tests.Reports;

public class ReportFiguresTests
{
    [Fact]
    public void Derived_EmptyGroup_AreNull()
    {
        var figures = ReportFigures.Empty;

        Assert.Null(figures.OnTimePercent);
        Assert.Null(figures.ReopenPercent);
        Assert.Null(figures.ObjectionPercent);
        Assert.Null(figures.AverageRating);
        Assert.Null(figures.MedianWorkingDays);
        Assert.Null(figures.Percentile90WorkingDays);
    }

    [Fact]
    public void Derived_Counts_GiveRatesOfTheirDenominators()
    {
        var figures = new ReportFigures
        {
            Received = 10,
            Answered = 6,
            AnsweredOnTime = 3,
            OverdueUnanswered = 2,
            Reopened = 3,
            Objected = 1,
            RatingCounts = [1, 0, 0, 0, 3],
        };

        Assert.Equal(8, figures.Decided);
        Assert.Equal(37.5, figures.OnTimePercent);
        Assert.Equal(50, figures.ReopenPercent);
        Assert.Equal(100.0 / 6, figures.ObjectionPercent);
        Assert.Equal(4, figures.Rated);
        Assert.Equal(4, figures.AverageRating);
    }

    [Fact]
    public void Add_TwoGroups_AddsCountsAndHistograms()
    {
        var a = new ReportFigures { Received = 2, Answered = 2, RatingCounts = [1, 0, 0, 0, 0], WorkingDaysHistogram = new Dictionary<int, int> { [1] = 1, [3] = 1 } };
        var b = new ReportFigures { Received = 3, Answered = 1, Closed = 1, RatingCounts = [0, 0, 0, 0, 2], WorkingDaysHistogram = new Dictionary<int, int> { [3] = 2 } };

        var sum = a.Add(b);

        Assert.Equal(5, sum.Received);
        Assert.Equal(3, sum.Answered);
        Assert.Equal(1, sum.Closed);
        Assert.Equal([1, 0, 0, 0, 2], sum.RatingCounts);
        Assert.Equal(new Dictionary<int, int> { [1] = 1, [3] = 3 }, sum.WorkingDaysHistogram);
        Assert.Equal(3, sum.MedianWorkingDays);
        Assert.Equal(1, a.WorkingDaysHistogram[1]);
    }

    [Fact]
    public void Subtract_AGroupOfTheTotal_LeavesTheRestAndDropsEmptiedHistogramEntries()
    {
        var rest = new ReportFigures { Received = 2, Answered = 2, RatingCounts = [1, 0, 0, 0, 0], WorkingDaysHistogram = new Dictionary<int, int> { [1] = 1, [3] = 1 }, SurveysSent = 1, SurveysAnswered = 1, SurveyScores = [[1, 0, 0, 0, 0], [0, 1, 0, 0, 0], [0, 0, 1, 0, 0], [0, 0, 0, 1, 0], [0, 0, 0, 0, 1]] };
        var group = new ReportFigures { Received = 3, Answered = 1, Closed = 1, Objected = 1, RatingCounts = [0, 0, 0, 0, 2], WorkingDaysHistogram = new Dictionary<int, int> { [3] = 2, [7] = 1 } };

        var left = rest.Add(group).Subtract(group);

        Assert.Equal(2, left.Received);
        Assert.Equal(2, left.Answered);
        Assert.Equal(0, left.Closed);
        Assert.Equal(0, left.Objected);
        Assert.Equal([1, 0, 0, 0, 0], left.RatingCounts);
        Assert.Equal(new Dictionary<int, int> { [1] = 1, [3] = 1 }, left.WorkingDaysHistogram);
        Assert.Equal(rest.SurveyScores, left.SurveyScores);
        Assert.Equal(1, left.SurveysAnswered);
        Assert.Equal(1, rest.Add(group).Subtract(rest).Closed);
    }
}

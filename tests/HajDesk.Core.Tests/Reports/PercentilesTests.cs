using CsCheck;
using HajDesk.Core.Reports;

namespace HajDesk.Core.Tests.Reports;

public class PercentilesTests
{
    [Fact]
    public void NearestRank_EmptyHistogram_IsNull() =>
        Assert.Null(Percentiles.NearestRank(new Dictionary<int, int>(), 50));

    [Theory]
    [InlineData(50, 2)]
    [InlineData(75, 3)]
    [InlineData(90, 4)]
    [InlineData(100, 4)]
    [InlineData(1, 1)]
    public void NearestRank_OneToFour_IsTheNearestRankValue(int percent, int expected) =>
        Assert.Equal(expected, Percentiles.NearestRank(new Dictionary<int, int> { [1] = 1, [2] = 1, [3] = 1, [4] = 1 }, percent));

    [Fact]
    public void NearestRank_SkewedHistogram_CountsOccurrences()
    {
        // 9 answers on day 0, 1 on day 30: the median is 0, the 90th percentile still 0, the 91st 30.
        var histogram = new Dictionary<int, int> { [30] = 1, [0] = 9 };

        Assert.Equal(0, Percentiles.NearestRank(histogram, 50));
        Assert.Equal(0, Percentiles.NearestRank(histogram, 90));
        Assert.Equal(30, Percentiles.NearestRank(histogram, 91));
    }

    [Fact]
    public void NearestRank_AnyValues_AgreesWithSortedList() =>
        Gen.Int[0, 40].Array[1, 60].Select(Gen.Int[1, 100]).Sample((values, percent) =>
        {
            var sorted = values.Order().ToArray();
            var rank = (int)Math.Ceiling(percent * sorted.Length / 100.0);
            var histogram = values.GroupBy(v => v).ToDictionary(g => g.Key, g => g.Count());
            return Percentiles.NearestRank(histogram, percent) == sorted[rank - 1];
        });

    [Theory]
    [InlineData(0)]
    [InlineData(101)]
    public void NearestRank_PercentOutOfRange_Throws(int percent) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Percentiles.NearestRank(new Dictionary<int, int> { [1] = 1 }, percent));
}

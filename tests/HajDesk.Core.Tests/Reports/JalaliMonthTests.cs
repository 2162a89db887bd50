using HajDesk.Core.Reports;

namespace HajDesk.Core.Tests.Reports;

public class JalaliMonthTests
{
    [Fact]
    public void StartUtc_Farvardin1404_IsTehranMidnightOfNowruz() =>
        Assert.Equal(new DateTime(2025, 3, 20, 20, 30, 0, DateTimeKind.Utc), new JalaliMonth(1404, 1).StartUtc);

    [Fact]
    public void OfInstant_JustBeforeTehranMidnight_IsThePreviousMonth()
    {
        var start = new JalaliMonth(1404, 1).StartUtc;

        Assert.Equal(new JalaliMonth(1403, 12), JalaliMonth.OfInstant(start.AddSeconds(-1)));
        Assert.Equal(new JalaliMonth(1404, 1), JalaliMonth.OfInstant(start));
    }

    [Fact]
    public void Range_AcrossNowruz_ListsEveryMonthInOrder()
    {
        var months = JalaliMonth.Range(new JalaliMonth(1403, 11), new JalaliMonth(1404, 2));

        Assert.Equal(["1403-11", "1403-12", "1404-01", "1404-02"], months.Select(m => m.Key));
        Assert.Equal("فروردین ۱۴۰۴", months[2].PersianName);
    }
}

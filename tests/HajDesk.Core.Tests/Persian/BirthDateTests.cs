using HajDesk.Core.Persian;

namespace HajDesk.Core.Tests.Persian;

public class BirthDateTests
{
    private static readonly DateOnly Today = new(2024, 7, 2);

    [Fact]
    public void Check_Tomorrow_IsInFuture()
    {
        Assert.Equal(BirthDateProblem.InFuture, BirthDate.Check(Today.AddDays(1), Today));
    }

    [Fact]
    public void Check_NextYear_IsInFuture()
    {
        Assert.Equal(BirthDateProblem.InFuture, BirthDate.Check(Today.AddYears(1), Today));
    }

    [Fact]
    public void Check_Today_IsAccepted()
    {
        Assert.Equal(BirthDateProblem.None, BirthDate.Check(Today, Today));
    }

    [Fact]
    public void Check_TypicalAdult_IsAccepted()
    {
        Assert.Equal(BirthDateProblem.None, BirthDate.Check(new DateOnly(1986, 7, 3), Today));
    }

    [Fact]
    public void Check_Exactly130YearsOld_IsAccepted()
    {
        Assert.Equal(BirthDateProblem.None, BirthDate.Check(Today.AddYears(-130), Today));
    }

    [Fact]
    public void Check_130YearsAndOneDayOld_IsTooOld()
    {
        Assert.Equal(BirthDateProblem.TooOld, BirthDate.Check(Today.AddYears(-130).AddDays(-1), Today));
    }

    [Fact]
    public void Check_131YearsOld_IsTooOld()
    {
        Assert.Equal(BirthDateProblem.TooOld, BirthDate.Check(Today.AddYears(-131), Today));
    }

    [Fact]
    public void Check_JalaliInputAgainstTehranToday_AcceptsAndRejects()
    {
        var today = JalaliDate.TodayInTehran(new FixedTimeProvider(new DateTimeOffset(2024, 7, 2, 8, 0, 0, TimeSpan.Zero)));

        Assert.True(JalaliDate.TryParse("۱۳۶۵/۰۴/۱۲", out var adult));
        Assert.True(JalaliDate.TryParse("1403/04/13", out var tomorrow));
        Assert.True(JalaliDate.TryParse("1272/04/12", out var ancient));

        Assert.Equal(BirthDateProblem.None, BirthDate.Check(adult, today));
        Assert.Equal(BirthDateProblem.InFuture, BirthDate.Check(tomorrow, today));
        Assert.Equal(BirthDateProblem.TooOld, BirthDate.Check(ancient, today));
    }

    [Fact]
    public void Check_TodayEarlyInCalendar_DoesNotThrow()
    {
        Assert.Equal(BirthDateProblem.None, BirthDate.Check(new DateOnly(1, 1, 1), new DateOnly(100, 1, 1)));
    }
}

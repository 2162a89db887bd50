using HajDesk.Web.Exports;

namespace HajDesk.Web.Tests.Exports;

public class ReportPeriodTests
{
    [Theory]
    [InlineData("۱۴۰۳", "12", "1403/12/01", "1403/12/30", "اسفند ۱۴۰۳", "periodic-report-1403-12")]
    [InlineData("1404", "h1", "1404/01/01", "1404/06/31", "شش ماه نخست ۱۴۰۴", "periodic-report-1404-h1")]
    [InlineData(" 1404 ", "h2", "1404/07/01", "1404/12/29", "شش ماه دوم ۱۴۰۴", "periodic-report-1404-h2")]
    [InlineData("1404", "7", "1404/07/01", "1404/07/30", "مهر ۱۴۰۴", "periodic-report-1404-07")]
    public void Parse_MonthOrHalfYear_GivesItsDays(string year, string part, string from, string to, string name, string stem)
    {
        var (period, field, error) = ReportPeriod.Parse(year, part);

        Assert.Null(field);
        Assert.Null(error);
        Assert.Equal((from, to, name, stem), (period!.From, period.To, period.Name, period.FileStem));
    }

    [Theory]
    [InlineData("", "1", "Year")]
    [InlineData("14o4", "1", "Year")]
    [InlineData("99999999999999999999", "1", "Year")]
    [InlineData("1404", "13", "Part")]
    [InlineData("1404", "<script>", "Part")]
    [InlineData("1404", null, "Part")]
    public void Parse_WrongInput_NamesTheField(string? year, string? part, string expectedField)
    {
        var (period, field, error) = ReportPeriod.Parse(year, part);

        Assert.Null(period);
        Assert.Equal(expectedField, field);
        Assert.False(string.IsNullOrEmpty(error));
    }

    [Fact]
    public void IsPast_OnlyWhenTheLastDayHasGone()
    {
        var (month, _, _) = ReportPeriod.Parse("1404", "7");

        Assert.False(month!.IsPast(month.LastDay));
        Assert.True(month.IsPast(month.LastDay.AddDays(1)));
    }
}

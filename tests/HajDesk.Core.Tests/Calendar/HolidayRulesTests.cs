using System.Text;
using HajDesk.Core.Calendar;

namespace HajDesk.Core.Tests.Calendar;

public class HolidayRulesTests
{
    [Theory]
    [InlineData("۱۴۰۵/۰۱/۰۱")]
    [InlineData("١٤٠٥/٠١/٠١")]
    [InlineData(" 1405/1/1 ")]
    public void Check_AnyDigits_ParsesJalaliDate(string typed)
    {
        var (entry, dateError, titleError) = HolidayRules.Check(typed, " نوروز ");

        Assert.Null(dateError);
        Assert.Null(titleError);
        Assert.Equal(new DateOnly(2026, 3, 21), entry!.Date);
        Assert.Equal("نوروز", entry.Title);
    }

    [Theory]
    [InlineData("", HolidayRules.DateRequired)]
    [InlineData("1405/13/01", HolidayRules.DateInvalid)]
    [InlineData("1404/12/30", HolidayRules.DateInvalid)]
    [InlineData("<script>", HolidayRules.DateInvalid)]
    [InlineData("1200/01/01", HolidayRules.DateInvalid)]
    public void Check_BadDate_IsRefusedInPersian(string typed, string message) =>
        Assert.Equal(message, HolidayRules.Check(typed, "عنوان").DateError);

    [Fact]
    public void Check_TitleMissingOrHuge_IsRefused()
    {
        Assert.Equal(HolidayRules.TitleRequired, HolidayRules.Check("1405/01/01", " ").TitleError);
        Assert.Equal(HolidayRules.TitleTooLong, HolidayRules.Check("1405/01/01", new string('ت', 10_000)).TitleError);
    }

    [Fact]
    public void ParseCsv_GoodFileWithHeader_ReturnsEveryLine()
    {
        var (entries, errors) = HolidayRules.ParseCsv(Encoding.UTF8.GetBytes("\uFEFFdate,title\r\n۱۴۰۵/۰۱/۰۱,نوروز\r\n1405/02/25,\"عید فطر, روز اول\"\r\n"));

        Assert.Empty(errors);
        Assert.Equal(2, entries.Count);
        Assert.Equal("عید فطر, روز اول", entries[1].Title);
    }

    [Fact]
    public void ParseCsv_BadLines_NamesEachAndReturnsNothing()
    {
        var (entries, errors) = HolidayRules.ParseCsv(Encoding.UTF8.GetBytes("1405/01/01,نوروز\n1405/13/01,نادرست\nبدون ویرگول\n1405/01/01,تکراری\n"));

        Assert.Empty(entries);
        Assert.Equal(3, errors.Count);
        Assert.StartsWith("سطر ۲: ", errors[0], StringComparison.Ordinal);
        Assert.StartsWith("سطر ۳: ", errors[1], StringComparison.Ordinal);
        Assert.StartsWith("سطر ۴: ", errors[2], StringComparison.Ordinal);
    }

    [Fact]
    public void ParseCsv_BinaryOrEmpty_IsRefused()
    {
        Assert.Equal([HolidayRules.FileNotText], HolidayRules.ParseCsv([0xFF, 0xFE, 0x00, 0x01]).Errors);
        Assert.Equal([HolidayRules.FileEmpty], HolidayRules.ParseCsv(Encoding.UTF8.GetBytes("date,title\n\n")).Errors);
    }
}

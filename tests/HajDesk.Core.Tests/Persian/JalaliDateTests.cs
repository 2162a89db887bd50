using CsCheck;
using HajDesk.Core.Persian;

namespace HajDesk.Core.Tests.Persian;

public class JalaliDateTests
{
    private static readonly DateOnly Tir12Of1365 = new(1986, 7, 3);

    [Theory]
    [InlineData(1403, 12, 30, true)]
    [InlineData(1404, 12, 30, false)]
    [InlineData(1404, 12, 29, true)]
    [InlineData(1403, 7, 31, false)]
    [InlineData(1403, 7, 30, true)]
    [InlineData(1403, 6, 31, true)]
    [InlineData(1403, 1, 32, false)]
    [InlineData(1403, 13, 1, false)]
    [InlineData(1403, 0, 1, false)]
    [InlineData(1403, 1, 0, false)]
    [InlineData(1403, -1, 1, false)]
    [InlineData(0, 1, 1, false)]
    [InlineData(-1365, 4, 12, false)]
    [InlineData(1, 1, 1, true)]
    [InlineData(9378, 10, 13, true)]
    [InlineData(9378, 10, 14, false)]
    [InlineData(9378, 11, 1, false)]
    [InlineData(9379, 1, 1, false)]
    [InlineData(int.MaxValue, 1, 1, false)]
    public void TryCreate_JalaliParts_ReportsWhetherTheDateExists(int year, int month, int day, bool expected)
    {
        Assert.Equal(expected, JalaliDate.TryCreate(year, month, day, out var date));
        if (!expected)
        {
            Assert.Equal(default, date);
        }
    }

    [Theory]
    [InlineData(1365, 4, 12, 1986, 7, 3)]
    [InlineData(1403, 1, 1, 2024, 3, 20)]
    [InlineData(1403, 12, 30, 2025, 3, 20)]
    [InlineData(1404, 1, 1, 2025, 3, 21)]
    [InlineData(1403, 4, 12, 2024, 7, 2)]
    [InlineData(1, 1, 1, 622, 3, 22)]
    [InlineData(9378, 10, 13, 9999, 12, 31)]
    public void TryCreate_KnownDate_MapsToGregorian(int year, int month, int day, int gYear, int gMonth, int gDay)
    {
        Assert.True(JalaliDate.TryCreate(year, month, day, out var date));
        Assert.Equal(new DateOnly(gYear, gMonth, gDay), date);
    }

    [Theory]
    [InlineData("1365/4/12")]
    [InlineData("1365/04/12")]
    [InlineData("۱۳۶۵/۰۴/۱۲")]
    [InlineData("۱۳۶۵/۴/۱۲")]
    [InlineData("١٣٦٥/٠٤/١٢")]
    [InlineData("1365-04-12")]
    [InlineData("1365-4-12")]
    [InlineData("۱۳۶۵-۰۴-۱۲")]
    [InlineData("  1365/04/12  ")]
    [InlineData("\u00A01365/04/12\t")]
    [InlineData("\u200F1365/04/12\u200E")]
    [InlineData("13۶5/0٤/12")]
    public void TryParse_AcceptedFormat_ReturnsDate(string input)
    {
        Assert.True(JalaliDate.TryParse(input, out var date));
        Assert.Equal(Tir12Of1365, date);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("abc")]
    [InlineData("65/4/12")]
    [InlineData("365/4/12")]
    [InlineData("01365/4/12")]
    [InlineData("1365/004/12")]
    [InlineData("1365/4/012")]
    [InlineData("1365/4")]
    [InlineData("1365/4/")]
    [InlineData("1365//12")]
    [InlineData("1365/4/12/1")]
    [InlineData("1365.04.12")]
    [InlineData("1365\\04\\12")]
    [InlineData("1365/04-12")]
    [InlineData("1365-04/12")]
    [InlineData("1365 / 04 / 12")]
    [InlineData("1365/04/ 12")]
    [InlineData("1365 04 12")]
    [InlineData("13650412")]
    [InlineData("+1365/4/12")]
    [InlineData("1365/4/12x")]
    [InlineData("1365/4/12 ب")]
    [InlineData("1404/12/30")]
    [InlineData("1403/07/31")]
    [InlineData("1403/13/01")]
    [InlineData("1403/00/10")]
    [InlineData("1403/01/00")]
    [InlineData("0000/01/01")]
    [InlineData("9999/01/01")]
    public void TryParse_RejectedInput_ReturnsFalse(string? input)
    {
        Assert.False(JalaliDate.TryParse(input, out var date));
        Assert.Equal(default, date);
    }

    [Fact]
    public void TryParse_LeapDay_AcceptedOnlyInLeapYear()
    {
        Assert.True(JalaliDate.TryParse("1403/12/30", out var date));
        Assert.Equal(new DateOnly(2025, 3, 20), date);
        Assert.False(JalaliDate.TryParse("1404/12/30", out _));
    }

    [Fact]
    public void ToJalali_OfTryCreate_ReturnsTheSameParts()
    {
        var gen =
            from year in Gen.Int[1, 9377]
            from month in Gen.Int[1, 12]
            from day in Gen.Int[1, JalaliDate.DaysInMonth(year, month)]
            select (year, month, day);

        gen.Sample((year, month, day) =>
        {
            Assert.True(JalaliDate.TryCreate(year, month, day, out var date));
            Assert.Equal((year, month, day), JalaliDate.ToJalali(date));
        }, iter: 5000);
    }

    [Fact]
    public void TryCreate_OfToJalali_ReturnsTheSameDate()
    {
        Gen.DateOnly[new DateOnly(622, 3, 22), DateOnly.MaxValue].Sample(date =>
        {
            var (year, month, day) = JalaliDate.ToJalali(date);
            Assert.True(JalaliDate.TryCreate(year, month, day, out var back));
            Assert.Equal(date, back);
        }, iter: 5000);
    }

    [Fact]
    public void TryParse_OfFormatNumeric_ReturnsTheSameDate()
    {
        Gen.DateOnly[new DateOnly(1700, 1, 1), new DateOnly(2500, 1, 1)].Sample(date =>
        {
            Assert.True(JalaliDate.TryParse(JalaliDate.FormatNumeric(date), out var back));
            Assert.Equal(date, back);
        }, iter: 2000);
    }

    [Fact]
    public void ToJalali_ConsecutiveDays_AdvanceByOneJalaliDay()
    {
        Gen.DateOnly[new DateOnly(1900, 1, 1), new DateOnly(2200, 1, 1)].Sample(date =>
        {
            var (y, m, d) = JalaliDate.ToJalali(date);
            var next = JalaliDate.ToJalali(date.AddDays(1));
            var expected = d < JalaliDate.DaysInMonth(y, m) ? (y, m, d + 1)
                : m < 12 ? (y, m + 1, 1)
                : (y + 1, 1, 1);
            Assert.Equal(expected, next);
        }, iter: 2000);
    }

    [Theory]
    [InlineData(1403, 1, 31)]
    [InlineData(1403, 6, 31)]
    [InlineData(1403, 7, 30)]
    [InlineData(1403, 11, 30)]
    [InlineData(1403, 12, 30)]
    [InlineData(1404, 12, 29)]
    [InlineData(1399, 12, 30)]
    [InlineData(1400, 12, 29)]
    public void DaysInMonth_Month_ReturnsLength(int year, int month, int expected)
    {
        Assert.Equal(expected, JalaliDate.DaysInMonth(year, month));
    }

    [Fact]
    public void DaysInMonth_AnyYear_FirstSixMonthsHave31AndNextFiveHave30()
    {
        Gen.Int[1, 9377].Sample(year =>
        {
            for (var month = 1; month <= 6; month++)
            {
                Assert.Equal(31, JalaliDate.DaysInMonth(year, month));
            }

            for (var month = 7; month <= 11; month++)
            {
                Assert.Equal(30, JalaliDate.DaysInMonth(year, month));
            }

            Assert.Equal(JalaliDate.IsLeapYear(year) ? 30 : 29, JalaliDate.DaysInMonth(year, 12));
        });
    }

    [Theory]
    [InlineData(1403, 0)]
    [InlineData(1403, 13)]
    [InlineData(0, 1)]
    public void DaysInMonth_OutOfRange_Throws(int year, int month)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => JalaliDate.DaysInMonth(year, month));
    }

    [Theory]
    [InlineData(1399, true)]
    [InlineData(1400, false)]
    [InlineData(1403, true)]
    [InlineData(1404, false)]
    [InlineData(1407, false)]
    [InlineData(1408, true)]
    public void IsLeapYear_Year_ReturnsExpected(int year, bool expected)
    {
        Assert.Equal(expected, JalaliDate.IsLeapYear(year));
    }

    [Fact]
    public void MonthNames_InOrder_FarvardinToEsfand()
    {
        Assert.Equal(
            ["فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور", "مهر", "آبان", "آذر", "دی", "بهمن", "اسفند"],
            JalaliDate.MonthNames);
    }

    [Fact]
    public void MonthNames_Names_AreAlreadyNormalized()
    {
        Assert.All(JalaliDate.MonthNames, name => Assert.Equal(PersianText.NormalizeText(name), name));
    }

    [Fact]
    public void FormatNumeric_Date_UsesPersianDigitsAndZeroPadding()
    {
        Assert.Equal("۱۳۶۵/۰۴/۱۲", JalaliDate.FormatNumeric(Tir12Of1365));
        Assert.Equal("۱۴۰۳/۱۲/۳۰", JalaliDate.FormatNumeric(new DateOnly(2025, 3, 20)));
    }

    [Fact]
    public void FormatLong_Date_UsesDayMonthNameYear()
    {
        Assert.Equal("۱۲ تیر ۱۳۶۵", JalaliDate.FormatLong(Tir12Of1365));
        Assert.Equal("۱ فروردین ۱۴۰۴", JalaliDate.FormatLong(new DateOnly(2025, 3, 21)));
        Assert.Equal("۳۰ اسفند ۱۴۰۳", JalaliDate.FormatLong(new DateOnly(2025, 3, 20)));
    }

    [Fact]
    public void FormatDateTime_UtcInstant_FormatsTehranLocalTime()
    {
        var utc = new DateTime(2024, 7, 2, 10, 35, 0, DateTimeKind.Utc);

        Assert.Equal("۱۲ تیر ۱۴۰۳، ساعت ۱۴:۰۵", JalaliDate.FormatDateTime(utc));
    }

    [Fact]
    public void FormatDateTime_UnspecifiedKind_TreatedAsUtc()
    {
        var unspecified = new DateTime(2024, 7, 2, 10, 35, 0, DateTimeKind.Unspecified);

        Assert.Equal("۱۲ تیر ۱۴۰۳، ساعت ۱۴:۰۵", JalaliDate.FormatDateTime(unspecified));
    }

    [Fact]
    public void FormatDateTime_LateUtcEvening_IsNextDayInTehran()
    {
        var utc = new DateTime(2024, 7, 2, 20, 30, 0, DateTimeKind.Utc);

        Assert.Equal("۱۳ تیر ۱۴۰۳، ساعت ۰۰:۰۰", JalaliDate.FormatDateTime(utc));
    }

    [Fact]
    public void ToTehranLocal_CurrentRules_AddsThreeAndAHalfHours()
    {
        var utc = new DateTime(2024, 7, 2, 10, 35, 0, DateTimeKind.Utc);

        Assert.Equal(new DateTime(2024, 7, 2, 14, 5, 0), JalaliDate.ToTehranLocal(utc));
        Assert.Equal(DateTimeKind.Unspecified, JalaliDate.ToTehranLocal(utc).Kind);
    }

    [Fact]
    public void ToTehranLocal_SummerBefore2023_AppliesHistoricalDaylightSaving()
    {
        // Iran observed daylight saving (UTC+04:30) until 2022.
        var utc = new DateTime(2020, 7, 1, 0, 0, 0, DateTimeKind.Utc);

        Assert.Equal(new DateTime(2020, 7, 1, 4, 30, 0), JalaliDate.ToTehranLocal(utc));
    }

    [Fact]
    public void ToTehranLocal_LocalKind_ConvertedToUtcFirst()
    {
        var utc = new DateTime(2024, 7, 2, 10, 35, 0, DateTimeKind.Utc);

        Assert.Equal(JalaliDate.ToTehranLocal(utc), JalaliDate.ToTehranLocal(utc.ToLocalTime()));
    }

    [Fact]
    public void Tehran_BaseOffset_IsThreeAndAHalfHours()
    {
        Assert.Equal(TimeSpan.FromHours(3.5), JalaliDate.Tehran.BaseUtcOffset);
    }

    [Theory]
    [InlineData("2024-07-02T20:29:59Z", 2024, 7, 2)]
    [InlineData("2024-07-02T20:30:00Z", 2024, 7, 3)]
    [InlineData("2024-07-02T00:00:00Z", 2024, 7, 2)]
    public void TodayInTehran_Instant_ReturnsTehranCalendarDay(string utcNow, int year, int month, int day)
    {
        var time = new FixedTimeProvider(DateTimeOffset.Parse(utcNow, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(new DateOnly(year, month, day), JalaliDate.TodayInTehran(time));
    }

    [Fact]
    public void PickerLeapYears_ComputedOnce_AreTheCalendarsLeapYearsFrom1300()
    {
        var years = JalaliDate.PickerLeapYears.Split(',').Select(y => int.Parse(y, System.Globalization.CultureInfo.InvariantCulture)).ToList();

        Assert.Equal(Enumerable.Range(JalaliDate.PickerFirstYear, JalaliDate.PickerYears).Where(JalaliDate.IsLeapYear), years);
        Assert.Contains(1403, years);
        Assert.DoesNotContain(1404, years);
        Assert.True(JalaliDate.TryCreate(1300, 1, 1, out var nowruz));
        Assert.Equal(nowruz.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), JalaliDate.PickerFirstNowruz);
    }
}

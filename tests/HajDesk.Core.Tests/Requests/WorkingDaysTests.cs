using CsCheck;
using HajDesk.Core.Persian;
using HajDesk.Core.Requests;

namespace HajDesk.Core.Tests.Requests;

public class WorkingDaysTests
{
    // Tehran is UTC+03:30 since 2023, so 23:59:59 Tehran is 20:29:59 UTC.
    private static readonly TimeOnly EndOfDayUtc = new(20, 29, 59);

    // 2024-07-03 is a Wednesday; times are UTC.
    [Theory]
    [InlineData("2024-07-03T06:30:00Z", 1, "2024-07-06")] // Wednesday -> Saturday
    [InlineData("2024-07-04T06:30:00Z", 1, "2024-07-06")] // Thursday -> Saturday
    [InlineData("2024-07-05T06:30:00Z", 1, "2024-07-06")] // Friday -> Saturday
    [InlineData("2024-07-06T06:30:00Z", 1, "2024-07-07")] // Saturday -> Sunday
    [InlineData("2024-07-02T06:30:00Z", 1, "2024-07-03")] // Tuesday -> Wednesday
    [InlineData("2024-07-03T06:30:00Z", 2, "2024-07-07")] // Wednesday + 2 -> Sunday
    [InlineData("2024-07-03T06:30:00Z", 5, "2024-07-10")] // Wednesday + 5 -> next Wednesday
    [InlineData("2024-07-03T06:30:00Z", 6, "2024-07-13")] // Wednesday + 6 -> Saturday after
    [InlineData("2024-07-06T06:30:00Z", 10, "2024-07-20")] // Saturday + two full weeks -> Saturday
    [InlineData("2024-07-03T06:30:00Z", 0, "2024-07-03")] // zero days -> end of the start day
    [InlineData("2024-07-05T06:30:00Z", 0, "2024-07-05")] // zero days on a Friday -> end of that Friday
    public void AddWorkingDays_Start_EndsAtEndOfNthWorkingDayInTehran(string startUtc, int days, string dueTehranDate)
    {
        var start = DateTime.Parse(startUtc, System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.AdjustToUniversal);

        var due = WorkingDays.AddWorkingDays(start, days);

        var expected = DateOnly.Parse(dueTehranDate, System.Globalization.CultureInfo.InvariantCulture)
            .ToDateTime(EndOfDayUtc, DateTimeKind.Utc);
        Assert.Equal(expected, due);
        Assert.Equal(DateTimeKind.Utc, due.Kind);
    }

    [Fact]
    public void AddWorkingDays_TuesdayEveningUtcIsWednesdayInTehran_CountsFromWednesday()
    {
        // 2024-07-02 21:00 UTC is Wednesday 2024-07-03 00:30 in Tehran.
        var start = new DateTime(2024, 7, 2, 21, 0, 0, DateTimeKind.Utc);

        var due = WorkingDays.AddWorkingDays(start, 1);

        Assert.Equal(new DateTime(2024, 7, 6, 20, 29, 59, DateTimeKind.Utc), due);
    }

    [Fact]
    public void AddWorkingDays_LastSecondOfTuesdayInTehran_CountsFromTuesday()
    {
        var start = new DateTime(2024, 7, 2, 20, 29, 59, DateTimeKind.Utc);

        var due = WorkingDays.AddWorkingDays(start, 1);

        Assert.Equal(new DateTime(2024, 7, 3, 20, 29, 59, DateTimeKind.Utc), due);
    }

    [Fact]
    public void AddWorkingDays_UnspecifiedKind_TreatedAsUtc()
    {
        var utc = new DateTime(2024, 7, 3, 6, 30, 0, DateTimeKind.Utc);

        Assert.Equal(
            WorkingDays.AddWorkingDays(utc, 3),
            WorkingDays.AddWorkingDays(DateTime.SpecifyKind(utc, DateTimeKind.Unspecified), 3));
    }

    [Fact]
    public void AddWorkingDays_DuringHistoricalDaylightSaving_UsesThatDaysOffset()
    {
        // Wednesday 2020-07-01; Tehran was UTC+04:30, so 23:59:59 Tehran on Saturday is 19:29:59 UTC.
        var start = new DateTime(2020, 7, 1, 6, 0, 0, DateTimeKind.Utc);

        Assert.Equal(new DateTime(2020, 7, 4, 19, 29, 59, DateTimeKind.Utc), WorkingDays.AddWorkingDays(start, 1));
    }

    [Fact]
    public void AddWorkingDays_NegativeDays_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            WorkingDays.AddWorkingDays(new DateTime(2024, 7, 3, 0, 0, 0, DateTimeKind.Utc), -1));
    }

    [Fact]
    public void AddWorkingDays_AnyStartAndCount_EndsOnWorkingDayAfterExactlyNWorkingDays()
    {
        var gen = Gen.Select(
            Gen.DateTime[new DateTime(2023, 1, 1), new DateTime(2030, 1, 1)],
            Gen.Int[1, 60]);

        gen.Sample((start, days) =>
        {
            start = DateTime.SpecifyKind(start, DateTimeKind.Utc);
            var due = WorkingDays.AddWorkingDays(start, days);
            var dueLocal = JalaliDate.ToTehranLocal(due);
            var startDay = DateOnly.FromDateTime(JalaliDate.ToTehranLocal(start));
            var dueDay = DateOnly.FromDateTime(dueLocal);

            Assert.Equal(new TimeOnly(23, 59, 59), TimeOnly.FromDateTime(dueLocal));
            Assert.True(WorkingDays.IsWorkingDay(dueDay));
            Assert.True(due > start);
            var counted = 0;
            for (var day = startDay.AddDays(1); day <= dueDay; day = day.AddDays(1))
            {
                if (day.DayOfWeek is not (DayOfWeek.Thursday or DayOfWeek.Friday))
                {
                    counted++;
                }
            }

            Assert.Equal(days, counted);
        }, iter: 2000);
    }

    [Fact]
    public void AddWorkingDays_FiveWorkingDays_IsAlwaysOneCalendarWeek()
    {
        Gen.DateTime[new DateTime(2023, 1, 1), new DateTime(2030, 1, 1)].Sample(start =>
        {
            start = DateTime.SpecifyKind(start, DateTimeKind.Utc);
            var startDay = DateOnly.FromDateTime(JalaliDate.ToTehranLocal(start));
            if (!WorkingDays.IsWorkingDay(startDay))
            {
                return;
            }

            var dueDay = DateOnly.FromDateTime(JalaliDate.ToTehranLocal(WorkingDays.AddWorkingDays(start, 5)));
            Assert.Equal(startDay.AddDays(7), dueDay);
        });
    }

    [Theory]
    [InlineData(DayOfWeek.Saturday, true)]
    [InlineData(DayOfWeek.Sunday, true)]
    [InlineData(DayOfWeek.Monday, true)]
    [InlineData(DayOfWeek.Tuesday, true)]
    [InlineData(DayOfWeek.Wednesday, true)]
    [InlineData(DayOfWeek.Thursday, false)]
    [InlineData(DayOfWeek.Friday, false)]
    public void IsWorkingDay_DayOfWeek_SaturdayToWednesday(DayOfWeek dayOfWeek, bool expected)
    {
        // 2024-07-06 is a Saturday.
        var day = new DateOnly(2024, 7, 6).AddDays(((int)dayOfWeek - (int)DayOfWeek.Saturday + 7) % 7);

        Assert.Equal(dayOfWeek, day.DayOfWeek);
        Assert.Equal(expected, WorkingDays.IsWorkingDay(day));
    }
}

using HajDesk.Core.Calendar;
using HajDesk.Core.Persian;
using HajDesk.Core.Requests;

namespace HajDesk.Core.Tests.Calendar;

public class WorkingCalendarTests
{
    /// <summary>A Saturday, 08:00 in Tehran.</summary>
    private static readonly DateTime SaturdayMorning = new(2026, 5, 9, 4, 30, 0, DateTimeKind.Utc);

    private static readonly DateOnly Saturday = new(2026, 5, 9);

    private static DateOnly DueDay(DateTime dueUtc) => WorkingCalendar.TehranDay(dueUtc);

    [Fact]
    public void AddWorkingDays_FourDayHolidayBlock_MovesTwoDayDeadlinePastTheBlock()
    {
        var block = Enumerable.Range(1, 4).Select(i => Saturday.AddDays(i)).ToList(); // Sunday to Wednesday
        var calendar = new WorkingCalendar(false, block);

        Assert.Equal(Saturday.AddDays(2), DueDay(WorkingCalendar.Default.AddWorkingDays(SaturdayMorning, 2)));
        // Thursday and Friday are the weekend: the next working days are the following Saturday and Sunday.
        Assert.Equal(Saturday.AddDays(8), DueDay(calendar.AddWorkingDays(SaturdayMorning, 2)));
    }

    [Fact]
    public void AddWorkingDays_ThursdayMadeWorking_ShortensDeadline()
    {
        var wednesdayMorning = SaturdayMorning.AddDays(4);
        var plain = WorkingCalendar.Default.AddWorkingDays(wednesdayMorning, 1);
        var withThursday = new WorkingCalendar(true, []).AddWorkingDays(wednesdayMorning, 1);

        Assert.Equal(Saturday.AddDays(7), DueDay(plain));
        Assert.Equal(Saturday.AddDays(5), DueDay(withThursday));
        Assert.True(withThursday < plain);
    }

    [Fact]
    public void AddWorkingDays_DefaultCalendar_AgreesWithWorkingDays()
    {
        for (var days = 0; days < 20; days++)
        {
            Assert.Equal(WorkingDays.AddWorkingDays(SaturdayMorning, days), WorkingCalendar.Default.AddWorkingDays(SaturdayMorning, days));
        }
    }

    [Fact]
    public void AddWorkingDays_Due_EndsAtLastSecondOfTehranDay()
    {
        var due = WorkingCalendar.Default.AddWorkingDays(SaturdayMorning, 1);
        Assert.Equal(new DateTime(2026, 5, 10, 20, 29, 59, DateTimeKind.Utc), due);
    }

    [Fact]
    public void IsWorkingDay_FridayAndHoliday_AreNot()
    {
        var calendar = new WorkingCalendar(true, [Saturday]);

        Assert.False(calendar.IsWorkingDay(Saturday));
        Assert.False(calendar.IsWorkingDay(Saturday.AddDays(6)));
        Assert.True(calendar.IsWorkingDay(Saturday.AddDays(5)));
        Assert.True(calendar.IsHoliday(Saturday));
    }

    [Fact]
    public void WorkingDaysBetween_Week_CountsWorkingDaysFromFirstToLastExcluded()
    {
        var calendar = new WorkingCalendar(false, [Saturday.AddDays(1)]);

        Assert.Equal(0, calendar.WorkingDaysBetween(Saturday, Saturday));
        Assert.Equal(4, calendar.WorkingDaysBetween(Saturday, Saturday.AddDays(7)));
    }

    [Fact]
    public void NextWorkingDays_FromHoliday_SkipsIt()
    {
        var calendar = new WorkingCalendar(false, [Saturday]);

        Assert.Equal([Saturday.AddDays(1), Saturday.AddDays(2), Saturday.AddDays(3)], calendar.NextWorkingDays(Saturday, 3));
    }

    [Fact]
    public void FixedHolidays_Year1405_AreTheTenSolarHolidays()
    {
        var days = FixedHolidays.Of(1405).ToList();

        Assert.Equal(10, days.Count);
        Assert.Equal(new DateOnly(2026, 3, 21), days[0].Date);
        Assert.Contains(days, d => JalaliDate.ToJalali(d.Date) == (1405, 11, 22));
        Assert.Contains(days, d => JalaliDate.ToJalali(d.Date) == (1405, 12, 29));
    }

    [Fact]
    public void Later_EarlierRecomputed_KeepsPromise()
    {
        var promised = SaturdayMorning.AddDays(5);

        Assert.Equal(promised, DeadlineRecalculation.Later(promised, promised.AddDays(-2)));
        Assert.Equal(promised.AddDays(1), DeadlineRecalculation.Later(promised, promised.AddDays(1)));
    }
}

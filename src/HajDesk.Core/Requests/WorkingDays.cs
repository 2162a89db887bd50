using HajDesk.Core.Calendar;

namespace HajDesk.Core.Requests;

/// <summary>
/// Response deadlines on the plain week (Saturday to Wednesday, no holidays): <see cref="WorkingCalendar.Default"/>.
/// The app counts with the official calendar (<see cref="WorkingCalendarStore"/>); this remains for callers that
/// have none, such as tests that build requests by hand.
/// </summary>
public static class WorkingDays
{
    /// <inheritdoc cref="WorkingCalendar.AddWorkingDays(DateTime, int)"/>
    public static DateTime AddWorkingDays(DateTime startUtc, int days) => WorkingCalendar.Default.AddWorkingDays(startUtc, days);

    /// <summary>Saturday to Wednesday; Thursday and Friday are the weekend.</summary>
    public static bool IsWorkingDay(DateOnly day) => WorkingCalendar.Default.IsWorkingDay(day);
}

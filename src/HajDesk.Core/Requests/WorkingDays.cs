using HajDesk.Core.Persian;

namespace HajDesk.Core.Requests;

/// <summary>
/// Response deadlines. Subjects promise an answer within N working days; the Iranian working week is Saturday to
/// Wednesday, and the day counts in Tehran whatever the server's time zone is. Official holidays are not modelled:
/// a deadline that falls on one is simply met a little early.
/// </summary>
public static class WorkingDays
{
    private static readonly TimeSpan EndOfDay = new(23, 59, 59);

    /// <summary>
    /// The end (23:59:59 Tehran time) of the <paramref name="days"/>-th working day after the Tehran calendar day
    /// of <paramref name="startUtc"/>; the start day itself is not counted. With 0 days, the end of the start day.
    /// </summary>
    /// <param name="startUtc">When the request was made; <see cref="DateTimeKind.Unspecified"/> is taken as UTC.</param>
    /// <param name="days">Working days to allow, zero or more.</param>
    /// <returns>The due instant in UTC.</returns>
    public static DateTime AddWorkingDays(DateTime startUtc, int days)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(days);

        var day = DateOnly.FromDateTime(JalaliDate.ToTehranLocal(startUtc));
        var remaining = days;
        while (remaining > 0)
        {
            day = day.AddDays(1);
            if (IsWorkingDay(day))
            {
                remaining--;
            }
        }

        var dueLocal = DateTime.SpecifyKind(day.ToDateTime(TimeOnly.MinValue) + EndOfDay, DateTimeKind.Unspecified);
        return TimeZoneInfo.ConvertTimeToUtc(dueLocal, JalaliDate.Tehran);
    }

    /// <summary>Saturday to Wednesday; Thursday and Friday are the weekend.</summary>
    public static bool IsWorkingDay(DateOnly day) => day.DayOfWeek is not (DayOfWeek.Thursday or DayOfWeek.Friday);
}

using HajDesk.Core.Persian;
using HajDesk.Core.Requests;
using HajDesk.Core.Staff;

namespace HajDesk.Core.Assignment;

/// <summary>Who may record whose absence, and what a valid absence is; the messages written once.</summary>
public static class AbsenceRules
{
    public const string DatesInvalid = "تاریخ آغاز و پایان غیبت را درست بنویسید، مانند ۱۴۰۵/۰۹/۱۷.";

    public const string EndBeforeStart = "پایان غیبت نمی‌تواند پیش از آغاز آن باشد.";

    public const string InThePast = "غیبتی که به پایان رسیده است ثبت نمی‌شود.";

    public const string TooLong = "غیبت حداکثر ۱۸۰ روز ثبت می‌شود.";

    public const string ColleagueInvalid = "همکار جانشین باید کارشناس یا سرپرست همان استان باشد و خود او نباشد.";

    public const string NotAllowed = "ثبت غیبت این همکار با شما نیست.";

    public const int MaxDays = 180;

    /// <summary>
    /// Whether <paramref name="actor"/> may record or remove an absence of <paramref name="staff"/>: an expert their
    /// own; a supervisor anyone of their province; an administrator anyone.
    /// </summary>
    public static bool MayManage(StaffActor actor, StaffUser staff)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(staff);
        return actor.Role switch
        {
            StaffRole.Administrator => true,
            StaffRole.Supervisor => staff.ProvinceId == actor.ProvinceId,
            _ => staff.Id == actor.Id,
        };
    }

    /// <summary>Reads and checks the typed Jalali dates (any digits); the Persian reason when they are wrong.</summary>
    public static string? TryReadDates(string? from, string? to, DateOnly today, out DateOnly start, out DateOnly end)
    {
        start = end = default;
        if (!JalaliDate.TryParse(from, out start) || !JalaliDate.TryParse(to, out end))
        {
            return DatesInvalid;
        }

        if (end < start)
        {
            return EndBeforeStart;
        }

        if (end < today)
        {
            return InThePast;
        }

        return end.DayNumber - start.DayNumber >= MaxDays ? TooLong : null;
    }
}

using HajDesk.Core.Requests;

namespace HajDesk.Web.Staff;

public static class EventKindText
{
    /// <summary>The Persian name of a timeline entry, as staff read it.</summary>
    public static string ToPersian(this RequestEventKind kind) => kind switch
    {
        RequestEventKind.Submitted => "ثبت درخواست",
        RequestEventKind.Assigned => "واگذاری",
        RequestEventKind.Answered => "پاسخ",
        RequestEventKind.InternalNote => "یادداشت داخلی",
        RequestEventKind.Referred => "ارجاع",
        RequestEventKind.Closed => "بستن",
        RequestEventKind.Reopened => "بازگشایی",
        RequestEventKind.CitizenMessage => "پیام متقاضی",
        RequestEventKind.Rated => "امتیاز متقاضی",
        RequestEventKind.Objected => "اعتراض متقاضی",
        RequestEventKind.InfoRequested => "درخواست اطلاعات از متقاضی",
        RequestEventKind.DueSoonWarning => "هشدار نزدیکی مهلت",
        RequestEventKind.OverdueAlert => "اعلام دیرکرد به سرپرستان",
        RequestEventKind.AdminAlert => "اعلام دیرکرد به مدیران",
        RequestEventKind.IncidentLinked => "پیوستن به رخداد",
        RequestEventKind.IncidentUnlinked => "جدا شدن از رخداد",
        RequestEventKind.Merged => "یکی شدن با درخواست دیگر",
        RequestEventKind.MergedIn => "درخواست تکراری در این درخواست یکی شد",
        _ => kind.ToString(),
    };
}

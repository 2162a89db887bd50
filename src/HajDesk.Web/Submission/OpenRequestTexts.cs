using HajDesk.Core.Persian;
using HajDesk.Core.Requests.Submission;

namespace HajDesk.Web.Submission;

/// <summary>What the send form's open-request step says (issue 24): a date and a masked mobile, never a code or a text.</summary>
public static class OpenRequestTexts
{
    /// <summary>The step's sentence, with «درخواست باز» and the day the earlier request was sent.</summary>
    public static string Notice(OpenRequestNotice notice)
    {
        ArgumentNullException.ThrowIfNull(notice);
        return $"شما درباره همین موضوع یک درخواست باز دارید که {OpenRequestReminders.SentOn(notice.CreatedAt)} ثبت شده و هنوز به پایان نرسیده است.";
    }

    /// <summary>The mobile stored on the earlier request, as the step shows it: ۰۹۱۲***۴۵۶۷, isolated left to right.</summary>
    public static string MaskedMobile(string mobile) => $"\u2066{PersianText.ToPersianDigits(MobileCodeTexts.Mask(mobile))}\u2069";

    public static string Reminded(string mobile) => $"کد پیگیری آن درخواست به شمارهٔ {MaskedMobile(mobile)} پیامک شد.";

    public const string TooManyReminders =
        "کد پیگیری این درخواست امروز چند بار پیامک شده است؛ پیامک‌های قبلی را ببینید یا فردا دوباره امتحان کنید.";

    public const string NoLongerOpen =
        "درخواست قبلی شما درباره این موضوع دیگر باز نیست (پاسخ داده یا بسته شده است). اگر هنوز کاری دارید، همین فرم را بفرستید.";
}

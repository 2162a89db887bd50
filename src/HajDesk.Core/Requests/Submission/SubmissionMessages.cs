using System.Globalization;
using HajDesk.Core.Persian;

namespace HajDesk.Core.Requests.Submission;

/// <summary>Every message the submission rules give, each written once.</summary>
public static class SubmissionMessages
{
    public const string NationalCodeRequired = NationalCode.RequiredMessage;
    public const string NationalCodeInvalid = NationalCode.InvalidMessage;
    public const string BirthDateIncomplete = "تاریخ تولد را کامل وارد کنید: روز، ماه و سال.";
    public const string BirthDateNotNumeric = "تاریخ تولد را با عدد وارد کنید؛ مانند ۱۲ / تیر / ۱۳۶۵.";
    public const string BirthYearTwoDigits = "سال تولد را چهاررقمی وارد کنید؛ مانند ۱۳۶۵.";
    public const string BirthDateNotInCalendar = "این تاریخ در تقویم وجود ندارد؛ روز، ماه و سال تولد را بررسی کنید.";
    public const string BirthDateInFuture = "تاریخ تولد نمی‌تواند در آینده باشد.";
    public const string BirthYearTooOld = "سال تولد درست نیست؛ سال تولد را بررسی کنید.";
    public const string ProvinceRequired = "استان را انتخاب کنید.";
    public const string ProvinceInvalid = "استان انتخاب‌شده معتبر نیست؛ یکی از استان‌های فهرست را انتخاب کنید.";
    public const string EmailInvalid = "ایمیل معتبر نیست؛ نمونه درست: name@example.com";
    public const string MobileRequired = "شماره تلفن همراه را وارد کنید.";
    public const string MobileInvalid = "شماره تلفن همراه معتبر نیست؛ یازده رقم و با ۰۹ شروع شود، مانند ۰۹۱۲۱۲۳۴۵۶۷.";
    public const string AreaCodeRequired = "پیش‌شماره تلفن ثابت را وارد کنید.";
    public const string AreaCodeInvalid = "پیش‌شماره معتبر نیست؛ پیش‌شماره یکی از استان‌ها را وارد کنید، مانند ۰۲۱.";
    public const string LandlineInvalid = "شماره تلفن ثابت معتبر نیست؛ هشت رقم بدون پیش‌شماره وارد کنید.";
    public const string SubjectRequired = "موضوع اصلی را انتخاب کنید.";
    public const string SubjectInvalid = "موضوع اصلی انتخاب‌شده معتبر نیست؛ یکی از موضوع‌های فهرست را انتخاب کنید.";
    public const string TextRequired = "متن درخواست را بنویسید.";

    public const string NotConfirmed =
        "کد ملی و تاریخ تولد در سامانه ثبت احوال با هم تأیید نشد؛ هر دو را دوباره بررسی کنید. بدون تأیید آن‌ها ارسال درخواست ممکن نیست.";

    public const string RegistryUnavailable =
        "سامانه ثبت احوال اکنون پاسخ نمی‌دهد. اطلاعات فرم نگه داشته شده است؛ چند دقیقه دیگر دوباره «استعلام» یا «ارسال» را بزنید.";

    public const string Throttled = "تعداد استعلام‌ها بیش از حد مجاز است. چند دقیقه صبر کنید و دوباره تلاش کنید.";

    public const string RequestTypeRequired = "نوع پیام را انتخاب کنید: درخواست، شکایت، انتقاد یا پیشنهاد.";

    public const string RequestTypeInvalid = "نوع پیام باید یکی از این‌ها باشد: درخواست، شکایت، انتقاد یا پیشنهاد.";

    public static string SubSubjectRequired(string subject) => $"موضوع فرعی «{subject}» را انتخاب کنید.";

    public static string SubSubjectInvalid(string subject) =>
        $"موضوع فرعی انتخاب‌شده زیرمجموعه «{subject}» نیست؛ یکی از موضوع‌های فرعی آن را انتخاب کنید.";

    public static string TextTooLong(int length) =>
        $"متن درخواست حداکثر {Digits(ServiceRequest.MaxTextLength)} نویسه است؛ اکنون {Digits(length)} نویسه است.";

    public static string AttachmentRequired(string subject) =>
        $"برای موضوع «{subject}» فرستادن مدرک لازم است؛ دست‌کم یک فایل انتخاب کنید.";

    private static string Digits(int value) => PersianText.ToPersianDigits(value.ToString(CultureInfo.InvariantCulture));
}

namespace HajDesk.Core.Requests;

/// <summary>Why a transition was refused, in the Persian the person reads; each reason written once.</summary>
public static class RequestRefusals
{
    public const string NotOpen = "این درخواست باز نیست؛ نخست آن را بازگشایی کنید.";

    public const string AlreadyYours = "این درخواست هم‌اکنون با شماست.";

    public const string CannotAssign = "واگذاری درخواست فقط با سرپرست یا مدیر سامانه است.";

    public const string ChooseAssignee = "کارشناسی از فهرست برگزینید.";

    public const string NotCovered = "این درخواست در حوزه کاری شما نیست.";

    public const string AnswerNotOpen = "به درخواست بسته یا پاسخ‌داده‌شده نمی‌توان پاسخ داد؛ نخست آن را بازگشایی کنید.";

    public const string ReferNotOpen = "فقط درخواست باز را می‌توان ارجاع داد.";

    public const string ReferTargetInvalid = "استان یا موضوع مقصد درست نیست.";

    public const string ReferSubSubjectInvalid = "زیرموضوع برگزیده از موضوع مقصد نیست.";

    public const string ReferNothingChanged = "استان یا موضوع تازه‌ای برای ارجاع برگزینید.";

    public const string AlreadyClosed = "این درخواست پیش‌تر بسته شده است.";

    public const string CannotReopen = "فقط درخواست پاسخ‌داده‌شده یا بسته را می‌توان بازگشایی کرد.";

    public const string MessageNotOpen = "این درخواست باز نیست و پیام تازه نمی‌پذیرد.";

    public const string RateBeforeAnswer = "پیش از پاسخ کارشناس نمی‌توانید امتیاز بدهید.";

    public const string AlreadyRated = "امتیاز این پاسخ پیش‌تر ثبت شده است.";

    public const string RatingOutOfRange = "امتیاز را از ۱ تا ۵ انتخاب کنید.";

    public const string AlreadyObjected = "اعتراض به این پاسخ پیش‌تر ثبت شده است.";

    public const string AlreadyWaiting = "پرسش پیشین هنوز بی‌پاسخ است؛ درخواست در انتظار پاسخ متقاضی است.";

    public const string AskNotOpen = "فقط از متقاضیِ درخواست باز می‌توان اطلاعات بیشتر خواست.";

    public const string ObjectionNotAllowed = "مهلت اعتراض به این پاسخ گذشته است یا درخواست هنوز پاسخ داده نشده است.";

    public const string NotNew = "فقط درخواست تازه‌ای که به کسی سپرده نشده به‌طور خودکار سپرده می‌شود.";

    public const string NotHeldByAbsent = "این درخواست باز نیست یا دیگر با همکار غایب نیست.";

    public const string Merged = "این درخواست تکراری بوده و با درخواست دیگری یکی شده است.";

    public const string IncidentOtherProvince = "این درخواست از استان رخداد نیست.";

    public const string IncidentOtherSubject = "موضوع این درخواست با موضوع رخداد یکی نیست.";

    public const string AlreadyInIncident = "این درخواست پیش‌تر به همین رخداد پیوسته است.";

    public const string NotInIncident = "این درخواست به رخدادی پیوسته نیست.";

    public const string MergeTargetNotFound = "درخواستی با این کد پیگیری در حوزه کاری شما نیست.";

    public const string MergeIntoItself = "درخواست را نمی‌توان با خودش یکی کرد.";

    public const string MergeOtherPerson = "فقط درخواست‌های یک کد ملی را می‌توان یکی کرد.";

    public const string MergeTargetMerged = "درخواست مقصد خود با درخواست دیگری یکی شده است؛ کد پیگیری آن را بنویسید.";
}

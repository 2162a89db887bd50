namespace HajDesk.Web.Open311;

/// <summary>
/// The API's error answers, as GeoReport v2 writes them (<c>[{code, description}]</c>, in XML
/// <c>&lt;errors&gt;&lt;error&gt;</c>), with Persian descriptions, each written once.
/// </summary>
public static class Open311Errors
{
    public const string KeyMissingOrWrong = "کلید API (پارامتر api_key یا سرآیند X-Api-Key) نیامده، نادرست یا باطل‌شده است.";
    public const string UnknownFormat = "قالب پاسخ باید json یا xml باشد؛ مانند services.json یا services.xml.";
    public const string NotFound = "چنین نشانی‌ای در API نیست؛ نشانی‌ها در discovery.json آمده است.";
    public const string RequestNotFound = "درخواستی با این شناسه (کد پیگیری) پیدا نشد.";
    public const string RequestIdInvalid = "شناسه درخواست باید کد پیگیری دوازده‌رقمی درست باشد.";
    public const string ServiceCodeRequired = "کد خدمت (service_code) را بفرستید؛ فهرست خدمت‌ها در services.json است.";
    public const string FormRequired = "بدنه درخواست باید به شکل application/x-www-form-urlencoded (یا multipart/form-data) باشد.";
    public const string FormUnreadable = "بدنه درخواست خوانده نشد؛ قالب application/x-www-form-urlencoded را بررسی کنید.";
    public const string BirthDateFormat = "تاریخ تولد (attribute[birth_date]) را خورشیدی و به شکل سال/ماه/روز بفرستید؛ مانند 1365/04/12.";
    public const string IdempotencyKeyInvalid = "سرآیند Idempotency-Key باید از ۱ تا ۲۰۰ نویسه ASCII چاپی باشد.";
    public const string DateInvalid = "تاریخ‌های start_date و end_date باید به قالب ISO 8601 و با رقم‌های لاتین باشند؛ مانند 2026-05-01T00:00:00Z.";
    public const string DateOrder = "start_date باید پیش از end_date باشد.";
    public const string DateSpan = "بازه start_date تا end_date حداکثر ۹۰ روز است.";
    public const string StatusInvalid = "status فقط open یا closed (یا هر دو، جدا با ویرگول) است.";
    public const string UpdatedInvalid = "تاریخ‌های updated_after و updated_before باید به قالب ISO 8601 و با رقم‌های لاتین باشند؛ مانند 2026-05-01T00:00:00Z.";
    public const string UpdatedOrder = "updated_after باید پیش از updated_before باشد.";
    public const string UpdatedSpan = "بازه updated_after تا updated_before حداکثر ۹۰ روز است.";
    public const string TooManyServiceCodes = "در service_code حداکثر ۱۰۰ کد خدمت، جدا با ویرگول، پذیرفته می‌شود.";
    public const string TooManyIds = "در service_request_id حداکثر ۱۰۰۰ شناسه، جدا با ویرگول، پذیرفته می‌شود.";
    public const string RateLimited = "تعداد درخواست‌های این کلید API بیش از حد مجاز است؛ یک دقیقه صبر کنید و دوباره بفرستید.";
    public const string RegistryThrottled = "استعلام‌های این کد ملی از ثبت احوال بیش از حد مجاز است؛ یک ساعت دیگر دوباره بفرستید.";
    public const string RegistryUnavailable = "سامانه ثبت احوال اکنون پاسخ نمی‌دهد و چیزی ثبت نشد؛ چند دقیقه دیگر دوباره بفرستید.";
    public const string AttachmentRequired = "این خدمت مدرک پیوست می‌خواهد و از راه API پذیرفته نمی‌شود؛ درخواست را از راه وب بفرستید.";

    public static string UnknownServiceCode(string code) =>
        $"کد خدمت «{Clip(code)}» شناخته نیست یا موضوع فرعی دارد؛ فهرست خدمت‌ها در services.json است.";

    public static string UnknownAttribute(string name) =>
        $"ویژگی «{Clip(name)}» شناخته نیست؛ ویژگی‌های هر خدمت در services/{{service_code}}.json آمده است.";

    /// <summary>One error, as the only entry of the list.</summary>
    public static IResult Result(Open311Format format, int status, string description) =>
        Result(format, status, [description]);

    /// <summary>429 with a <c>Retry-After</c> header of <paramref name="retryAfter"/> (whole seconds).</summary>
    public static IResult TooMany(HttpContext http, Open311Format format, string description, TimeSpan retryAfter)
    {
        ArgumentNullException.ThrowIfNull(http);
        http.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Result(format, StatusCodes.Status429TooManyRequests, description);
    }

    /// <summary>Several errors with the same HTTP status.</summary>
    public static IResult Result(Open311Format format, int status, IEnumerable<string> descriptions) =>
        Open311Writer.Result(format, "errors", List(status, descriptions), status);

    public static Open311List List(int status, IEnumerable<string> descriptions) =>
        new("error", [.. descriptions.Select(d => (object)new Open311Object().Set("code", status).Set("description", d))]);

    /// <summary>Echoes at most 40 characters of what the client sent, so an error never carries a huge value back.</summary>
    private static string Clip(string value) => value.Length <= 40 ? value : value[..40] + "…";
}

using System.Globalization;
using System.Text.RegularExpressions;
using HajDesk.Core.Catalogue;
using HajDesk.Core.Persian;
using HajDesk.Core.Requests.Submission;

namespace HajDesk.Core.Information;

/// <summary>What an information page's placeholders stand for on this desk, read when the page is drawn.</summary>
/// <param name="Organization">The organization's name (setting <c>Organization:Name</c>).</param>
/// <param name="ServiceName">The desk's name (setting <c>Organization:ServiceName</c>).</param>
/// <param name="HelpPhone">The telephone line that registers requests for callers (setting <c>Organization:HelpPhone</c>).</param>
/// <param name="RetentionMonths">The retention period set by the administrators; null when retention is off.</param>
public sealed record InformationFacts(string Organization, string ServiceName, string HelpPhone, int? RetentionMonths);

/// <summary>
/// The two public information pages — «بیانیه دسترس‌پذیری» and «حریم خصوصی» — their addresses, titles, default texts
/// and placeholders, and the rule for a text an administrator types. Texts are <see cref="SimpleText"/> (paragraphs
/// and «-» lists, drawn HTML-encoded: never markup). A placeholder such as <c>{RetentionPeriod}</c> is replaced when
/// the page is drawn, so a stored text keeps telling the truth when the retention period or the phone line changes.
/// </summary>
public static partial class InformationTexts
{
    public const string Accessibility = "accessibility";

    public const string Privacy = "privacy";

    public static IReadOnlyList<string> Keys { get; } = [Accessibility, Privacy];

    public static class Placeholders
    {
        public const string Organization = "Organization";

        public const string ServiceName = "ServiceName";

        /// <summary>The phone line, in Persian digits.</summary>
        public const string HelpPhone = "HelpPhone";

        /// <summary>A whole sentence or two: how long requests are kept, or that no period is set.</summary>
        public const string RetentionPeriod = "RetentionPeriod";
    }

    public static IReadOnlyList<string> AllowedPlaceholders { get; } =
        [Placeholders.Organization, Placeholders.ServiceName, Placeholders.HelpPhone, Placeholders.RetentionPeriod];

    public static bool IsKey(string? key) => key is Accessibility or Privacy;

    /// <summary>The page's Persian title (its heading and footer link).</summary>
    public static string Title(string key) => key switch
    {
        Accessibility => "بیانیه دسترس‌پذیری",
        Privacy => "حریم خصوصی",
        _ => throw new ArgumentOutOfRangeException(nameof(key), key, "Not an information page."),
    };

    /// <summary>The public address: <c>/accessibility</c> or <c>/privacy</c>.</summary>
    public static string Path(string key) => IsKey(key) ? "/" + key : throw new ArgumentOutOfRangeException(nameof(key), key, "Not an information page.");

    /// <summary>The built-in text, with placeholders, shown while no administrator has replaced it.</summary>
    public static string Default(string key) => key switch
    {
        Accessibility => DefaultAccessibility,
        Privacy => DefaultPrivacy,
        _ => throw new ArgumentOutOfRangeException(nameof(key), key, "Not an information page."),
    };

    /// <summary>The text as readers get it: the stored text (or the default) with every known placeholder filled in.</summary>
    public static string Render(string key, string? stored, InformationFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [Placeholders.Organization] = facts.Organization,
            [Placeholders.ServiceName] = facts.ServiceName,
            [Placeholders.HelpPhone] = PersianText.ToPersianDigits(facts.HelpPhone),
            [Placeholders.RetentionPeriod] = RetentionSentence(facts.RetentionMonths),
        };
        return PlaceholderPattern().Replace(stored ?? Default(key), m => values.TryGetValue(m.Groups[1].Value, out var value) ? value : m.Value);
    }

    /// <summary>What <c>{RetentionPeriod}</c> says for a period (null: retention is off).</summary>
    public static string RetentionSentence(int? months) => months is { } m
        ? $"هر درخواست تا {Digits(m)} ماه پس از بسته شدن نگهداری می‌شود. پس از آن، پرونده‌های پیوست آن پاک می‌شود و کد ملی، "
          + "نام و نام خانوادگی، تاریخ تولد، شماره‌های تلفن، رایانامه و همه متن‌های آن (درخواست، پیام‌ها و پاسخ‌ها) برداشته "
          + "می‌شود؛ تنها موضوع، استان، تاریخ‌ها، وضعیت، شیوه دریافت و امتیاز، بی هیچ داده شخصی، برای آمار می‌ماند. درخواستی "
          + "که هنوز بسته نشده است تا پایان رسیدگی نگهداری می‌شود."
        : "اکنون دوره نگهداری تعیین نشده است: درخواست‌ها، پرونده‌های پیوست و داده‌های شخصی همراه آن‌ها خودکار پاک نمی‌شوند و "
          + "نگهداری می‌شوند تا مدیران سامانه دوره‌ای برای آن تعیین کنند. هر دوره‌ای که تعیین شود، همین‌جا نوشته می‌شود.";

    /// <summary>
    /// Checks a text an administrator typed: normalized (Persian letters, line breaks kept), required, at most
    /// <see cref="InformationPage.MaxTextLength"/> characters, only known placeholders. Returns the text to store.
    /// </summary>
    public static string Check(string? typed, FieldErrors errors, string field)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var text = CatalogueRules.CheckRequired(typed, "متن صفحه", InformationPage.MaxTextLength, errors, field);
        if (errors.Contains(field))
        {
            return text;
        }

        var unknown = PlaceholderPattern().Matches(text).Select(m => m.Groups[1].Value)
            .Where(p => !AllowedPlaceholders.Contains(p)).Distinct(StringComparer.Ordinal).Take(5).ToList();
        if (unknown.Count > 0)
        {
            errors.Add(field, $"{string.Join("، ", unknown.Select(p => "{" + p + "}"))} شناخته نیست؛ جای‌نگهدارهای مجاز: "
                              + string.Join("، ", AllowedPlaceholders.Select(p => "{" + p + "}")) + ".");
        }

        return text;
    }

    private static string Digits(int value) => PersianText.ToPersianDigits(value.ToString(CultureInfo.InvariantCulture));

    [GeneratedRegex(@"\{([A-Za-z]{1,40})\}", RegexOptions.CultureInvariant)]
    private static partial Regex PlaceholderPattern();

    private const string DefaultAccessibility = """
        {ServiceName} {Organization} برای همه شهروندان است؛ از جمله کسانی که با صفحه‌خوان، تنها با صفحه‌کلید، با بزرگ‌نمایی صفحه یا با گوشی ساده و اینترنت کند کار می‌کنند. می‌کوشیم همه صفحه‌ها با رهنمود دسترس‌پذیری محتوای وب (WCAG 2.2) در سطح AA سازگار باشد.

        آنچه انجام داده‌ایم:
        - همه فرم‌ها بی‌جاوااسکریپت و روی گوشی کار می‌کند و در آغاز هر صفحه پیوند «پرش به محتوای اصلی» هست.
        - همه بخش‌ها با صفحه‌کلید در دسترس است و هر خانه فرم برچسب دارد.
        - خطاها به فارسی، هم بالای فرم و هم کنار همان خانه نوشته می‌شود و آنچه نوشته‌اید پاک نمی‌شود.
        - کد امنیتی را افزون بر تصویر، می‌توانید بشنوید.
        - عددها را با رقم‌های فارسی، عربی یا لاتین بنویسید؛ همه پذیرفته می‌شود.
        - هر نمودار آمار، جدولی با همان عددها در کنار خود دارد.
        - صفحه‌ها در هر تغییر، در پهنای گوشی و رایانه، با ابزار خودکار axe و بررسی‌کننده HTML آزموده می‌شود.

        اگر نمی‌توانید از فرم استفاده کنید:
        با تلفن {HelpPhone} تماس بگیرید. کارشناس درخواست شما را به جای شما در همین میز خدمت ثبت می‌کند و کد پیگیری با پیامک برایتان فرستاده می‌شود. می‌توانید به دفتر حج و زیارت استان خود هم بروید یا نامه بنویسید؛ درخواست‌های حضوری و نامه‌ها نیز در همین سامانه ثبت و پاسخ داده می‌شود.

        اگر بخشی از این سامانه برای شما کار نمی‌کند، همان بخش و مشکل را با تلفن {HelpPhone} یا با فرستادن یک درخواست به ما بگویید تا آن را درست کنیم.
        """;

    private const string DefaultPrivacy = """
        {ServiceName} {Organization} تنها آنچه را که برای رسیدگی به درخواست شما لازم است نگه می‌دارد و آن را برای کار دیگری به کار نمی‌برد.

        آنچه نگه می‌داریم:
        - کد ملی و تاریخ تولد شما، و نام و نام خانوادگی که با همین دو از سامانه ثبت احوال خوانده می‌شود؛
        - شماره تلفن همراه، و اگر بنویسید تلفن ثابت و رایانامه، برای فرستادن کد پیگیری و خبر پاسخ؛
        - متن درخواست، پیام‌های بعدی شما و پاسخ‌های کارشناسان؛
        - پرونده‌هایی که پیوست می‌کنید؛
        - امتیاز و نظر شما در نظرسنجی، اگر پاسخ دهید.

        چه کسی آن را می‌بیند:
        - کارشناسان و سرپرستان حج و زیارت استانی که در فرم برگزیده‌اید، و اگر درخواست به استان دیگری فرستاده شود، کارشناسان همان استان؛
        - مدیران سامانه.
        هر بار که یکی از کارکنان درخواستی را می‌بیند یا پرونده‌ای از آن برمی‌دارد، با نام او ثبت می‌شود. کد ملی و تاریخ تولد تنها برای شناسایی شما به ثبت احوال فرستاده می‌شود و شماره همراه تنها برای رساندن پیامک به سامانه پیامک. آمار عمومی هیچ داده شخصی ندارد.

        چه مدت نگه می‌داریم:
        {RetentionPeriod}

        پیگیری درخواست با کد ملی و کد پیگیری است؛ کد پیگیری را به دیگران ندهید.

        برای پرسش درباره داده‌های خود، یا اگر نمی‌توانید از فرم استفاده کنید، با تلفن {HelpPhone} تماس بگیرید.
        """;
}

using System.Collections.Frozen;
using System.Text;
using System.Text.RegularExpressions;
using HajDesk.Core.Notifications;
using HajDesk.Core.Persian;

namespace HajDesk.Web.Notifications;

/// <summary>The template keys, the placeholders each may use, and the Persian texts seeded at start-up.</summary>
public static partial class MessageTemplates
{
    public const string RequestReceived = "request.received";

    public const string RequestAnswered = "request.answered";

    public const string RequestReferred = "request.referred";

    public const string RequestReopened = "request.reopened";

    public const string StaffNewRequest = "staff.new-request";

    public const string RequestInfoRequested = "request.info-requested";

    /// <summary>Escalation: to the assigned expert, the deadline is near.</summary>
    public const string StaffDueSoon = "staff.due-soon";

    /// <summary>Escalation: to the province's supervisors, the deadline has passed.</summary>
    public const string StaffOverdue = "staff.overdue";

    /// <summary>Escalation: to the administrators, still overdue some working days later.</summary>
    public const string StaffOverdueAdministrators = "staff.overdue-admin";

    /// <summary>The daily digest of a province's overdue requests, to its supervisors.</summary>
    public const string StaffOverdueDigest = "staff.overdue-digest";

    public const string SurveyInvite = "survey.invite";

    public static class Placeholders
    {
        public const string FirstName = "FirstName";

        public const string TrackingCode = "TrackingCode";

        public const string FollowUpUrl = "FollowUpUrl";

        public const string Organization = "Organization";

        public const string ServiceName = "ServiceName";

        public const string ProvinceName = "ProvinceName";

        public const string StaffUrl = "StaffUrl";

        public const string DueDate = "DueDate";

        public const string OverdueCount = "OverdueCount";

        public const string TrackingCodes = "TrackingCodes";

        /// <summary>The one-time link to the satisfaction survey (only in <see cref="SurveyInvite"/>).</summary>
        public const string SurveyUrl = "SurveyUrl";
    }

    /// <summary>The most UCS-2 characters an SMS template may render to: two concatenated segments of 67.</summary>
    public const int MaxSmsLength = 134;

    private static readonly string[] CitizenPlaceholders =
    [
        Placeholders.FirstName, Placeholders.TrackingCode, Placeholders.FollowUpUrl, Placeholders.Organization,
        Placeholders.ServiceName,
    ];

    private static readonly string[] SurveyPlaceholders = [.. CitizenPlaceholders, Placeholders.SurveyUrl];

    private static readonly string[] StaffPlaceholders =
    [
        Placeholders.TrackingCode, Placeholders.ProvinceName, Placeholders.StaffUrl, Placeholders.Organization,
        Placeholders.ServiceName,
    ];

    private static readonly string[] EscalationPlaceholders = [.. StaffPlaceholders, Placeholders.DueDate];

    private static readonly string[] DigestPlaceholders =
    [
        Placeholders.ProvinceName, Placeholders.StaffUrl, Placeholders.Organization, Placeholders.ServiceName,
        Placeholders.OverdueCount, Placeholders.TrackingCodes,
    ];

    /// <summary>Every key, in the order administrators see them.</summary>
    public static IReadOnlyList<string> Keys { get; } =
    [
        RequestReceived, RequestAnswered, RequestReferred, RequestReopened, RequestInfoRequested, SurveyInvite, StaffNewRequest,
        StaffDueSoon, StaffOverdue, StaffOverdueAdministrators, StaffOverdueDigest,
    ];

    /// <summary>The placeholders a template may use; any other <c>{Name}</c> is refused when the template is saved.</summary>
    public static IReadOnlyList<string> PlaceholdersOf(string key) => key switch
    {
        StaffNewRequest => StaffPlaceholders,
        StaffDueSoon or StaffOverdue or StaffOverdueAdministrators => EscalationPlaceholders,
        StaffOverdueDigest => DigestPlaceholders,
        SurveyInvite => SurveyPlaceholders,
        _ => CitizenPlaceholders,
    };

    /// <summary>The texts seeded when a key is missing; administrators may change them later.</summary>
    public static FrozenDictionary<string, MessageTemplate> Defaults { get; } = new MessageTemplate[]
    {
        new()
        {
            Key = RequestReceived,
            SmsText = "{FirstName} گرامی، درخواست شما ثبت شد.\nکد پیگیری: {TrackingCode}\nپیگیری: {FollowUpUrl}\n{Organization}",
            EmailSubject = "درخواست شما ثبت شد — کد پیگیری {TrackingCode}",
            EmailText = """
                {FirstName} گرامی،

                درخواست شما در {ServiceName} {Organization} ثبت شد.
                کد پیگیری: {TrackingCode}

                این کد را نگه دارید. برای دیدن وضعیت و پاسخ درخواست، به نشانی زیر بروید و کد ملی خود و همین کد پیگیری را وارد کنید:
                {FollowUpUrl}

                هر خبر تازه‌ای درباره این درخواست با پیامک و ایمیل به شما اطلاع داده می‌شود.

                این پیام خودکار است؛ لطفاً به آن پاسخ ندهید.
                {Organization}
                """,
        },
        new()
        {
            Key = RequestAnswered,
            SmsText = "{FirstName} گرامی، به درخواست {TrackingCode} پاسخ داده شد.\nدیدن پاسخ: {FollowUpUrl}\n{Organization}",
            EmailSubject = "پاسخ درخواست {TrackingCode}",
            EmailText = """
                {FirstName} گرامی،

                کارشناس {Organization} به درخواست شما با کد پیگیری {TrackingCode} پاسخ داد.

                برای خواندن پاسخ، به نشانی زیر بروید و کد ملی خود و کد پیگیری را وارد کنید:
                {FollowUpUrl}

                اگر پاسخ کافی نبود، در همان صفحه می‌توانید اعتراض خود را ثبت کنید.

                این پیام خودکار است؛ لطفاً به آن پاسخ ندهید.
                {Organization}
                """,
        },
        new()
        {
            Key = RequestReferred,
            SmsText = "{FirstName} گرامی، درخواست {TrackingCode} برای رسیدگی ارجاع شد.\nپیگیری: {FollowUpUrl}\n{Organization}",
            EmailSubject = "ارجاع درخواست {TrackingCode}",
            EmailText = """
                {FirstName} گرامی،

                درخواست شما با کد پیگیری {TrackingCode} برای رسیدگی به بخش دیگری از {Organization} ارجاع شد.

                برای دیدن وضعیت درخواست، به نشانی زیر بروید و کد ملی خود و کد پیگیری را وارد کنید:
                {FollowUpUrl}

                این پیام خودکار است؛ لطفاً به آن پاسخ ندهید.
                {Organization}
                """,
        },
        new()
        {
            Key = RequestReopened,
            SmsText = "{FirstName} گرامی، درخواست {TrackingCode} دوباره باز شد.\nپیگیری: {FollowUpUrl}\n{Organization}",
            EmailSubject = "بازگشایی درخواست {TrackingCode}",
            EmailText = """
                {FirstName} گرامی،

                درخواست شما با کد پیگیری {TrackingCode} دوباره برای بررسی کارشناس باز شد.

                برای دیدن وضعیت درخواست، به نشانی زیر بروید و کد ملی خود و کد پیگیری را وارد کنید:
                {FollowUpUrl}

                این پیام خودکار است؛ لطفاً به آن پاسخ ندهید.
                {Organization}
                """,
        },
        new()
        {
            Key = SurveyInvite,
            SmsText = "نظر شما درباره رسیدگی به درخواست {TrackingCode}:\n{SurveyUrl}\n{Organization}",
            EmailSubject = "نظرسنجی درباره درخواست {TrackingCode}",
            EmailText = """
                {FirstName} گرامی،

                رسیدگی به درخواست شما با کد پیگیری {TrackingCode} به پایان رسید. نظر شما به ما کمک می‌کند
                خدمت را بهتر کنیم؛ پاسخ به پنج پرسش کوتاه کمتر از یک دقیقه وقت می‌گیرد:
                {SurveyUrl}

                این پیوند فقط برای شماست، یک بار پذیرفته می‌شود و تا سی روز معتبر است.
                {Organization}
                """,
        },
        new()
        {
            Key = StaffNewRequest,
            SmsText = "درخواست تازه {TrackingCode} در استان {ProvinceName} ثبت شد.\n{StaffUrl}",
            EmailSubject = "درخواست تازه در استان {ProvinceName} — {TrackingCode}",
            EmailText = """
                همکار گرامی،

                درخواست تازه‌ای با کد پیگیری {TrackingCode} در {ServiceName} برای استان {ProvinceName} ثبت شد.

                برای دیدن و رسیدگی به آن، به میز کار کارشناسان بروید:
                {StaffUrl}

                این پیام خودکار است؛ لطفاً به آن پاسخ ندهید.
                {Organization}
                """,
        },
        new()
        {
            Key = RequestInfoRequested,
            SmsText = "{FirstName} گرامی، درخواست {TrackingCode} اطلاعات بیشتری لازم دارد.\nپیگیری: {FollowUpUrl}\n{Organization}",
            EmailSubject = "درخواست اطلاعات بیشتر — {TrackingCode}",
            EmailText = """
                {FirstName} گرامی،

                کارشناس {Organization} برای رسیدگی به درخواست شما با کد پیگیری {TrackingCode} اطلاعات یا مدرک بیشتری خواسته است.

                برای خواندن پرسش و فرستادن پاسخ، به نشانی زیر بروید و کد ملی خود و کد پیگیری را وارد کنید:
                {FollowUpUrl}

                تا پاسخ شما برسد، مهلت رسیدگی شمرده نمی‌شود.

                این پیام خودکار است؛ لطفاً به آن پاسخ ندهید.
                {Organization}
                """,
        },
        new()
        {
            Key = StaffDueSoon,
            SmsText = "مهلت پاسخ درخواست {TrackingCode} نزدیک است: {DueDate}.\n{StaffUrl}",
            EmailSubject = "مهلت پاسخ نزدیک است — {TrackingCode}",
            EmailText = """
                همکار گرامی،

                مهلت پاسخ درخواست {TrackingCode} که با شماست، {DueDate} به پایان می‌رسد.

                {StaffUrl}

                این پیام خودکار است؛ لطفاً به آن پاسخ ندهید.
                {Organization}
                """,
        },
        new()
        {
            Key = StaffOverdue,
            SmsText = "مهلت پاسخ درخواست {TrackingCode} در استان {ProvinceName} گذشت.\n{StaffUrl}",
            EmailSubject = "دیرکرد درخواست {TrackingCode} — استان {ProvinceName}",
            EmailText = """
                همکار گرامی،

                مهلت پاسخ درخواست {TrackingCode} در استان {ProvinceName} ({DueDate}) گذشته است و هنوز پاسخی داده نشده است.

                {StaffUrl}

                این پیام خودکار است؛ لطفاً به آن پاسخ ندهید.
                {Organization}
                """,
        },
        new()
        {
            Key = StaffOverdueAdministrators,
            SmsText = "درخواست {TrackingCode} در استان {ProvinceName} همچنان دیرکرد دارد.\n{StaffUrl}",
            EmailSubject = "دیرکرد ادامه‌دار درخواست {TrackingCode} — استان {ProvinceName}",
            EmailText = """
                مدیر گرامی،

                مهلت پاسخ درخواست {TrackingCode} در استان {ProvinceName} ({DueDate}) گذشته است و چند روز کاری پس از آن هم پاسخی داده نشده است.

                {StaffUrl}

                این پیام خودکار است؛ لطفاً به آن پاسخ ندهید.
                {Organization}
                """,
        },
        new()
        {
            Key = StaffOverdueDigest,
            SmsText = "{OverdueCount} درخواست استان {ProvinceName} دیرکرد دارد.\n{StaffUrl}",
            EmailSubject = "گزارش روزانه دیرکرد — استان {ProvinceName}",
            EmailText = """
                همکار گرامی،

                {OverdueCount} درخواست استان {ProvinceName} از مهلت پاسخ گذشته است. کدهای پیگیری:
                {TrackingCodes}

                {StaffUrl}

                این پیام خودکار است؛ لطفاً به آن پاسخ ندهید.
                {Organization}
                """,
        },
    }.ToFrozenDictionary(t => t.Key, StringComparer.Ordinal);

    /// <summary>
    /// A tracking code as citizens read it: Persian digits in groups of four joined by no-break spaces. A no-break
    /// space is a number separator for the bidi algorithm, so the groups stay in order inside right-to-left text
    /// (with plain spaces a phone would show them reversed), and the follow-up form accepts the code pasted back.
    /// </summary>
    public static string FormatTrackingCode(string trackingCode) =>
        IdentifierDigits.TrackingCode(trackingCode, IdentifierReader.Citizen).Replace(' ', '\u00A0');

    /// <summary>Replaces each <c>{Name}</c> with its value; unknown names are left as written.</summary>
    public static string Render(string template, IReadOnlyDictionary<string, string> values) =>
        PlaceholderPattern().Replace(template, m => values.TryGetValue(m.Groups[1].Value, out var value) ? value : m.Value);

    /// <summary>
    /// An e-mail of <paramref name="template"/>: its subject on one line (at most 300 characters), its text, and its HTML
    /// part under <paramref name="heading"/>. What the citizens' and the staff's e-mails share.
    /// </summary>
    public static (string Subject, string Text, string Html) RenderEmail(MessageTemplate template, IReadOnlyDictionary<string, string> values, string heading)
    {
        ArgumentNullException.ThrowIfNull(template);
        var subject = Render(template.EmailSubject, values).ReplaceLineEndings(" ").Trim();
        if (subject.Length > 300)
        {
            subject = subject[..300];
        }

        return (subject, Render(template.EmailText, values), RenderHtml(template.EmailText, values, subject, heading));
    }

    /// <summary>The placeholder names a template uses, each once, in order.</summary>
    public static IReadOnlyList<string> PlaceholdersIn(string template) =>
        PlaceholderPattern().Matches(template).Select(m => m.Groups[1].Value).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>
    /// The SMS segments a text takes: GSM-7 text fits 160 characters in one segment and 153 per segment beyond;
    /// anything else (every Persian text) is sent as UCS-2: 70 in one, 67 per segment beyond.
    /// </summary>
    public static int SmsSegments(string text)
    {
        if (text.Length == 0)
        {
            return 1;
        }

        var gsm = text.All(c => c is '\n' or '\r' || (c >= ' ' && c <= '~' && c is not ('`' or '^' or '{' or '}' or '[' or ']' or '~' or '\\' or '|')));
        var (single, multi) = gsm ? (160, 153) : (70, 67);
        return text.Length <= single ? 1 : (text.Length + multi - 1) / multi;
    }

    /// <summary>
    /// The message's HTML part: a right-to-left Persian page. Every placeholder value and every bit of template text is
    /// HTML-encoded; addresses become links and the tracking code is isolated left-to-right. Blank lines separate
    /// paragraphs, single line breaks become <c>&lt;br&gt;</c>.
    /// </summary>
    public static string RenderHtml(string template, IReadOnlyDictionary<string, string> values, string subject, string heading)
    {
        var body = new StringBuilder();
        var last = 0;
        foreach (Match m in PlaceholderPattern().Matches(template))
        {
            AppendText(body, template[last..m.Index]);
            var name = m.Groups[1].Value;
            if (!values.TryGetValue(name, out var value))
            {
                AppendText(body, m.Value);
            }
            else if (name is Placeholders.FollowUpUrl or Placeholders.StaffUrl)
            {
                var encoded = Encode(value);
                body.Append("<a href=\"").Append(encoded).Append("\" dir=\"ltr\" style=\"color:#0b5c46\">").Append(encoded).Append("</a>");
            }
            else if (name == Placeholders.TrackingCode)
            {
                body.Append("<bdi dir=\"ltr\" style=\"font-weight:bold\">").Append(Encode(value)).Append("</bdi>");
            }
            else
            {
                AppendText(body, value);
            }

            last = m.Index + m.Length;
        }

        AppendText(body, template[last..]);

        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html dir=\"rtl\" lang=\"fa\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>").Append(Encode(subject)).Append("</title>\n</head>\n")
            .Append("<body style=\"margin:0;padding:24px 12px;background:#f4f6f5;direction:rtl;text-align:right;")
            .Append("font-family:Vazirmatn,Tahoma,'Segoe UI',Arial,sans-serif;font-size:15px;line-height:1.9;color:#1f2a26\">\n")
            .Append("<div style=\"max-width:600px;margin:0 auto;background:#ffffff;border-radius:8px;padding:24px;border-top:4px solid #0b5c46\">\n")
            .Append("<p style=\"margin:0 0 16px;font-weight:bold;color:#0b5c46\">").Append(Encode(heading)).Append("</p>\n");
        var paragraphs = body.ToString().Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (var paragraph in paragraphs)
        {
            html.Append("<p style=\"margin:0 0 12px\">")
                .Append(string.Join("<br>\n", paragraph.Split('\n', StringSplitOptions.TrimEntries)))
                .Append("</p>\n");
        }

        html.Append("</div>\n</body>\n</html>\n");
        return html.ToString();

        static void AppendText(StringBuilder builder, string text) => builder.Append(Encode(text.Replace("\r\n", "\n", StringComparison.Ordinal)));
    }

    /// <summary>
    /// Escapes the five characters that matter in HTML text and quoted attributes; everything else (Persian letters,
    /// the no-break spaces of a tracking code) stays readable.
    /// </summary>
    private static string Encode(string text)
    {
        var builder = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            builder.Append(c switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                '\'' => "&#39;",
                _ => c.ToString(),
            });
        }

        return builder.ToString();
    }

    [GeneratedRegex(@"\{([A-Za-z]+)\}", RegexOptions.CultureInvariant)]
    private static partial Regex PlaceholderPattern();
}

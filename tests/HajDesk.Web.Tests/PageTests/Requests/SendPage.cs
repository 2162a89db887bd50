using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using HajDesk.Web.Tests.Infrastructure;

namespace HajDesk.Web.Tests.PageTests.Requests;

/// <summary>Drives the send-request form the way a citizen's browser does.</summary>
public sealed class SendPage(HttpClient client)
{
    /// <summary>The demo registry's first person.</summary>
    public const string NationalCode = "0499370899";

    public IDocument Document { get; private set; } = null!;

    public IHtmlFormElement Form => Document.Form("#send-form");

    public static async Task<SendPage> OpenAsync(HttpClient client)
    {
        var page = new SendPage(client);
        page.Document = await client.GetDocumentAsync("/requests/send");
        return page;
    }

    public string OptionValue(string selectId, string text) =>
        Document.QuerySelectorAll<IHtmlOptionElement>($"#{selectId} option").First(o => o.TextContent.Trim() == text).Value;

    /// <summary>A complete, valid form for the demo person, Tehran, «سایر» (no sub-subjects); override any field.</summary>
    public Dictionary<string, string?> ValidValues(IDictionary<string, string?>? overrides = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["Input.BirthDay"] = "12",
            ["Input.BirthMonth"] = "4",
            ["Input.BirthYear"] = "1365",
            ["Input.NationalCode"] = NationalCode,
            ["Input.ProvinceId"] = OptionValue("Input_ProvinceId", "تهران"),
            ["Input.Mobile"] = "09121234567",
            ["Input.Email"] = "",
            ["Input.LandlineAreaCode"] = "",
            ["Input.LandlineNumber"] = "",
            ["Input.SubjectId"] = OptionValue("Input_SubjectId", "سایر"),
            ["Input.SubSubjectId"] = "",
            ["Input.RequestType"] = "Request",
            ["Input.Text"] = "برای ثبت‌نام عمره راهنمایی می‌خواهم.",
            ["CaptchaAnswer"] = HajDeskFactory.TestCaptchaCode,
        };
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        return values;
    }

    /// <summary>Posts the form (optionally through a button's handler) and keeps the re-rendered page.</summary>
    public async Task<HttpResponseMessage> PostAsync(IDictionary<string, string?> values,
        IEnumerable<(string Name, byte[] Data, string ContentType)>? files = null, string? handler = null, string? action = null)
    {
        var response = await client.SubmitMultipartAsync(Form, values, files,
            action ?? (handler is null ? "/requests/send" : $"/requests/send?handler={handler}"));
        if (response.StatusCode != System.Net.HttpStatusCode.Redirect && response.Content.Headers.ContentType?.MediaType == "text/html")
        {
            Document = await Html.ParseAsync(response);
        }

        return response;
    }

    /// <summary>The code step's form («کد تأیید»), shown instead of the send form when the mobile must be verified.</summary>
    public IHtmlFormElement CodeForm => Document.Form("#code-form");

    /// <summary>Posts the code step with <paramref name="code"/> (or one of its buttons' handlers) and keeps the page shown.</summary>
    public async Task<HttpResponseMessage> PostCodeAsync(string? code, string handler = "Verify", IDictionary<string, string?>? more = null)
    {
        var values = new Dictionary<string, string?> { ["VerificationCode"] = code };
        foreach (var (key, value) in more ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var response = await client.PostAsync($"/requests/send?handler={handler}", new FormUrlEncodedContent(
            Html.FormValues(CodeForm, values)));
        if (response.StatusCode != System.Net.HttpStatusCode.Redirect && response.Content.Headers.ContentType?.MediaType == "text/html")
        {
            Document = await Html.ParseAsync(response);
        }

        return response;
    }

    /// <summary>The open-request step's form (issue 24), shown instead of the send form when the person has an open request on the subject.</summary>
    public IHtmlFormElement OpenRequestForm => Document.Form("#open-request-form");

    /// <summary>Posts the open-request step through one of its buttons' handlers (Remind, SendNew, Edit) and keeps the page shown.</summary>
    public async Task<HttpResponseMessage> PostOpenRequestStepAsync(string handler)
    {
        var response = await client.PostAsync($"/requests/send?handler={handler}", new FormUrlEncodedContent(
            Html.FormValues(OpenRequestForm, new Dictionary<string, string?>())));
        if (response.StatusCode != System.Net.HttpStatusCode.Redirect && response.Content.Headers.ContentType?.MediaType == "text/html")
        {
            Document = await Html.ParseAsync(response);
        }

        return response;
    }

    /// <summary>
    /// The last one-time code the recording SMS sender kept for <paramref name="mobile"/> (the SMS has it in Persian
    /// digits), as ASCII digits; null when none was sent.
    /// </summary>
    public static async Task<string?> LastCodeAsync(HajDeskFactory app, string mobile = "09121234567") =>
        CodeIn(await app.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.FirstOrDefaultAsync(
            db.RecordedMessages.Where(m => m.Recipient == mobile && m.Body.StartsWith("کد تأیید")).OrderByDescending(m => m.Id).Select(m => m.Body))));

    /// <summary>The six digits of a code SMS.</summary>
    public static string? CodeIn(string? body) =>
        body is null ? null : System.Text.RegularExpressions.Regex.Match(Core.Persian.PersianText.ToAsciiDigits(body), "[0-9]{6}").Value;

    /// <summary>Completes the code step as a citizen does: reads the code from the recorded SMS and types it.</summary>
    public async Task<HttpResponseMessage> VerifyFromSmsAsync(HajDeskFactory app, string mobile = "09121234567") =>
        await PostCodeAsync(await LastCodeAsync(app, mobile));

    public string? FieldError(string fieldId) => Document.GetElementById($"{fieldId}-error")?.TextContent.Trim();

    public IReadOnlyList<string> SummaryErrors =>
        Document.QuerySelectorAll(".error-summary li").Select(li => li.TextContent.Trim()).ToList();
}

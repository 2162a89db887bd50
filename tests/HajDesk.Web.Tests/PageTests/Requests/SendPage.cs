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

    public string? FieldError(string fieldId) => Document.GetElementById($"{fieldId}-error")?.TextContent.Trim();

    public IReadOnlyList<string> SummaryErrors =>
        Document.QuerySelectorAll(".error-summary li").Select(li => li.TextContent.Trim()).ToList();
}

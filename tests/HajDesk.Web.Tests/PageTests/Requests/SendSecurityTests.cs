using System.Net;
using System.Text;
using AngleSharp.Dom;
using HajDesk.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace HajDesk.Web.Tests.PageTests.Requests;

/// <summary>Findings 3 (names from the registry without a security code) and 4 (uploads keep dangerous extensions).</summary>
public class SendSecurityTests
{
    private static readonly byte[] PdfPolyglot = Encoding.ASCII.GetBytes("%PDF-1.7\n<html><script>alert(document.cookie)</script></html>\n");

    [Fact]
    public async Task Post_PdfPolyglotNamedHtml_IsStoredAndServedAsPdf()
    {
        await using var app = await HajDeskFactory.CreateAsync();
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var page = await SendPage.OpenAsync(client);

        var sent = await page.PostAsync(page.ValidValues(), [("invoice.pdf.html", PdfPolyglot, "text/html")]);

        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        var trackingCode = await app.WithDbAsync(db => db.Requests.Select(r => r.TrackingCode).SingleAsync());
        Assert.Equal("invoice.pdf", await app.WithDbAsync(db => db.Attachments.Select(a => a.FileName).SingleAsync()));

        var track = (await client.GetDocumentAsync("/requests/track")).Form("#track-form");
        var result = await Html.ParseAsync(await client.SubmitAsync(track, new Dictionary<string, string?>
        {
            ["NationalCode"] = SendPage.NationalCode,
            ["TrackingCode"] = trackingCode,
            ["CaptchaAnswer"] = HajDeskFactory.TestCaptchaCode,
        }));
        var followUp = result.QuerySelector("a[href*='handler=File']") is null
            ? await client.GetDocumentAsync("/requests/track/result")
            : result;
        var link = followUp.QuerySelectorAll("a").First(a => a.TextContent.Contains("invoice", StringComparison.Ordinal)).GetAttribute("href")!;
        var download = await client.GetAsync(link);

        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        var disposition = download.Content.Headers.ContentDisposition!;
        Assert.Equal("invoice.pdf", disposition.FileNameStar ?? disposition.FileName!.Trim('"'));
        Assert.Equal("application/pdf", download.Content.Headers.ContentType!.MediaType);
    }

    [Theory]
    // A NUL byte in the name is covered by UploadFileNameTests: HttpClient refuses to send one in a header.
    [InlineData("report.pdf.exe", "report.pdf")]
    [InlineData("../../etc/passwd.pdf", "passwd.pdf")]
    [InlineData("C:\\Users\\x\\نامه.pdf", "نامه.pdf")]
    [InlineData("invoice\u202Efdp.exe", "invoicefdp.pdf")]
    public async Task Post_DangerousFileName_IsStoredUnderACleanNameEndingInItsType(string name, string expected)
    {
        await using var app = await HajDeskFactory.CreateAsync();
        var page = await SendPage.OpenAsync(app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }));

        var response = await page.PostAsync(page.ValidValues(), [(name, SampleFiles.Pdf(), "application/pdf")]);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(expected, await app.WithDbAsync(db => db.Attachments.Select(a => a.FileName).SingleAsync()));
    }

    [Fact]
    public async Task PostLookupJson_WithoutAnIssuedForm_IsRefused()
    {
        await using var app = await HajDeskFactory.CreateAsync();
        var client = app.CreateClient();
        var page = await SendPage.OpenAsync(client);

        var forged = await client.SubmitMultipartAsync(page.Form, page.ValidValues(new Dictionary<string, string?>
        {
            ["Input.SubmissionKey"] = Guid.NewGuid().ToString(),
        }), action: "/requests/send?handler=LookupJson");
        var noToken = await client.SubmitMultipartAsync(page.Form, page.ValidValues(new Dictionary<string, string?> { ["LookupToken"] = "" }),
            action: "/requests/send?handler=LookupJson");

        foreach (var response in new[] { forged, noToken })
        {
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            var body = System.Text.RegularExpressions.Regex.Unescape(await response.Content.ReadAsStringAsync());
            Assert.Contains("\"status\":\"refused\"", body, StringComparison.Ordinal);
            Assert.DoesNotContain("محمد", body, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task PostLookupJson_MorePeopleThanAFormAllows_IsRefusedButTheSamePersonAgainIsNot()
    {
        await using var app = await HajDeskFactory.CreateAsync(settings: new Dictionary<string, string?> { ["RateLimits:RegistryLookupsPerForm"] = "3" });
        var client = app.CreateClient();
        var page = await SendPage.OpenAsync(client);
        Task<HttpResponseMessage> LookupAsync(string day) => client.SubmitMultipartAsync(page.Form,
            page.ValidValues(new Dictionary<string, string?> { ["Input.BirthDay"] = day }), action: "/requests/send?handler=LookupJson");

        var first = await LookupAsync("12");
        await LookupAsync("13");
        await LookupAsync("14");
        var fourth = await LookupAsync("15");
        var firstAgain = await LookupAsync("12");

        Assert.Contains("\"status\":\"found\"", await first.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, fourth.StatusCode);
        Assert.Contains("بیش از حد مجاز", System.Text.RegularExpressions.Regex.Unescape(await fourth.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Contains("\"status\":\"found\"", await firstAgain.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_ManyFormsFromOneAddress_LaterFormsGetNoLookupButCanStillBeSent()
    {
        await using var app = await HajDeskFactory.CreateAsync(settings: new Dictionary<string, string?> { ["RateLimits:SendFormsByClient"] = "2" });
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await SendPage.OpenAsync(client);
        await SendPage.OpenAsync(client);
        var third = await SendPage.OpenAsync(client);

        var lookup = await client.SubmitMultipartAsync(third.Form, third.ValidValues(), action: "/requests/send?handler=LookupJson");
        var sent = await third.PostAsync(third.ValidValues());

        Assert.Equal(HttpStatusCode.Forbidden, lookup.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        Assert.Equal("محمد", await app.WithDbAsync(db => db.Requests.Select(r => r.FirstName).SingleAsync()));
    }

    [Fact]
    public async Task PostLookup_WithoutJavaScriptAndNoIssuedForm_KeepsTheFormAndSaysWhy()
    {
        await using var app = await HajDeskFactory.CreateAsync();
        var page = await SendPage.OpenAsync(app.CreateClient());

        var response = await page.PostAsync(page.ValidValues(new Dictionary<string, string?> { ["LookupToken"] = "forged", ["Input.Text"] = "متن من" }), handler: "Lookup");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("استعلام نام برای این فرم ممکن نیست", page.Document.GetElementById("registry-notice")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(string.Empty, page.Document.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("[data-testid=first-name]")!.Value);
        Assert.Equal("متن من", page.Document.QuerySelector<AngleSharp.Html.Dom.IHtmlTextAreaElement>("#Input_Text")!.Value);
    }

    /// <summary>
    /// Finding 1 of the third review: a security code solved by a script (the audio one) and a form with a field
    /// missing showed a person's name without creating a request. Now such a post is a look-up of the form.
    /// </summary>
    [Fact]
    public async Task Post_RightCodeButAFieldMissing_CountsAsALookupOfTheForm_SoNoMoreNamesThanItsAllowance()
    {
        await using var app = await HajDeskFactory.CreateAsync(settings: new Dictionary<string, string?> { ["RateLimits:RegistryLookupsPerForm"] = "2" });
        var page = await SendPage.OpenAsync(app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }));
        var mohammad = new Dictionary<string, string?>();
        var fatemeh = new Dictionary<string, string?>
        {
            ["Input.NationalCode"] = "0010350829",
            ["Input.BirthYear"] = "1340",
            ["Input.BirthMonth"] = "1",
            ["Input.BirthDay"] = "1",
        };
        var someoneElse = new Dictionary<string, string?> { ["Input.NationalCode"] = "0010350829" };
        async Task<(HttpStatusCode Status, string FirstName)> PostWithoutTextAsync(Dictionary<string, string?> person)
        {
            var response = await page.PostAsync(page.ValidValues(new Dictionary<string, string?>(person) { ["Input.Text"] = "" }));
            return (response.StatusCode, page.Document.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("[data-testid=first-name]")!.Value);
        }

        var first = await PostWithoutTextAsync(mohammad);
        var second = await PostWithoutTextAsync(fatemeh);
        var third = await PostWithoutTextAsync(someoneElse);

        Assert.Equal((HttpStatusCode.BadRequest, "محمد"), first);
        Assert.Equal((HttpStatusCode.BadRequest, "فاطمه"), second);
        // The form's two look-ups are spent: a third person is not asked for; the form and its errors come back.
        Assert.Equal((HttpStatusCode.BadRequest, string.Empty), third);
        Assert.Contains("بیش از حد مجاز", page.Document.GetElementById("registry-notice")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.Document.QuerySelector("#Input_Text[aria-invalid=true]"));
        // The same person again is free, and a complete form is still sent: the limit is on names, not on requests.
        Assert.Equal((HttpStatusCode.BadRequest, "محمد"), await PostWithoutTextAsync(mohammad));
        var sent = await page.PostAsync(page.ValidValues(fatemeh));
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        Assert.Equal("فاطمه", await app.WithDbAsync(db => db.Requests.Select(r => r.FirstName).SingleAsync()));
    }

    [Fact]
    public async Task Post_RightCodeButAFieldMissingOnAFormWithoutItsToken_ShowsNoName()
    {
        await using var app = await HajDeskFactory.CreateAsync();
        var page = await SendPage.OpenAsync(app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }));

        var response = await page.PostAsync(page.ValidValues(new Dictionary<string, string?> { ["LookupToken"] = "", ["Input.Text"] = "" }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(string.Empty, page.Document.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("[data-testid=first-name]")!.Value);
        Assert.DoesNotContain("رضایی", page.Document.Body!.TextContent, StringComparison.Ordinal);
    }
}

using System.Net;
using HajDesk.Web.Tests.Infrastructure;

namespace HajDesk.Web.Tests.PageTests;

/// <summary>
/// Finding 6 of the security review: a post the server cannot read gets the Persian page of its own status, not
/// «صفحه پیدا نشد». Real Kestrel, because its request-body limit is what refuses the oversized post.
/// </summary>
public class UnreadablePostTests
{
    [Fact]
    public async Task Post_BodyOverTheSizeLimit_ShowsPersian413()
    {
        await using var app = await KestrelAppAsync();
        // The server answers 413 before reading the body and closes the connection, as it should; a client still
        // writing 31 MB would see a broken pipe instead of the answer. Browsers read the early answer; this client
        // asks "Expect: 100-continue" and waits for it, so it reads the same answer without sending the body.
        using var handler = new SocketsHttpHandler { Expect100ContinueTimeout = TimeSpan.FromMinutes(1) };
        using var client = new HttpClient(handler) { BaseAddress = app.ClientOptions.BaseAddress };
        var form = await FormFieldsAsync(client);
        // Over the 30 MB floor of Kestrel's MaxRequestBodySize; the length is announced, as browsers do.
        var content = Multipart(form, fileName: "سند.pdf", fileBytes: 31 * 1024 * 1024);
        client.DefaultRequestHeaders.ExpectContinue = true;

        var response = await client.PostAsync("/requests/send", content);
        var page = await Html.ParseAsync(response);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("حجم ارسالی بیش از حد مجاز است", page.QuerySelector("h1")!.TextContent.Trim());
        Assert.Equal("rtl", page.DocumentElement.GetAttribute("dir"));
    }

    [Fact]
    public async Task Post_MultipartFileNameOverTheHeaderLimit_ShowsPersian400()
    {
        await using var app = await KestrelAppAsync();
        using var client = new HttpClient { BaseAddress = app.ClientOptions.BaseAddress };
        var form = await FormFieldsAsync(client);
        var content = Multipart(form, fileName: new string('a', 16_400) + ".pdf", fileBytes: 1024);

        var response = await client.PostAsync("/requests/send", content);
        var page = await Html.ParseAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("درخواست نامعتبر", page.QuerySelector("h1")!.TextContent.Trim());
    }

    private static async Task<HajDeskFactory> KestrelAppAsync()
    {
        var app = await HajDeskFactory.CreateAsync();
        app.UseKestrel(0);
        app.StartServer();
        return app;
    }

    /// <summary>The send form's fields as the page gives them (antiforgery token included), filled in validly.</summary>
    private static async Task<List<KeyValuePair<string, string>>> FormFieldsAsync(HttpClient client)
    {
        var page = await Requests.SendPage.OpenAsync(client);
        return Html.FormValues(page.Form, page.ValidValues());
    }

    private static MultipartFormDataContent Multipart(List<KeyValuePair<string, string>> fields, string fileName, int fileBytes)
    {
        var content = new MultipartFormDataContent();
        foreach (var (name, value) in fields)
        {
            content.Add(new StringContent(value), name);
        }

        var pdf = new byte[fileBytes];
        "%PDF-1.4\n"u8.CopyTo(pdf);
        var file = new ByteArrayContent(pdf);
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/pdf");
        content.Add(file, "Files", fileName);
        return content;
    }
}

using System.Net;
using System.Net.Http.Headers;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using HajDesk.Web.Tests.Infrastructure;
using HajDesk.Web.Tests.PageTests.Staff.Admin;
using Microsoft.AspNetCore.Mvc.Testing;

namespace HajDesk.Web.Tests.PageTests.Staff;

/// <summary>A file to post with a multipart form.</summary>
public sealed record Upload(string Field, string FileName, byte[] Data, string ContentType = "application/octet-stream");

/// <summary>Browser-like helpers for the back office: sign in through the real form, post forms with files.</summary>
public static class StaffClient
{
    /// <summary>A client that does not follow redirects, so tests see every 302 and its Location.</summary>
    public static HttpClient NewClient(this HajDeskFactory app) =>
        app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    /// <summary>Posts the sign-in form; returns the response (302 to the inbox on success).</summary>
    public static async Task<HttpResponseMessage> PostSignInAsync(this HttpClient client, string userName, string password)
    {
        var page = await client.GetDocumentAsync("/staff/sign-in");
        return await client.PostFormAsync(page.Form("[data-testid=sign-in-form]"), new Dictionary<string, string?>
        {
            ["UserName"] = userName,
            ["Password"] = password,
        });
    }

    /// <summary>Signs in through the real form and returns the signed-in client.</summary>
    public static async Task<HttpClient> SignInAsync(this HajDeskFactory app, string userName, string password = StaffTestData.Password)
    {
        var client = app.NewClient();
        var response = await client.PostSignInAsync(userName, password);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect,
            $"sign-in of {userName}: {(int)response.StatusCode}\n{await response.Content.ReadAsStringAsync()}");
        Assert.Equal("/staff/inbox", response.Headers.Location?.OriginalString);
        return client;
    }

    /// <summary>GETs a page and follows redirects (at most five), returning the final response.</summary>
    public static async Task<HttpResponseMessage> GetFollowingAsync(this HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        for (var i = 0; i < 5 && response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther; i++)
        {
            response = await client.GetAsync(response.Headers.Location);
        }

        return response;
    }

    public static async Task<IDocument> GetPageAsync(this HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url}: {(int)response.StatusCode} {response.Headers.Location}");
        return await Html.ParseAsync(response);
    }

    /// <summary>Posts a multipart form (fields as the browser would send them, plus files) to the form's action.</summary>
    public static Task<HttpResponseMessage> SubmitMultipartAsync(this HttpClient client, IHtmlFormElement form,
        IDictionary<string, string?>? values = null, params Upload[] files)
    {
        var content = new MultipartFormDataContent();
        foreach (var (name, value) in Html.FormValues(form, values))
        {
            content.Add(new StringContent(value), name);
        }

        foreach (var file in files)
        {
            var bytes = new ByteArrayContent(file.Data);
            bytes.Headers.ContentType = new MediaTypeHeaderValue(file.ContentType);
            content.Add(bytes, file.Field, file.FileName);
        }

        return client.PostAsync(ActionPath(form), content);
    }

    /// <summary>
    /// Posts <paramref name="values"/> to any address with the antiforgery token taken from <paramref name="anyForm"/>
    /// (a form of a page this user may open): how a handler is tried on a request the user cannot open.
    /// </summary>
    public static Task<HttpResponseMessage> PostWithTokenAsync(this HttpClient client, IHtmlFormElement anyForm, string url,
        IDictionary<string, string?> values)
    {
        var token = anyForm.QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")?.Value
            ?? throw new InvalidOperationException("The form has no antiforgery token.");
        var fields = values.Where(v => v.Value is not null).Select(v => new KeyValuePair<string, string>(v.Key, v.Value!)).ToList();
        fields.Add(new("__RequestVerificationToken", token));
        return client.PostAsync(url, new FormUrlEncodedContent(fields));
    }

    /// <summary>Posts a form url-encoded to its action (see <see cref="Html.SubmitAsync"/>).</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(this HttpClient client, IHtmlFormElement form,
        IDictionary<string, string?>? values = null)
    {
        var response = await Html.SubmitAsync(client, form, values);
        RequestPage.Remember(response, client);
        return response;
    }

    /// <summary>The form's action as a path and query, resolved against the page's address.</summary>
    public static string ActionPath(IHtmlFormElement form) => Html.ActionOf(form);

    public static string Location(this HttpResponseMessage response) => response.Headers.Location?.OriginalString ?? string.Empty;
}

/// <summary>A clock the test moves by hand.</summary>
public sealed class FakeClock(DateTimeOffset start) : TimeProvider
{
    private long ticks = start.UtcTicks;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref ticks), TimeSpan.Zero);

    public void Advance(TimeSpan by) => Interlocked.Add(ref ticks, by.Ticks);
}

/// <summary>The request page's action forms.</summary>
public static class RequestPage
{
    /// <summary>Opens the request page, fills the form <c>[data-testid={form}-form]</c> and posts it.</summary>
    public static async Task<HttpResponseMessage> ActAsync(this HttpClient client, long requestId, string form,
        IDictionary<string, string?>? values = null, params Upload[] files)
    {
        var page = await client.GetPageAsync($"/staff/requests/{requestId}");
        return await client.SubmitAsync(page.Form($"[data-testid={form}-form]"), values, files);
    }

    /// <summary>The client that posted each action, so that <see cref="AssertDoneAsync"/> can open the next page as it.</summary>
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<HttpResponseMessage, HttpClient> Senders = new();

    /// <summary>Remembers which client posted <paramref name="response"/> (see <see cref="AssertDoneAsync"/>).</summary>
    internal static void Remember(HttpResponseMessage response, HttpClient client) => Senders.AddOrUpdate(response, client);

    /// <summary>What the staff member reads after each action (the confirmation on the page the action redirects to).</summary>
    private static readonly Dictionary<string, string> Confirmations = new()
    {
        ["taken"] = "درخواست به شما سپرده شد.",
        ["assigned"] = "درخواست واگذار شد.",
        ["answered"] = "پاسخ ثبت شد و برای متقاضی نمایش داده می‌شود.",
        ["noted"] = "یادداشت داخلی ثبت شد.",
        ["referred"] = "درخواست ارجاع شد.",
        ["closed"] = "درخواست بسته شد.",
        ["reopened"] = "درخواست بازگشایی شد.",
        ["asked"] = "پرسش برای متقاضی فرستاده شد؛ تا پاسخ او مهلت شمرده نمی‌شود.",
        ["linked"] = "درخواست به رخداد پیوست.",
        ["unlinked"] = "درخواست از رخداد جدا شد.",
        ["merged"] = "درخواست تکراری بسته شد و متقاضی به درخواست دیگرش راهنمایی می‌شود.",
    };

    /// <summary>Posts a form the way its <c>enctype</c> says.</summary>
    public static async Task<HttpResponseMessage> SubmitAsync(this HttpClient client, IHtmlFormElement form,
        IDictionary<string, string?>? values, params Upload[] files)
    {
        var response = form.GetAttribute("enctype") == "multipart/form-data"
            ? await client.SubmitMultipartAsync(form, values, files)
            : await client.PostFormAsync(form, values);
        Senders.AddOrUpdate(response, client);
        return response;
    }

    /// <summary>
    /// Asserts a successful action (posted with <see cref="ActAsync"/> or <see cref="SubmitAsync"/>): a redirect back to the request page (or to the
    /// inbox, when a referral took the request out of the reader's scope), which then shows the action's confirmation.
    /// </summary>
    public static async Task AssertDoneAsync(this HttpResponseMessage response, string done)
    {
        Assert.True(response.StatusCode == HttpStatusCode.Redirect,
            $"{(int)response.StatusCode} {response.RequestMessage?.RequestUri}\n{await response.Content.ReadAsStringAsync()}");
        Assert.True(Senders.TryGetValue(response, out var client), "AssertDoneAsync needs a response of a form posted through StaffClient or RequestPage.");
        var location = response.Location();
        var toInbox = location == "/staff/inbox";
        Assert.True(toInbox || location.StartsWith("/staff/requests/", StringComparison.Ordinal), location);
        var expected = toInbox && done == "referred" ? "درخواست ارجاع شد و دیگر در کارتابل شما نیست." : Confirmations[done];
        Assert.Equal(expected, (await client.GetPageAsync(location)).TextOf("[data-testid=done]"));
    }
}

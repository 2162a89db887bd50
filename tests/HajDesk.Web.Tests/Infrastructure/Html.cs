using AngleSharp;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;

namespace HajDesk.Web.Tests.Infrastructure;

/// <summary>Parses pages and posts their real forms, antiforgery token included, as a browser would.</summary>
public static class Html
{
    private static readonly IBrowsingContext Context = BrowsingContext.New(Configuration.Default);

    public static async Task<IDocument> ParseAsync(HttpResponseMessage response)
    {
        var html = await response.Content.ReadAsStringAsync();
        return await Context.OpenAsync(request => request.Content(html).Address(response.RequestMessage!.RequestUri!));
    }

    public static async Task<IDocument> GetDocumentAsync(this HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        return await ParseAsync(response);
    }

    /// <summary>
    /// The form's current field values (inputs, selects, textareas, hidden antiforgery token), overridden by
    /// <paramref name="values"/>; a null value removes the field.
    /// </summary>
    public static List<KeyValuePair<string, string>> FormValues(IHtmlFormElement form, IDictionary<string, string?>? values = null)
    {
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var element in form.Elements)
        {
            switch (element)
            {
                case IHtmlInputElement input when !string.IsNullOrEmpty(input.Name)
                    && input.Type is not ("submit" or "button" or "file" or "image")
                    && (input.Type is not ("checkbox" or "radio") || input.IsChecked):
                    fields.Add(new(input.Name, input.Value));
                    break;
                case IHtmlSelectElement select when !string.IsNullOrEmpty(select.Name):
                    fields.Add(new(select.Name, select.Value ?? string.Empty));
                    break;
                case IHtmlTextAreaElement area when !string.IsNullOrEmpty(area.Name):
                    fields.Add(new(area.Name, area.Value));
                    break;
            }
        }

        foreach (var (name, value) in values ?? new Dictionary<string, string?>())
        {
            fields.RemoveAll(f => f.Key == name);
            if (value is not null)
            {
                fields.Add(new(name, value));
            }
        }

        return fields;
    }

    /// <summary>Posts a form as url-encoded data to its action (or the page's address).</summary>
    public static Task<HttpResponseMessage> SubmitAsync(this HttpClient client, IHtmlFormElement form,
        IDictionary<string, string?>? values = null, string? submitName = null)
    {
        var fields = FormValues(form, values);
        if (submitName is not null)
        {
            fields.Add(new(submitName, string.Empty));
        }

        return client.PostAsync(ActionOf(form), new FormUrlEncodedContent(fields));
    }

    /// <summary>
    /// Posts a form as multipart data, with files, to <paramref name="action"/> (a button's formaction) or the
    /// form's own action.
    /// </summary>
    public static Task<HttpResponseMessage> SubmitMultipartAsync(this HttpClient client, IHtmlFormElement form,
        IDictionary<string, string?>? values = null, IEnumerable<(string Name, byte[] Data, string ContentType)>? files = null,
        string? action = null)
    {
        var content = new MultipartFormDataContent();
        foreach (var (name, value) in FormValues(form, values))
        {
            content.Add(new StringContent(value), name);
        }

        foreach (var (name, data, contentType) in files ?? [])
        {
            var file = new ByteArrayContent(data);
            file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
            content.Add(file, "Files", name);
        }

        return client.PostAsync(action ?? ActionOf(form), content);
    }

    /// <summary>Where the form posts: its action attribute resolved against the page's address, as a browser does.</summary>
    public static string ActionOf(IHtmlFormElement form) =>
        new Uri(new Uri(form.BaseUri!), form.GetAttribute("action") ?? string.Empty).PathAndQuery;

    public static IHtmlFormElement Form(this IDocument document, string selector = "form") =>
        document.QuerySelector<IHtmlFormElement>(selector)
        ?? throw new InvalidOperationException($"No form matches '{selector}' in:\n{document.Body?.TextContent}");
}

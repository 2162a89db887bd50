using System.Net;
using System.Text.RegularExpressions;

namespace HajDesk.Bench.Journeys;

/// <summary>
/// Just enough HTML reading to fill the app's forms as a browser would: the form by id, its hidden inputs (antiforgery
/// token, security-code id, submission key…), a select's options and an element's text by <c>data-testid</c>.
/// Regular expressions rather than a DOM parser keep the generator's own CPU small beside the app it measures.
/// </summary>
public static partial class Html
{
    /// <summary>The markup of <c>&lt;form … id="<paramref name="id"/>"&gt;…&lt;/form&gt;</c>, or null.</summary>
    public static string? Form(string html, string id)
    {
        var match = FormPattern().Matches(html).FirstOrDefault(m => Attribute(m.Groups["attrs"].Value, "id") == id);
        return match?.Value;
    }

    /// <summary>The form's <c>action</c>, or null when it posts to its own address.</summary>
    public static string? Action(string form)
    {
        var open = form[..(form.IndexOf('>', StringComparison.Ordinal) + 1)];
        return Attribute(open, "action");
    }

    /// <summary>Name and value of every hidden input of the form, as a browser posts them.</summary>
    public static List<KeyValuePair<string, string>> HiddenInputs(string form) =>
        InputPattern().Matches(form)
            .Select(m => m.Groups["attrs"].Value)
            .Where(a => Attribute(a, "type") == "hidden" && Attribute(a, "name") is not null)
            .Select(a => KeyValuePair.Create(Attribute(a, "name")!, Attribute(a, "value") ?? ""))
            .ToList();

    /// <summary>The options with a non-empty value of the select named <paramref name="name"/>.</summary>
    public static List<Option> Options(string form, string name)
    {
        var select = SelectPattern().Matches(form).FirstOrDefault(m => Attribute(m.Groups["attrs"].Value, "name") == name);
        if (select is null)
        {
            return [];
        }

        return OptionPattern().Matches(select.Groups["body"].Value)
            .Select(m => new Option(m.Groups["attrs"].Value, WebUtility.HtmlDecode(m.Groups["text"].Value).Trim()))
            .Where(o => !string.IsNullOrEmpty(o.Value))
            .ToList();
    }

    /// <summary>The text inside the element marked <c>data-testid="<paramref name="testId"/>"</c>, tags removed.</summary>
    public static string? TestIdText(string html, string testId)
    {
        var at = html.IndexOf($"data-testid=\"{testId}\"", StringComparison.Ordinal);
        if (at < 0)
        {
            return null;
        }

        var start = html.IndexOf('>', at) + 1;
        var end = html.IndexOf("</p>", start, StringComparison.Ordinal) is var p && p >= 0 ? p : Math.Min(html.Length, start + 200);
        return WebUtility.HtmlDecode(TagPattern().Replace(html[start..end], "")).Trim();
    }

    /// <summary>The first message of the page's error summary, to say why a form came back.</summary>
    public static string? FirstSummaryError(string html)
    {
        var match = SummaryErrorPattern().Match(html);
        return match.Success ? WebUtility.HtmlDecode(match.Groups["text"].Value).Trim() : null;
    }

    public static string? Attribute(string attributes, string name)
    {
        foreach (Match m in AttributePattern().Matches(attributes))
        {
            if (m.Groups["name"].Value == name)
            {
                return WebUtility.HtmlDecode(m.Groups["value"].Value);
            }
        }

        return null;
    }

    [GeneratedRegex("""<form\b(?<attrs>[^>]*)>.*?</form>""", RegexOptions.Singleline)]
    private static partial Regex FormPattern();

    [GeneratedRegex("""<input\b(?<attrs>[^>]*)>""")]
    private static partial Regex InputPattern();

    [GeneratedRegex("""<select\b(?<attrs>[^>]*)>(?<body>.*?)</select>""", RegexOptions.Singleline)]
    private static partial Regex SelectPattern();

    [GeneratedRegex("""<option\b(?<attrs>[^>]*)>(?<text>[^<]*)</option>""")]
    private static partial Regex OptionPattern();

    [GeneratedRegex("""(?<name>[\w:.-]+)(?:="(?<value>[^"]*)")?""")]
    private static partial Regex AttributePattern();

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex TagPattern();

    [GeneratedRegex("""error-summary.*?<li>(?:<a[^>]*>)?(?<text>[^<]+)""", RegexOptions.Singleline)]
    private static partial Regex SummaryErrorPattern();
}

/// <summary>An <c>&lt;option&gt;</c>: its attributes and its text.</summary>
public sealed record Option(string Attributes, string Text)
{
    public string Value => Html.Attribute(Attributes, "value") ?? Text;

    public string? this[string attribute] => Html.Attribute(Attributes, attribute);
}

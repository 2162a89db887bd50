using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.TagHelpers;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace HajDesk.Web.Infrastructure.Forms;

/// <summary>
/// Marks a field bound with <c>asp-for</c> that has an error: Bootstrap's <c>is-invalid</c>, <c>aria-invalid</c>,
/// and <c>aria-describedby</c> pointing at the message that <see cref="FieldErrorTagHelper"/> writes. The key is the
/// one the model binder used, so a page never types a field name or an error key by hand.
/// </summary>
[HtmlTargetElement("input", Attributes = ForAttributeName)]
[HtmlTargetElement("select", Attributes = ForAttributeName)]
[HtmlTargetElement("textarea", Attributes = ForAttributeName)]
public sealed class FieldValidityTagHelper : TagHelper
{
    private const string ForAttributeName = "asp-for";

    /// <summary>Runs after the framework's input, select and textarea tag helpers have written id and name.</summary>
    public override int Order => 1000;

    [HtmlAttributeName(ForAttributeName)]
    public ModelExpression For { get; set; } = null!;

    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = null!;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        // A hidden input is no field a person fills in, and HTML forbids aria-* attributes on it.
        if (output.Attributes.TryGetAttribute("type", out var type) && string.Equals(type.Value?.ToString(), "hidden", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        var key = FieldNames.Key(ViewContext, For);
        if (FieldNames.ErrorFor(ViewContext, key) is null)
        {
            output.Attributes.SetAttribute("aria-invalid", "false");
            return;
        }

        output.AddClass("is-invalid", System.Text.Encodings.Web.HtmlEncoder.Default);
        output.Attributes.SetAttribute("aria-invalid", "true");
        var describedBy = output.Attributes.TryGetAttribute("aria-describedby", out var existing)
            ? existing.Value?.ToString() + " " : string.Empty;
        output.Attributes.SetAttribute("aria-describedby", describedBy + FieldNames.ErrorId(key));
    }
}

/// <summary>
/// <c>&lt;field-error asp-for="Input.NationalCode" /&gt;</c>: the field's first error as
/// <c>&lt;div class="invalid-feedback d-block" id="Input_NationalCode-error"&gt;</c>, or nothing when it has none.
/// </summary>
[HtmlTargetElement("field-error", Attributes = "asp-for", TagStructure = TagStructure.WithoutEndTag)]
public sealed class FieldErrorTagHelper : TagHelper
{
    [HtmlAttributeName("asp-for")]
    public ModelExpression For { get; set; } = null!;

    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = null!;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var key = FieldNames.Key(ViewContext, For);
        var message = FieldNames.ErrorFor(ViewContext, key);
        if (message is null)
        {
            output.SuppressOutput();
            return;
        }

        output.TagName = "div";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("class", "invalid-feedback d-block");
        output.Attributes.SetAttribute("id", FieldNames.ErrorId(key));
        output.Content.SetContent(message);
    }
}

/// <summary>How a bound field's model-state key, element id and error id are derived, once for every form.</summary>
public static class FieldNames
{
    /// <summary>The model-state key (and form field name) of <paramref name="expression"/>, e.g. <c>Input.NationalCode</c>.</summary>
    public static string Key(ViewContext view, ModelExpression expression) =>
        view.ViewData.TemplateInfo.GetFullHtmlFieldName(expression.Name);

    /// <summary>The id the framework gives the field's element: <c>Input.NationalCode</c> → <c>Input_NationalCode</c>.</summary>
    public static string Id(string key) => TagBuilder.CreateSanitizedId(key, "_");

    /// <summary>The id of the field's error message, which the field's <c>aria-describedby</c> names.</summary>
    public static string ErrorId(string key) => Id(key) + "-error";

    /// <summary>The first error recorded for <paramref name="key"/>, or null.</summary>
    public static string? ErrorFor(ViewContext view, string key) =>
        view.ViewData.ModelState.TryGetValue(key, out var entry) && entry.Errors.Count > 0 ? entry.Errors[0].ErrorMessage : null;
}

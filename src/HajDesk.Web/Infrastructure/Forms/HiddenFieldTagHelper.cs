using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace HajDesk.Web.Infrastructure.Forms;

/// <summary>
/// <c>&lt;hidden-field asp-for="Version" value="@item.Version" /&gt;</c>: a hidden input named after the bound
/// property, without an id, so a page may carry the same value (an id, a version) in several of its forms. The value
/// is <c>value</c> when given, else the model's; a posted value is never echoed back.
/// </summary>
[HtmlTargetElement("hidden-field", Attributes = "asp-for", TagStructure = TagStructure.WithoutEndTag)]
public sealed class HiddenFieldTagHelper : TagHelper
{
    [HtmlAttributeName("asp-for")]
    public ModelExpression For { get; set; } = null!;

    [HtmlAttributeName("value")]
    public object? Value { get; set; }

    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = null!;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        output.TagName = "input";
        output.TagMode = TagMode.StartTagOnly;
        output.Attributes.SetAttribute("type", "hidden");
        output.Attributes.SetAttribute("name", FieldNames.Key(ViewContext, For));
        output.Attributes.SetAttribute("value", Convert.ToString(Value ?? For.Model, System.Globalization.CultureInfo.InvariantCulture));
    }
}

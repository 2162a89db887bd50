using System.ComponentModel.DataAnnotations;

namespace HajDesk.Web.Infrastructure;

/// <summary>How the organization is named on every page and receipt. Section <c>Organization</c>.</summary>
public sealed class OrganizationOptions
{
    public const string Section = "Organization";

    [Required(ErrorMessage = "Organization:Name is required.")]
    public string Name { get; set; } = "سازمان حج و زیارت";

    [Required(ErrorMessage = "Organization:ServiceName is required.")]
    public string ServiceName { get; set; } = "میز خدمت الکترونیک";
}

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

    /// <summary>
    /// The telephone line whose operators register requests for callers (the channel «تلفن ۱۱۱»), named on the
    /// accessibility statement and the privacy notice for people who cannot use the form. ASCII digits, with an
    /// optional leading + and spaces or hyphens between groups.
    /// </summary>
    [Required(ErrorMessage = "Organization:HelpPhone is required.")]
    [RegularExpression(@"^\+?[0-9]([0-9 -]{0,18}[0-9])?$",
        ErrorMessage = "Organization:HelpPhone must be a phone number in ASCII digits, e.g. 111 or 021-61234567.")]
    public string HelpPhone { get; set; } = "111";

    /// <summary>The phone line for a <c>tel:</c> link: digits and a leading + only.</summary>
    public string HelpPhoneDial => new([.. HelpPhone.Where(c => char.IsAsciiDigit(c) || c == '+')]);
}

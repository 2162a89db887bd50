using System.ComponentModel.DataAnnotations;

namespace HajDesk.Web.Staff;

/// <summary>Staff session settings. Section <c>Staff</c>.</summary>
public sealed class StaffOptions
{
    public const string Section = "Staff";

    /// <summary>
    /// A staff session ends after this long without a request (sliding: every request within the window extends
    /// it). <c>hh:mm:ss</c>; default 30 minutes.
    /// </summary>
    [Range(typeof(TimeSpan), "00:01:00", "12:00:00", ErrorMessage = "Staff:IdleTimeout must be between 00:01:00 and 12:00:00.")]
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(30);
}

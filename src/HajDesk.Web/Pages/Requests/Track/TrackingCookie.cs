using HajDesk.Web.Infrastructure;
using Microsoft.AspNetCore.DataProtection;

namespace HajDesk.Web.Pages.Requests.Track;

/// <summary>
/// After a successful follow-up lookup: "this browser proved national code + tracking code for request N", for 20
/// minutes. The result page, its downloads and its forms (message, rating, objection) rely on it.
/// </summary>
public sealed class TrackingCookie(IDataProtectionProvider dataProtection, TimeProvider time)
    : ProtectedIdCookie(dataProtection, time, "hajdesk.track", "/requests/track", TimeSpan.FromMinutes(20));

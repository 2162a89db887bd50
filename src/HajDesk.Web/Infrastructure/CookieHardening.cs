using Microsoft.AspNetCore.Mvc;

namespace HajDesk.Web.Infrastructure;

/// <summary>
/// The flags every cookie of the app carries: HTTP-only, <c>SameSite=Strict</c>, <c>Secure</c> whenever the request
/// came over HTTPS (directly or through a configured proxy), and essential (they are what makes a form work, not
/// tracking). The citizen cookies of the framework — antiforgery and TempData — are set here; the staff cookies
/// and the app's own encrypted cookies use the same flags.
/// </summary>
public static class CookieHardening
{
    /// <summary>Applies the app's cookie flags to one of the framework's cookie builders.</summary>
    public static void Apply(CookieBuilder cookie)
    {
        cookie.HttpOnly = true;
        cookie.SameSite = SameSiteMode.Strict;
        cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        cookie.IsEssential = true;
    }

    /// <summary>
    /// Antiforgery (<c>hajdesk.af</c>; scripts send the token in <c>X-CSRF-TOKEN</c>) and TempData
    /// (<c>hajdesk.notice</c>: the one-time confirmation after a change, <see cref="FlashMessages"/>), both hardened.
    /// </summary>
    public static IServiceCollection AddHardenedFrameworkCookies(this IServiceCollection services)
    {
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "hajdesk.af";
            Apply(o.Cookie);
            o.HeaderName = "X-CSRF-TOKEN";
        });
        services.Configure<CookieTempDataProviderOptions>(o =>
        {
            o.Cookie.Name = "hajdesk.notice";
            Apply(o.Cookie);
        });
        return services;
    }
}

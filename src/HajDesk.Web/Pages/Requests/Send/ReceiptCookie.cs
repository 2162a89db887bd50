using System.Globalization;
using Microsoft.AspNetCore.DataProtection;

namespace HajDesk.Web.Pages.Requests.Send;

/// <summary>
/// Lets only the browser that sent a request see its receipt after the redirect: a short-lived, encrypted,
/// HTTP-only cookie holds the request's database id. No URL ever carries the tracking code or a guessable id.
/// </summary>
public sealed class ReceiptCookie(IDataProtectionProvider dataProtection, TimeProvider time)
{
    public const string Name = "hajdesk.receipt";
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(30);

    private readonly ITimeLimitedDataProtector protector =
        dataProtection.CreateProtector("HajDesk.Receipt").ToTimeLimitedDataProtector();

    public void Issue(HttpResponse response, long requestId)
    {
        var expires = time.GetUtcNow().Add(Lifetime);
        response.Cookies.Append(Name, protector.Protect(requestId.ToString(CultureInfo.InvariantCulture), expires),
            new CookieOptions
            {
                HttpOnly = true,
                IsEssential = true,
                SameSite = SameSiteMode.Strict,
                Secure = response.HttpContext.Request.IsHttps,
                Path = "/requests/send",
                Expires = expires,
            });
    }

    public long? Read(HttpRequest request)
    {
        if (!request.Cookies.TryGetValue(Name, out var value) || string.IsNullOrEmpty(value))
        {
            return null;
        }

        try
        {
            var text = protector.Unprotect(value, out var expiration);
            return expiration > time.GetUtcNow() && long.TryParse(text, CultureInfo.InvariantCulture, out var id) ? id : null;
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }
}

using System.Globalization;
using Microsoft.AspNetCore.DataProtection;

namespace HajDesk.Web.Infrastructure;

/// <summary>
/// A short-lived, encrypted, HTTP-only cookie that holds one request's database id for one browser: how the citizen
/// pages remember "this browser may see request N" without putting a tracking code, national code or guessable id
/// in any URL. Encrypted with the shared Data Protection key ring, so any app node can read it.
/// </summary>
public abstract class ProtectedIdCookie(
    IDataProtectionProvider dataProtection, TimeProvider time, string name, string path, TimeSpan lifetime)
{
    private readonly ITimeLimitedDataProtector protector =
        dataProtection.CreateProtector("HajDesk.Cookie." + name).ToTimeLimitedDataProtector();

    public void Issue(HttpResponse response, long requestId)
    {
        var expires = time.GetUtcNow().Add(lifetime);
        response.Cookies.Append(name, protector.Protect(requestId.ToString(CultureInfo.InvariantCulture), expires),
            Options(response, expires));
    }

    public void Clear(HttpResponse response) => response.Cookies.Delete(name, Options(response, expires: null));

    /// <summary>The app's cookie flags (<see cref="CookieHardening"/>), for this cookie's path and lifetime.</summary>
    private CookieOptions Options(HttpResponse response, DateTimeOffset? expires)
    {
        var cookie = new CookieBuilder { Path = path };
        CookieHardening.Apply(cookie);
        var options = cookie.Build(response.HttpContext);
        options.Expires = expires;
        return options;
    }

    public long? Read(HttpRequest request)
    {
        if (!request.Cookies.TryGetValue(name, out var value) || string.IsNullOrEmpty(value))
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

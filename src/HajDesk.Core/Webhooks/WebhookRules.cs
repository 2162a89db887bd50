using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;

namespace HajDesk.Core.Webhooks;

/// <summary>
/// The rules of a webhook subscriber (its name, its address, its events) with their Persian messages, and the
/// signature of a delivery: <c>sha256=</c> and the hex HMAC-SHA256, keyed by the secret, of the timestamp, a dot
/// and the body.
/// </summary>
public static class WebhookRules
{
    public const string SecretMarker = "whsec_";

    public const int SecretPrefixLength = 10;

    public const string NameRequired = "نام گیرنده را بنویسید؛ مانند «سامانه ۱۱۱».";
    public const string NameTooLong = "نام گیرنده حداکثر ۱۰۰ نویسه است.";
    public const string NameUnsafe = "نام گیرنده نباید نشانه‌های < و > داشته باشد.";
    public const string UrlRequired = "نشانی گیرنده را بنویسید؛ مانند https://example.org/hajdesk/webhook.";
    public const string UrlTooLong = "نشانی گیرنده حداکثر ۵۰۰ نویسه است.";
    public const string UrlInvalid = "نشانی گیرنده باید نشانی کامل http یا https باشد؛ مانند https://example.org/hajdesk/webhook.";
    public const string UrlCredentials = "نام کاربری و گذرواژه را در نشانی ننویسید؛ گیرنده امضای هر پیام را بررسی می‌کند.";
    public const string UrlPrivate = "نشانی گیرنده در شبکه داخلی یا همین رایانه است و پذیرفته نمی‌شود؛ نشانی عمومی گیرنده را بنویسید.";
    public const string EventsRequired = "دست‌کم یک رویداد را برگزینید.";
    public const string ProvincesRequired = "دست‌کم یک استان را برگزینید یا «همه استان‌ها» را بزنید.";

    /// <summary>The trimmed name, or a Persian reason.</summary>
    public static (string Name, string? Error) CheckName(string? input)
    {
        var name = (input ?? string.Empty).Trim();
        return name.Length == 0 ? (name, NameRequired)
            : name.Length > WebhookSubscriber.MaxNameLength ? (name, NameTooLong)
            : name.AsSpan().IndexOfAny('<', '>') >= 0 ? (name, NameUnsafe)
            : (name, null);
    }

    /// <summary>
    /// The address as it will be posted to, or a Persian reason: absolute http or https, without user name or
    /// fragment, at most <see cref="WebhookSubscriber.MaxUrlLength"/> characters, and — unless
    /// <paramref name="allowPrivateNetworks"/> — not a loopback, private or link-local address nor <c>localhost</c>.
    /// Names are resolved again, and checked the same way, on every delivery.
    /// </summary>
    public static (string Url, string? Error) CheckUrl(string? input, bool allowPrivateNetworks)
    {
        var text = (input ?? string.Empty).Trim();
        if (text.Length == 0)
        {
            return (text, UrlRequired);
        }

        if (text.Length > WebhookSubscriber.MaxUrlLength)
        {
            return (text, UrlTooLong);
        }

        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")
            || string.IsNullOrEmpty(uri.Host) || text.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c is '<' or '>' or '"'))
        {
            return (text, UrlInvalid);
        }

        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            return (text, UrlCredentials);
        }

        if (!string.IsNullOrEmpty(uri.Fragment))
        {
            return (text, UrlInvalid);
        }

        if (!allowPrivateNetworks && (uri.IsLoopback || uri.Host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
            || uri.Host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address) && IsPrivate(address))))
        {
            return (text, UrlPrivate);
        }

        return (uri.AbsoluteUri, null);
    }

    /// <summary>Loopback, private (RFC 1918, unique-local), link-local, carrier-grade NAT, unspecified or multicast.</summary>
    public static bool IsPrivate(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any))
        {
            return true;
        }

        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = address.GetAddressBytes();
            return b[0] is 0 or 10 or 127 || b[0] >= 224
                || (b[0] == 172 && b[1] is >= 16 and <= 31)
                || (b[0] == 192 && b[1] == 168)
                || (b[0] == 169 && b[1] == 254)
                || (b[0] == 100 && b[1] is >= 64 and <= 127);
        }

        var bytes = address.GetAddressBytes();
        return address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast || (bytes[0] & 0xFE) == 0xFC;
    }

    /// <summary>The events chosen on a form, as a mask; zero (refused) when none.</summary>
    public static int MaskOf(IEnumerable<WebhookEvent> events) =>
        events.Where(Enum.IsDefined).Distinct().Aggregate(0, (mask, e) => mask | e.Bit());

    /// <summary>A new secret: <c>whsec_</c> and 32 random bytes, base64url.</summary>
    public static string NewSecret() =>
        SecretMarker + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>
    /// The <c>X-HajDesk-Signature</c> of a delivery: <c>sha256=</c> and the lower-case hex HMAC-SHA256, keyed by the
    /// secret's UTF-8 bytes, of <c>{timestamp}.{body}</c> (the timestamp in Unix seconds, as in <c>X-HajDesk-Timestamp</c>).
    /// </summary>
    public static string Sign(string secret, long timestamp, string body)
    {
        ArgumentNullException.ThrowIfNull(secret);
        ArgumentNullException.ThrowIfNull(body);
        var signed = Encoding.UTF8.GetBytes(timestamp.ToString(CultureInfo.InvariantCulture) + "." + body);
        return "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed));
    }
}

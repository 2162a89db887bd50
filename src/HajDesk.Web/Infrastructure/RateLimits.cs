namespace HajDesk.Web.Infrastructure;

/// <summary>Names of the rate-limit policies and how clients are told apart.</summary>
public static class RateLimits
{
    /// <summary>Citizen form posts (send, follow up, registry lookup), per client IP.</summary>
    public const string Forms = "forms";

    /// <summary>
    /// The client's IP address. Behind a reverse proxy this is the forwarded address only when the proxy is listed
    /// in <c>ReverseProxy:KnownProxies</c> (the forwarded-headers middleware has already applied it).
    /// </summary>
    public static string ClientKey(HttpContext context) =>
        context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
}

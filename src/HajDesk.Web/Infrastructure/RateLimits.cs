using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

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

    /// <summary>
    /// <see cref="RateLimitOptions"/> (validated at start-up), the framework's rate limiter answering 429 (which the
    /// status-code pages turn into the Persian page), the <see cref="Forms"/> policy, and <see cref="CitizenThrottle"/>
    /// for the limits keyed by what the citizen typed.
    /// </summary>
    public static IServiceCollection AddRateLimits(this IServiceCollection services)
    {
        services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.Section)
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<CitizenThrottle>();
        services.AddRateLimiter(o => o.RejectionStatusCode = StatusCodes.Status429TooManyRequests);
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<RateLimitOptions>>((o, limits) =>
            o.AddPolicy(Forms, context => RateLimitPartition.GetSlidingWindowLimiter(
                ClientKey(context), _ => PerMinute(limits.Value.FormPostsPerMinute))));
        return services;
    }

    /// <summary>A sliding one-minute window in six segments, no queue: the shape of every per-minute limit.</summary>
    public static SlidingWindowRateLimiterOptions PerMinute(int permits) => new()
    {
        PermitLimit = permits,
        Window = TimeSpan.FromMinutes(1),
        SegmentsPerWindow = 6,
    };
}

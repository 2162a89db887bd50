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
    /// status-code pages turn into the Persian page), the <see cref="Forms"/> policy (per node: it only blunts page
    /// floods), and <see cref="CitizenThrottle"/> for the limits that guard personal data, counted in
    /// <see cref="IRateCounterStore"/> so they hold across nodes.
    /// </summary>
    public static IServiceCollection AddRateLimits(this IServiceCollection services)
    {
        services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.Section)
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<CitizenThrottle>();
        // Shared by every node on PostgreSQL; in-process with SQLite, whose file one process owns.
        services.AddSingleton<IRateCounterStore>(sp =>
            sp.GetRequiredService<IOptions<DatabaseOptions>>().Value.IsPostgres
                ? ActivatorUtilities.CreateInstance<PostgresRateCounterStore>(sp)
                : ActivatorUtilities.CreateInstance<MemoryRateCounterStore>(sp));
        services.AddHostedService<RateCounterCleaner>();
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

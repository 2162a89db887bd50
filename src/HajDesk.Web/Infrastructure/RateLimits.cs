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
    /// Staff sign-in posts (password, two-factor code, recovery code): POSTs per client IP per minute (<c>RateLimits:StaffSignInPerMinute</c>,
    /// default 60 — generous, because a whole provincial office may sign in from one address at 8 a.m.; the
    /// per-account lockout is the main defence).
    /// </summary>
    public const string StaffSignIn = "staff-sign-in";

    /// <summary>Security-code images, sounds and new challenges, per client IP.</summary>
    public const string Captcha = "captcha";

    /// <summary>
    /// The client's IP address. Behind a reverse proxy this is the forwarded address only when the proxy is listed
    /// in <c>ReverseProxy:KnownProxies</c> (the forwarded-headers middleware has already applied it).
    /// </summary>
    public static string ClientKey(HttpContext context) =>
        context.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    /// <summary>
    /// <see cref="RateLimitOptions"/> (validated at start-up), the framework's rate limiter answering 429 (which the
    /// status-code pages turn into the Persian page) with every policy of <see cref="LimitCatalogue.Policies"/> (per
    /// node: they only blunt floods), and <see cref="Throttle"/> for the limits of <see cref="LimitCatalogue.Shared"/>,
    /// counted in <see cref="IRateCounterStore"/> so they hold across nodes.
    /// </summary>
    public static IServiceCollection AddRateLimits(this IServiceCollection services)
    {
        services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.Section)
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<Throttle>();
        // Shared by every node on PostgreSQL; in-process with SQLite, whose file one process owns.
        services.AddSingleton<IRateCounterStore>(sp =>
            sp.GetRequiredService<IOptions<DatabaseOptions>>().Value.IsPostgres
                ? ActivatorUtilities.CreateInstance<PostgresRateCounterStore>(sp)
                : ActivatorUtilities.CreateInstance<MemoryRateCounterStore>(sp));
        services.AddHostedService<RateCounterCleaner>();
        services.AddRateLimiter(o => o.RejectionStatusCode = StatusCodes.Status429TooManyRequests);
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<RateLimitOptions>>((o, limits) =>
        {
            foreach (var policy in LimitCatalogue.Policies)
            {
                o.AddPolicy(policy.Name, context => policy.Partition(context, limits.Value));
            }
        });
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

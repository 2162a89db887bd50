using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace HajDesk.Web.Infrastructure;

/// <summary>
/// Which reverse proxies are believed when they say who the client is (<c>X-Forwarded-For</c>) and whether the
/// client used HTTPS (<c>X-Forwarded-Proto</c>). Section <c>ReverseProxy</c>; nothing is believed by default.
/// </summary>
public sealed class ReverseProxyOptions
{
    public const string Section = "ReverseProxy";

    /// <summary>Addresses of the proxies in front of the app, e.g. <c>127.0.0.1</c> for an nginx on the same host.</summary>
    public IReadOnlyList<string> KnownProxies { get; set; } = [];

    /// <summary>Networks of proxies in CIDR form, e.g. <c>10.0.0.0/24</c> for a pool of load balancers.</summary>
    public IReadOnlyList<string> KnownNetworks { get; set; } = [];
}

/// <summary>
/// The forwarded-headers middleware, switched on only when a proxy is configured. With no proxy listed the
/// framework's middleware would check no peer at all (empty known lists mean "believe anyone"), so then it is
/// not added to the pipeline: the address of the TCP peer is the client's address, whatever headers it sends.
/// </summary>
public static class ReverseProxy
{
    /// <summary>
    /// Reads <c>ReverseProxy:*</c> now, so that an address that is not one stops start-up naming the setting, and
    /// configures the middleware to believe only those peers.
    /// </summary>
    public static IServiceCollection AddReverseProxy(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(ReverseProxyOptions.Section).Get<ReverseProxyOptions>() ?? new();
        var proxies = options.KnownProxies.Select(proxy => IPAddress.TryParse(proxy, out var address)
            ? address
            : throw new InvalidOperationException(
                $"ReverseProxy:KnownProxies holds '{proxy}', which is not an IP address.")).ToList();
        var networks = options.KnownNetworks.Select(network => System.Net.IPNetwork.TryParse(network, out var parsed)
            ? parsed
            : throw new InvalidOperationException(
                $"ReverseProxy:KnownNetworks holds '{network}', which is not a network in CIDR form (10.0.0.0/24).")).ToList();

        services.AddSingleton(new ReverseProxyTrust(proxies.Count + networks.Count > 0));
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // The framework trusts loopback by default; only what the operator listed is trusted here.
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            proxies.ForEach(o.KnownProxies.Add);
            networks.ForEach(o.KnownIPNetworks.Add);
        });
        return services;
    }

    /// <summary>Applies forwarded headers from configured proxies; does nothing when none is configured.</summary>
    public static IApplicationBuilder UseReverseProxyHeaders(this IApplicationBuilder app) =>
        app.ApplicationServices.GetRequiredService<ReverseProxyTrust>().Enabled ? app.UseForwardedHeaders() : app;
}

/// <summary>Whether any reverse proxy is configured, decided once at start-up.</summary>
/// <param name="Enabled">True when <c>ReverseProxy:KnownProxies</c> or <c>KnownNetworks</c> lists at least one entry.</param>
public sealed record ReverseProxyTrust(bool Enabled);

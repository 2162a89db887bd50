using System.Net;
using HajDesk.Web.Infrastructure;
using HajDesk.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace HajDesk.Web.Tests.PageTests;

/// <summary>Client addresses (for rate limits) come from X-Forwarded-For only when a configured proxy sent it.</summary>
public class ForwardedHeadersTests
{
    [Fact]
    public async Task ForwardedFor_IsBelievedOnlyFromConfiguredProxies()
    {
        await using var app = await HajDeskFactory.CreateAsync(settings: new Dictionary<string, string?>
        {
            ["ReverseProxy:KnownProxies:0"] = "10.0.0.5",
        });
        _ = app.Server;

        var fromProxy = await ClientKeyAsync(app, IPAddress.Parse("10.0.0.5"), "203.0.113.7");
        var fromStranger = await ClientKeyAsync(app, IPAddress.Parse("198.51.100.9"), "203.0.113.7");
        var loopbackWithoutConfig = await ClientKeyAsync(app, IPAddress.Loopback, "203.0.113.7");

        Assert.Equal("203.0.113.7", fromProxy);
        Assert.Equal("198.51.100.9", fromStranger);
        Assert.Equal("127.0.0.1", loopbackWithoutConfig);
        var options = app.Services.GetRequiredService<IOptions<ForwardedHeadersOptions>>().Value;
        Assert.Empty(options.KnownIPNetworks);
    }

    /// <summary>The key the rate limits would use for a request from <paramref name="peer"/> carrying X-Forwarded-For.</summary>
    private static async Task<string> ClientKeyAsync(HajDeskFactory app, IPAddress peer, string forwardedFor)
    {
        string? key = null;
        var pipeline = new ApplicationBuilder(app.Services);
        pipeline.UseForwardedHeaders();
        pipeline.Run(context =>
        {
            key = RateLimits.ClientKey(context);
            return Task.CompletedTask;
        });
        var context = new DefaultHttpContext { RequestServices = app.Services };
        context.Connection.RemoteIpAddress = peer;
        context.Request.Headers["X-Forwarded-For"] = forwardedFor;

        await pipeline.Build()(context);

        return key!;
    }
}

public class ForwardedHeadersStartupTests
{
    [Fact]
    public async Task Start_WithAProxyThatIsNotAnAddress_FailsNamingTheSetting()
    {
        await using var app = await HajDeskFactory.CreateAsync(settings: new Dictionary<string, string?>
        {
            ["ReverseProxy:KnownProxies:0"] = "proxy.example",
        });

        var error = Assert.ThrowsAny<Exception>(() => app.Server);

        Assert.Contains("ReverseProxy:KnownProxies", error.ToString(), StringComparison.Ordinal);
    }
}

using System.Net;
using HajDesk.Web.Tests.Infrastructure;

namespace HajDesk.Web.Tests.PageTests;

/// <summary>
/// X-Forwarded-For and X-Forwarded-Proto are believed only from a configured proxy. The app runs on real Kestrel
/// on 127.0.0.1, so the peer of every request here is 127.0.0.1: a stranger unless a test lists it as a proxy.
/// </summary>
public class ForwardedHeadersTests
{
    private const int PostsPerMinute = 3;

    [Fact]
    public async Task Get_FromAPeerThatIsNotAProxy_NewForwardedForEachTime_IsStillThrottled()
    {
        await using var app = await KestrelAppAsync(knownProxy: null);
        using var client = Client(app);

        var statuses = new List<HttpStatusCode>();
        for (var i = 1; i <= PostsPerMinute + 1; i++)
        {
            statuses.Add((await GetTrackFormAsync(client, forwardedFor: $"203.0.113.{i}", forwardedProto: null)).StatusCode);
        }

        Assert.All(statuses.Take(PostsPerMinute), s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
    }

    [Fact]
    public async Task Get_FromAConfiguredProxy_EachForwardedClientHasItsOwnBudget()
    {
        await using var app = await KestrelAppAsync(knownProxy: "127.0.0.1");
        using var client = Client(app);

        var statuses = new List<HttpStatusCode>();
        for (var i = 1; i <= PostsPerMinute + 1; i++)
        {
            statuses.Add((await GetTrackFormAsync(client, forwardedFor: $"203.0.113.{i}", forwardedProto: null)).StatusCode);
        }

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));
    }

    [Fact]
    public async Task Get_ForwardedProtoHttpsFromAPeerThatIsNotAProxy_CookiesAreNotMarkedSecure()
    {
        await using var app = await KestrelAppAsync(knownProxy: null);
        using var client = Client(app);

        var response = await GetTrackFormAsync(client, forwardedFor: null, forwardedProto: "https");

        var antiforgery = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("hajdesk.af=", StringComparison.Ordinal));
        Assert.DoesNotContain("secure", antiforgery, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Get_ForwardedProtoHttpsFromAConfiguredProxy_CookiesAreMarkedSecure()
    {
        await using var app = await KestrelAppAsync(knownProxy: "127.0.0.1");
        using var client = Client(app);

        var response = await GetTrackFormAsync(client, forwardedFor: "203.0.113.9", forwardedProto: "https");

        var antiforgery = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("hajdesk.af=", StringComparison.Ordinal));
        Assert.Contains("secure", antiforgery, StringComparison.OrdinalIgnoreCase);
    }

    private static async Task<HajDeskFactory> KestrelAppAsync(string? knownProxy)
    {
        var settings = new Dictionary<string, string?> { ["RateLimits:FormPostsPerMinute"] = PostsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        if (knownProxy is not null)
        {
            settings["ReverseProxy:KnownProxies:0"] = knownProxy;
        }

        var app = await HajDeskFactory.CreateAsync(settings: settings);
        app.UseKestrel(0);
        app.StartServer();
        return app;
    }

    private static HttpClient Client(HajDeskFactory app) =>
        new(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = app.ClientOptions.BaseAddress };

    private static Task<HttpResponseMessage> GetTrackFormAsync(HttpClient client, string? forwardedFor, string? forwardedProto)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/requests/track");
        if (forwardedFor is not null)
        {
            request.Headers.Add("X-Forwarded-For", forwardedFor);
        }

        if (forwardedProto is not null)
        {
            request.Headers.Add("X-Forwarded-Proto", forwardedProto);
        }

        return client.SendAsync(request);
    }
}

public class ForwardedHeadersStartupTests
{
    [Theory]
    [InlineData("ReverseProxy:KnownProxies:0", "proxy.example", "ReverseProxy:KnownProxies")]
    [InlineData("ReverseProxy:KnownNetworks:0", "10.0.0.0/33", "ReverseProxy:KnownNetworks")]
    public async Task Start_WithAProxySettingThatIsNotAnAddress_FailsNamingTheSetting(string key, string value, string named)
    {
        await using var app = await HajDeskFactory.CreateAsync(settings: new Dictionary<string, string?> { [key] = value });

        var error = Assert.ThrowsAny<Exception>(() => app.Server);

        Assert.Contains(named, error.ToString(), StringComparison.Ordinal);
    }
}

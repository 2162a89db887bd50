using System.Net;
using System.Net.Http.Json;
using HajDesk.Web.Captcha;
using HajDesk.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SkiaSharp;

namespace HajDesk.Web.Tests.Captcha;

public class CaptchaEndpointTests
{
    public static TheoryData<DatabaseProvider> Providers => [DatabaseProvider.Sqlite, DatabaseProvider.Postgres];

    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task GetImage_IssuedChallenge_IsAReadablePngNeverCached(DatabaseProvider provider)
    {
        await using var app = await HajDeskFactory.CreateAsync(provider);
        var id = await app.CreateChallengeAsync();

        var response = await app.CreateClient().GetAsync($"/captcha/{id}");
        var png = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
        Assert.True(response.Headers.CacheControl?.NoStore);
        Assert.Equal(PngSignature, png[..8]);
        using var bitmap = SKBitmap.Decode(png);
        Assert.Equal(CaptchaImage.Width * CaptchaImage.Scale, bitmap.Width);
        Assert.Equal(CaptchaImage.Height * CaptchaImage.Scale, bitmap.Height);
        // One ink on one paper in 16 shades: a few KB, and far from blank.
        Assert.InRange(png.Length, 1_000, 8_000);
        Assert.InRange(bitmap.Pixels.Distinct().Count(), 8, 16);
        var ink = bitmap.Pixels.MinBy(p => p.Red + p.Green + p.Blue);
        Assert.InRange(bitmap.Pixels.Count(p => p == ink), bitmap.Pixels.Length / 20, bitmap.Pixels.Length / 2);
    }

    [Fact]
    public async Task GetImage_SameChallengeTwice_IsTheSamePicture()
    {
        await using var app = await HajDeskFactory.CreateAsync();
        var client = app.CreateClient();
        var id = await app.CreateChallengeAsync();

        var first = await client.GetByteArrayAsync($"/captcha/{id}");
        var second = await client.GetByteArrayAsync($"/captcha/{id}");

        Assert.Equal(first, second);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task GetImage_UsedChallenge_Is404(DatabaseProvider provider)
    {
        await using var app = await HajDeskFactory.CreateAsync(provider);
        var id = await app.CreateChallengeAsync();
        await app.VerifyAsync(id, "wrong");

        var response = await app.CreateClient().GetAsync($"/captcha/{id}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task GetImage_UnknownChallenge_Is404()
    {
        await using var app = await HajDeskFactory.CreateAsync();

        var response = await app.CreateClient().GetAsync($"/captcha/{Guid.NewGuid()}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task GetImage_OverTheRateLimit_Is429()
    {
        await using var app = await HajDeskFactory.CreateAsync(settings: new Dictionary<string, string?>
        {
            ["RateLimits:CaptchaPerMinute"] = "3",
        });
        var client = app.CreateClient();
        var id = await app.CreateChallengeAsync();

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/captcha/{id}")).StatusCode);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, (await client.GetAsync($"/captcha/{id}")).StatusCode);
    }

    [Fact]
    public async Task PostNew_WithoutAntiforgeryToken_Is400AndIssuesNothing()
    {
        await using var app = await HajDeskFactory.CreateAsync();

        var response = await app.CreateClient().PostAsync("/captcha/new", null);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, await app.WithDbAsync(db => Task.FromResult(db.CaptchaChallenges.Count())));
    }

    [Fact]
    public async Task PostNew_WithHeaderTokenButNoCookie_Is400()
    {
        await using var app = await HajDeskFactory.CreateAsync();
        var (_, requestToken) = AntiforgeryTokens(app);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/captcha/new");
        request.Headers.Add("X-CSRF-TOKEN", requestToken);

        var response = await app.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false }).SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task PostNew_WithAntiforgeryToken_ReturnsAFreshChallengeAndItsPicture()
    {
        await using var app = await HajDeskFactory.CreateAsync();
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });
        var (cookie, requestToken) = AntiforgeryTokens(app);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/captcha/new");
        request.Headers.Add("Cookie", cookie);
        request.Headers.Add("X-CSRF-TOKEN", requestToken);

        var response = await client.SendAsync(request);
        var body = await response.Content.ReadFromJsonAsync<Dictionary<string, string>>();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl?.NoStore);
        Assert.Equal(["audio", "id", "image"], body!.Keys.Order());
        var id = Guid.Parse(body["id"]);
        Assert.Equal($"/captcha/{id}", body["image"]);
        Assert.Equal($"/captcha/{id}/audio", body["audio"]);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(body["image"])).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(body["audio"])).StatusCode);
        Assert.True(await app.VerifyAsync(id, await app.AnswerOfAsync(id)));
    }

    /// <summary>
    /// A cookie and request token pair made by the app's own antiforgery service, as a page with a form would
    /// hand them to the browser (no page of this branch has a form yet).
    /// </summary>
    private static (string Cookie, string RequestToken) AntiforgeryTokens(WebApplicationFactory<Program> app)
    {
        using var scope = app.Services.CreateScope();
        var context = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        var tokens = scope.ServiceProvider.GetRequiredService<IAntiforgery>().GetAndStoreTokens(context);
        var cookieName = scope.ServiceProvider.GetRequiredService<IOptions<AntiforgeryOptions>>().Value.Cookie.Name;
        return ($"{cookieName}={tokens.CookieToken}", tokens.RequestToken!);
    }
}

using System.Net;
using System.Net.Http.Headers;
using HajDesk.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;

namespace HajDesk.Web.Tests.PageTests;

/// <summary>CSS, scripts and fonts are served locally, compressed, and cached for long by a phone.</summary>
public class StaticAssetTests
{
    [Fact]
    public async Task Get_StylesheetsOfTheLayout_AreLocalFingerprintedCompressedAndImmutable()
    {
        // Real Kestrel on loopback: compression is negotiated the way a browser sees it.
        await using var app = await HajDeskFactory.CreateAsync();
        // The precompressed copies come from the build's static web assets (a published app carries them itself).
        var kestrel = app.WithWebHostBuilder(b => b.UseStaticWebAssets());
        kestrel.UseKestrel(0);
        kestrel.StartServer();
        using var client = new HttpClient(new HttpClientHandler { AutomaticDecompression = DecompressionMethods.None })
        {
            BaseAddress = kestrel.ClientOptions.BaseAddress,
        };
        var page = await client.GetDocumentAsync("/");
        var stylesheets = page.QuerySelectorAll("link[rel=stylesheet]").Select(l => l.GetAttribute("href")!).ToList();

        Assert.Contains(stylesheets, s => s.StartsWith("/lib/bootstrap/bootstrap.rtl.min.", StringComparison.Ordinal));
        Assert.All(stylesheets, s => Assert.StartsWith("/", s));
        foreach (var href in stylesheets)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, href);
            request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("gzip"));
            var response = await client.SendAsync(request);

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("public, max-age=31536000, immutable", response.Headers.CacheControl!.ToString());
            Assert.Contains("gzip", response.Content.Headers.ContentEncoding);
        }
    }

    [Fact]
    public async Task Get_VersionedFont_IsImmutableAndUnversionedIsRevalidated()
    {
        await using var app = await HajDeskFactory.CreateAsync();
        var client = app.CreateClient();

        var versioned = await client.GetAsync("/lib/vazirmatn/Vazirmatn-Regular.woff2?v=33.0.3");
        var plain = await client.GetAsync("/lib/vazirmatn/Vazirmatn-Regular.woff2");

        Assert.Equal(HttpStatusCode.OK, versioned.StatusCode);
        Assert.Equal("font/woff2", versioned.Content.Headers.ContentType!.MediaType);
        Assert.Equal("public, max-age=31536000, immutable", versioned.Headers.CacheControl!.ToString());
        Assert.NotEqual("public, max-age=31536000, immutable", plain.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task Get_FontStylesheet_AsksForVersionedFonts()
    {
        await using var app = await HajDeskFactory.CreateAsync();

        var css = await app.CreateClient().GetStringAsync("/lib/vazirmatn/vazirmatn.css");

        Assert.Contains("Vazirmatn-Regular.woff2?v=", css, StringComparison.Ordinal);
        Assert.DoesNotContain("http", css, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_PageFonts_AreTheSubsetWoff2FilesVersionedAndSmall()
    {
        await using var app = await HajDeskFactory.CreateAsync();
        var client = app.CreateClient();
        var page = await client.GetDocumentAsync("/requests/send");
        var fontSheet = page.QuerySelectorAll("link[rel=stylesheet]").Select(l => l.GetAttribute("href")!)
            .Single(h => h.StartsWith("/fonts/vazirmatn.", StringComparison.Ordinal));

        var css = await client.GetStringAsync(fontSheet);
        var fonts = System.Text.RegularExpressions.Regex.Matches(css, @"url\(""([^""]+)""\)").Select(m => m.Groups[1].Value).ToList();

        Assert.Equal(3, fonts.Count);
        foreach (var font in fonts)
        {
            Assert.Contains(".woff2?v=", font, StringComparison.Ordinal);
            var response = await client.GetAsync("/fonts/" + font);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("font/woff2", response.Content.Headers.ContentType!.MediaType);
            Assert.Equal("public, max-age=31536000, immutable", response.Headers.CacheControl!.ToString());
            // The full Vazirmatn files are about 50 KB each; the subset keeps Persian, Latin and the pages' own characters.
            Assert.InRange((await response.Content.ReadAsByteArrayAsync()).Length, 5_000, 30_000);
        }
    }
}

using System.Net;
using AngleSharp.Html.Dom;
using HajDesk.Web.Tests.Infrastructure;
using HajDesk.Web.Tests.PageTests.Requests;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;

namespace HajDesk.Web.Tests.Security;

/// <summary>
/// Finding 7 of the security review: every cookie the citizen journeys set — antiforgery, receipt, follow-up and
/// the TempData notice after a follow-up message — is HTTP-only, <c>SameSite=Strict</c> and <c>Secure</c> under HTTPS.
/// </summary>
public class CookieFlagsTests
{
    [Fact]
    public async Task CitizenJourneys_UnderHttpsInProduction_EveryCookieIsSecureHttpOnlyAndStrict()
    {
        await using var app = await HajDeskFactory.CreateAsync(settings: ProductionApp.Settings());
        var recorder = new SetCookieRecorder();
        using var client = app.CreateDefaultClient(new Uri("https://hajdesk.example"), new CookieContainerHandler(), recorder);

        // Send a request: antiforgery and receipt cookies.
        var send = await SendPage.OpenAsync(client);
        var sent = await send.PostAsync(send.ValidValues(new Dictionary<string, string?> { ["CaptchaAnswer"] = await app.CaptchaAnswerAsync(send.Form) }));
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        var trackingCode = await app.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(
            db.Requests.Select(r => r.TrackingCode)));

        // Follow it up: the follow-up cookie.
        var trackForm = (await client.GetDocumentAsync("/requests/track")).Form("#track-form");
        var tracked = await client.SubmitAsync(trackForm, new Dictionary<string, string?>
        {
            ["NationalCode"] = SendPage.NationalCode,
            ["TrackingCode"] = trackingCode,
            ["CaptchaAnswer"] = await app.CaptchaAnswerAsync(trackForm),
        });
        Assert.Equal(HttpStatusCode.Redirect, tracked.StatusCode);

        // Add a message: the TempData cookie that carries the notice across the redirect.
        var result = await client.GetDocumentAsync("/requests/track/result");
        var message = await client.SubmitMultipartAsync(result.Form("#message-form"),
            new Dictionary<string, string?> { ["MessageText"] = "مدرک تکمیلی" }, action: "/requests/track/result?handler=Message");
        Assert.Equal(HttpStatusCode.Redirect, message.StatusCode);

        var names = recorder.SetCookies.Select(c => c[..c.IndexOf('=', StringComparison.Ordinal)]).Distinct().ToList();
        Assert.Contains("hajdesk.af", names);
        Assert.Contains("hajdesk.receipt", names);
        Assert.Contains("hajdesk.track", names);
        Assert.Contains("hajdesk.notice", names);
        Assert.All(recorder.SetCookies, cookie =>
        {
            var flags = cookie.Split(';').Skip(1).Select(f => f.Trim().ToLowerInvariant()).ToList();
            Assert.True(flags.Contains("secure") && flags.Contains("httponly") && flags.Contains("samesite=strict"), cookie);
        });
    }
}

/// <summary>HSTS outside Development: a year, <c>includeSubDomains</c> only when <c>Hsts:IncludeSubDomains</c> says so.</summary>
public class HstsTests
{
    [Theory]
    [InlineData(null, "max-age=31536000")]
    [InlineData("false", "max-age=31536000")]
    [InlineData("true", "max-age=31536000; includeSubDomains")]
    public async Task Get_OverHttpsInProduction_SendsHstsForAYear(string? includeSubDomains, string expected)
    {
        await using var app = await HajDeskFactory.CreateAsync(settings: ProductionApp.Settings(
            includeSubDomains is null ? null : new Dictionary<string, string?> { ["Hsts:IncludeSubDomains"] = includeSubDomains }));
        using var client = app.CreateDefaultClient(new Uri("https://hajdesk.example"));

        var response = await client.GetAsync("/requests/track");

        Assert.Equal(expected, Assert.Single(response.Headers.GetValues("Strict-Transport-Security")));
    }
}

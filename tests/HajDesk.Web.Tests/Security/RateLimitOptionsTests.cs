using HajDesk.Web.Tests.Infrastructure;

namespace HajDesk.Web.Tests.Security;

/// <summary>Every <c>RateLimits:*</c> setting is validated at start-up; a wrong one stops the app naming it.</summary>
public class RateLimitOptionsTests
{
    [Theory]
    [InlineData("RateLimits:TrackByClient", "0")]
    [InlineData("RateLimits:TrackByNationalCode", "-3")]
    [InlineData("RateLimits:FormPostsPerMinute", "سی")]
    [InlineData("RateLimits:StaffSignInPerMinute", "0")]
    [InlineData("RateLimits:CaptchaPerMinute", "0")]
    [InlineData("RateLimits:CaptchaAudioByClient", "0")]
    public async Task Start_WithAWrongRateLimit_FailsNamingTheSetting(string key, string value)
    {
        await using var app = await HajDeskFactory.CreateAsync(settings: new Dictionary<string, string?> { [key] = value });

        var error = Assert.ThrowsAny<Exception>(() => app.Server);

        Assert.Contains(key, error.ToString(), StringComparison.Ordinal);
    }
}

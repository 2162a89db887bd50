using HajDesk.Core.Data;
using HajDesk.Web.Captcha;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace HajDesk.Web.Tests.Captcha;

/// <summary>A clock the test moves by hand.</summary>
public sealed class ManualClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;

    public void Advance(TimeSpan by) => Now += by;
}

/// <summary>Shortcuts to the app's <see cref="CaptchaService"/> and to a challenge's expected digits.</summary>
public static class CaptchaTestApp
{
    /// <summary>The app on <paramref name="clock"/> instead of the system clock.</summary>
    public static WebApplicationFactory<Program> WithClock(this WebApplicationFactory<Program> app, TimeProvider clock) =>
        app.WithWebHostBuilder(b => b.ConfigureServices(s => s.Replace(ServiceDescriptor.Singleton(clock))));

    public static async Task<T> WithCaptchaAsync<T>(this WebApplicationFactory<Program> app, Func<CaptchaService, Task<T>> action)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<CaptchaService>());
    }

    public static Task<Guid> CreateChallengeAsync(this WebApplicationFactory<Program> app) =>
        app.WithCaptchaAsync(c => Task.FromResult(c.Create()));

    public static Task<bool> VerifyAsync(this WebApplicationFactory<Program> app, Guid id, string? answer) =>
        app.WithCaptchaAsync(c => c.VerifyAsync(id, answer, CancellationToken.None));

    /// <summary>The challenge's row, stored once it is spent.</summary>
    public static async Task<Core.Captcha.CaptchaChallenge> ChallengeAsync(this WebApplicationFactory<Program> app, Guid id)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HajDeskDbContext>();
        return await db.CaptchaChallenges.AsNoTracking().SingleAsync(c => c.Id == id);
    }

    /// <summary>The digits the picture shows, derived from the app's key as the app does.</summary>
    public static Task<string> AnswerOfAsync(this WebApplicationFactory<Program> app, Guid id) =>
        app.WithCaptchaAsync(c => Task.FromResult(c.DigitsOf(id)));

    /// <summary>ASCII digits written in another script: ۱۲۳ or ١٢٣.</summary>
    public static string InDigits(this string ascii, char zero) =>
        string.Concat(ascii.Select(c => (char)(zero + (c - '0'))));
}

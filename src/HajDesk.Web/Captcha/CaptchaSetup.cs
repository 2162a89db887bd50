using HajDesk.Web.Infrastructure;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace HajDesk.Web.Captcha;

/// <summary>Registers the security code and maps its picture and refresh endpoints.</summary>
public static class CaptchaSetup
{

    /// <summary>The address of a challenge's picture.</summary>
    public static string ImagePath(Guid id) => $"/captcha/{id}";

    /// <summary>The address of a challenge's spoken version.</summary>
    public static string AudioPath(Guid id) => $"/captcha/{id}/audio";

    /// <summary>
    /// Adds <see cref="CaptchaService"/>, the answer key (see <see cref="CaptchaKeys"/>), the font and the spoken digits
    /// (loaded now: start-up fails if they are missing), the rate-limit
    /// policy and the filter that routes the «تصویر جدید» post-back to <c>OnPostNewCaptchaAsync</c>. Refuses <c>Captcha:TestCode</c> outside the Development and Testing environments.
    /// </summary>
    public static IServiceCollection AddCaptcha(this IServiceCollection services, IConfiguration configuration,
        IHostEnvironment environment)
    {
        var settings = configuration.GetSection(CaptchaOptions.Section).Get<CaptchaOptions>() ?? new CaptchaOptions();
        if (!string.IsNullOrEmpty(settings.TestCode) && !environment.IsDevelopment() && !environment.IsEnvironment("Testing"))
        {
            throw new OptionsValidationException(CaptchaOptions.Section, typeof(CaptchaOptions),
                [$"Captcha:TestCode is set in the '{environment.EnvironmentName}' environment. It lets anyone pass " +
                 "the security code and is allowed only in Development and Testing: remove Captcha:TestCode."]);
        }

        services.AddOptions<CaptchaOptions>().BindConfiguration(CaptchaOptions.Section)
            .Validate(o => o.Lifetime >= TimeSpan.FromSeconds(30) && o.Lifetime <= TimeSpan.FromHours(1),
                "Captcha:Lifetime must be between 00:00:30 and 01:00:00.")
            .Validate(o => o.Digits is >= 4 and <= 8, "Captcha:Digits must be between 4 and 8.")
            .Validate(o => string.IsNullOrEmpty(o.TestCode) || (o.TestCode.Length <= 10 && o.TestCode.All(char.IsAsciiDigit)),
                "Captcha:TestCode must be up to 10 ASCII digits.")
            // The answer key is checked when the app starts serving, not by commands such as `migrate`, which
            // never draw a security code and may run with only the database settings.
            .Validate(o => CaptchaKeys.Resolve(o.AnswerKey, configuration, environment) is not null, "Captcha:AnswerKey is not usable.")
            .ValidateOnStart();

        services.AddSingleton(_ => CaptchaKeys.Resolve(settings.AnswerKey, configuration, environment));
        services.AddSingleton(CaptchaImage.Load(CaptchaImage.DefaultFontPath));
        services.AddSingleton(CaptchaAudio.Load(CaptchaAudio.DefaultFolder));
        services.AddScoped<CaptchaService>();
        services.AddSingleton<CaptchaClaims>();
        services.Configure<MvcOptions>(o => o.Filters.Add(new CaptchaHandlerFilter()));


        return services;
    }

    /// <summary>
    /// <c>GET /captcha/{id}</c>: the PNG of an unused, unexpired challenge (404 otherwise), never cached.
    /// <c>GET /captcha/{id}/audio</c>: the same challenge spoken, as WAV (404 otherwise), never cached; also limited
    /// per address by <see cref="Throttle.TryHearChallengeAsync"/>.
    /// <c>POST /captcha/new</c>: a new challenge as <c>{ "id", "image", "audio" }</c> for the page script; it needs the
    /// antiforgery token in the <c>X-CSRF-TOKEN</c> header.
    /// </summary>
    public static WebApplication MapCaptcha(this WebApplication app)
    {
        app.MapGet("/captcha/{id:guid}", async (Guid id, CaptchaService captcha, HttpContext http, CancellationToken ct) =>
        {
            http.Response.Headers.CacheControl = "no-store";
            var png = await captcha.RenderPngAsync(id, ct);
            return png is null ? Results.NotFound() : Results.File(png, "image/png");
        }).RequireRateLimiting(RateLimits.Captcha).ExcludeFromDescription();

        app.MapGet("/captcha/{id:guid}/audio", async (Guid id, CaptchaService captcha, Throttle throttle, HttpContext http, CancellationToken ct) =>
        {
            http.Response.Headers.CacheControl = "no-store";
            if (!await captcha.IsLiveAsync(id, ct))
            {
                return Results.NotFound();
            }

            // Its own limit, on every node together: the sound is what a machine reads most easily.
            if (!await throttle.TryHearChallengeAsync(RateLimits.ClientKey(http), id, ct))
            {
                return Results.StatusCode(StatusCodes.Status429TooManyRequests);
            }

            var wav = await captcha.RenderWavAsync(id, ct);
            return wav is null ? Results.NotFound() : Results.File(wav, "audio/wav", enableRangeProcessing: true);
        }).RequireRateLimiting(RateLimits.Captcha).ExcludeFromDescription();

        app.MapPost("/captcha/new", async (HttpContext http, IAntiforgery antiforgery, CaptchaService captcha) =>
        {
            http.Response.Headers.CacheControl = "no-store";
            if (!await antiforgery.IsRequestValidAsync(http))
            {
                return Results.BadRequest();
            }

            var id = captcha.Create();
            return Results.Ok(new NewChallenge(id, ImagePath(id), AudioPath(id)));
        }).RequireRateLimiting(RateLimits.Captcha).ExcludeFromDescription();

        return app;
    }

    /// <summary>The answer of <c>POST /captcha/new</c>.</summary>
    internal sealed record NewChallenge(Guid Id, string Image, string Audio);
}

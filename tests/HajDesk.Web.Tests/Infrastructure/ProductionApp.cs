using AngleSharp.Dom;

namespace HajDesk.Web.Tests.Infrastructure;

/// <summary>
/// The app in the Production environment, as operators run it: no test security code (forms are answered with the
/// real digits, read back from the stored challenge), HSTS on.
/// </summary>
public static class ProductionApp
{
    public static Dictionary<string, string?> Settings(IDictionary<string, string?>? more = null)
    {
        // A key-ring certificate is required in Production; tests that are not about it accept the unencrypted ring
        // on purpose, as an operator may (KeyRingTests check both).
        var settings = new Dictionary<string, string?>
        {
            ["environment"] = "Production",
            ["Captcha:TestCode"] = "",
            ["DataProtection:AllowUnencryptedKeys"] = "true",
        };
        foreach (var (key, value) in more ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        return settings;
    }

    /// <summary>The digits of a security-code challenge, as a person reads them from the picture.</summary>
    public static Task<string> CaptchaAnswerAsync(this HajDeskFactory app, Guid challenge) =>
        HajDesk.Web.Tests.Captcha.CaptchaTestApp.AnswerOfAsync(app, challenge);

    /// <summary>The answer to the security code of <paramref name="form"/>.</summary>
    public static async Task<string> CaptchaAnswerAsync(this HajDeskFactory app, AngleSharp.Html.Dom.IHtmlFormElement form) =>
        await app.CaptchaAnswerAsync(Guid.Parse(form.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("[name=CaptchaId]")!.Value));
}

/// <summary>Keeps every <c>Set-Cookie</c> header the app sends, to check the flags of each cookie.</summary>
public sealed class SetCookieRecorder : DelegatingHandler
{
    public List<string> SetCookies { get; } = [];

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        if (response.Headers.TryGetValues("Set-Cookie", out var values))
        {
            SetCookies.AddRange(values);
        }

        return response;
    }
}

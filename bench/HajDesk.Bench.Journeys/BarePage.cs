using System.Text;

namespace HajDesk.Bench.Journeys;

/// <summary>
/// The denominator of the home page: Kestrel with the default host builder and one endpoint that returns a small
/// constant HTML page, measured with the same generator, concurrency and machine as the app.
/// </summary>
public static class BarePage
{
    /// <summary>What the generator looks for to count a response as the page.</summary>
    public const string Marker = "data-testid=\"bare-page\"";

    private const string Page = """
        <!DOCTYPE html>
        <html lang="fa" dir="rtl">
        <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>میز خدمت الکترونیک</title></head>
        <body><main><h1 data-testid="bare-page">میز خدمت الکترونیک سازمان حج و زیارت</h1>
        <p>ارسال درخواست و پیگیری درخواست.</p>
        <p><a href="/requests/send">ارسال درخواست</a> · <a href="/requests/track">پیگیری درخواست</a></p></main></body>
        </html>
        """;

    public static async Task<int> RunAsync(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        await using var app = builder.Build();
        var body = Encoding.UTF8.GetBytes(Page);
        app.MapGet("/", () => Results.Bytes(body, "text/html; charset=utf-8"));
        await app.RunAsync();
        return 0;
    }
}

using Microsoft.Playwright;

namespace HajDesk.EndToEndTests.Infrastructure;

/// <summary>The two widths every journey runs at; theories take the name so that test names stay readable.</summary>
public static class Viewports
{
    public const string Phone = "phone";
    public const string Desktop = "desktop";

    /// <summary>Theory data: both viewports.</summary>
    public static TheoryData<string> Both => new(Phone, Desktop);

    /// <summary>
    /// Theory data: the desktop with JavaScript and the phone without, each with its own number (a year, a month) so
    /// that the two runs on the one app never see each other's data.
    /// </summary>
    public static TheoryData<string, bool, int> WithAndWithoutScript(int desktop, int phone) =>
        new() { { Desktop, true, desktop }, { Phone, false, phone } };

    public static BrowserNewContextOptions ContextOptions(string viewport, bool javaScript = true) => viewport switch
    {
        Phone => new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 390, Height = 844 },
            IsMobile = true,
            HasTouch = true,
            DeviceScaleFactor = 2,
            Locale = "fa-IR",
            TimezoneId = "Asia/Tehran",
            JavaScriptEnabled = javaScript,
        },
        Desktop => new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
            Locale = "fa-IR",
            TimezoneId = "Asia/Tehran",
            JavaScriptEnabled = javaScript,
        },
        _ => throw new ArgumentOutOfRangeException(nameof(viewport), viewport, "Use Viewports.Phone or Viewports.Desktop."),
    };
}

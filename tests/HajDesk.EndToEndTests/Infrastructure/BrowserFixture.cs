using Microsoft.Playwright;

namespace HajDesk.EndToEndTests.Infrastructure;

/// <summary>
/// One app and one headless Chromium for the whole assembly (every test class is in <see cref="BrowserCollection"/>);
/// each test opens its own browser context through <see cref="Journey"/>.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private static readonly string[] ChromiumArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--no-first-run",
    ];

    private IPlaywright? playwright;

    public KestrelApp App { get; } = new();

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>The axe-core script, injected into pages by <see cref="Accessibility"/>.</summary>
    public string AxeSource { get; private set; } = string.Empty;

    public async Task InitializeAsync()
    {
        TestPaths.RequireTools();
        // This run's pictures and pages only: a file left from an earlier run would look like this run's result.
        foreach (var (folder, pattern) in new[] { (TestPaths.Screenshots, "*.png"), (TestPaths.Html, "*.html"), (TestPaths.Html, "*.txt") })
        {
            Directory.CreateDirectory(folder);
            foreach (var old in Directory.EnumerateFiles(folder, pattern))
            {
                File.Delete(old);
            }
        }

        AxeSource = await File.ReadAllTextAsync(TestPaths.AxeJs);
        // A 2-core machine running the app, the browser and the checker at once is slower than a desk PC.
        Assertions.SetDefaultExpectTimeout(10_000);

        var appStarted = Task.Run(App.Start);
        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = TestPaths.Chromium,
            Headless = true,
            Args = ChromiumArgs,
        });
        await appStarted;
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        playwright?.Dispose();
        await App.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "Browser";
}

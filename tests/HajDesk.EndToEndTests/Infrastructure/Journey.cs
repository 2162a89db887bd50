using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace HajDesk.EndToEndTests.Infrastructure;

/// <summary>
/// One test's browser context and page. <see cref="StepAsync"/> records a page state: a screenshot, axe-core on the
/// live page, and the server's HTML of that state for the Nu Html Checker. <see cref="FinishAsync"/> checks the HTML
/// of every state in one checker run and fails the test listing every accessibility violation, HTML error and
/// script error met on the way.
/// </summary>
public sealed class Journey : IAsyncDisposable
{
    /// <summary>Replaces <c>window.print</c> (the print dialog would block a headless browser) by a counter.</summary>
    private const string PrintStub = "window.print = function () { window.__hajdeskPrints = (window.__hajdeskPrints || 0) + 1; };";

    private readonly BrowserFixture fixture;
    private readonly ITestOutputHelper output;
    private readonly List<AxeViolation> violations = [];
    private readonly List<(string File, string State)> htmlFiles = [];
    private readonly HashSet<IResponse> savedResponses = [];
    private readonly ConcurrentQueue<string> scriptErrors = new();
    private readonly ConcurrentQueue<IRequest> failedRequests = new();

    /// <summary>Addresses answered with a file to save: the browser then aborts their navigation, which is no failure.</summary>
    private readonly ConcurrentDictionary<string, bool> downloads = new();
    private IResponse? lastServed;
    private int step;
    private bool finished;

    private Journey(BrowserFixture fixture, ITestOutputHelper output, string name, string viewport, IBrowserContext context, IPage page,
        bool javaScript)
    {
        JavaScript = javaScript;
        this.fixture = fixture;
        this.output = output;
        Name = name;
        Viewport = viewport;
        Context = context;
        Page = page;
        Page.Response += (_, response) => Remember(response);
        Page.PageError += (_, error) => scriptErrors.Enqueue($"uncaught: {error}");
        Page.Console += (_, message) =>
        {
            // Failed loads are reported below with their address; forms answer 400 by design to show mistakes.
            if (message.Type == "error" && !message.Text.StartsWith("Failed to load resource:", StringComparison.Ordinal))
            {
                scriptErrors.Enqueue($"console: {message.Text}");
            }
        };
        Page.RequestFailed += (_, request) => failedRequests.Enqueue(request);
    }

    public string Name { get; }

    public string Viewport { get; }

    /// <summary>Whether the page's scripts run in this journey's browser.</summary>
    public bool JavaScript { get; }

    public IBrowserContext Context { get; }

    public IPage Page { get; }

    public string BaseUrl { get; private init; } = string.Empty;

    public KestrelApp App => fixture.App;

    /// <summary>A browser context on the fixture's app, or on <paramref name="baseUrl"/> (another deployment) when given.</summary>
    public static async Task<Journey> StartAsync(BrowserFixture fixture, ITestOutputHelper output, string name, string viewport,
        bool javaScript = true, string? baseUrl = null)
    {
        var options = Viewports.ContextOptions(viewport, javaScript);
        options.BaseURL = baseUrl ?? fixture.App.BaseUrl;
        var context = await fixture.Browser.NewContextAsync(options);
        context.SetDefaultTimeout(15_000);
        if (javaScript)
        {
            await context.AddInitScriptAsync(PrintStub);
        }

        var page = await context.NewPageAsync();
        return new Journey(fixture, output, name, viewport, context, page, javaScript) { BaseUrl = options.BaseURL };
    }

    /// <summary>Goes to an address of the app and returns the response.</summary>
    public async Task<IResponse> GotoAsync(string path)
    {
        var response = await Page.GotoAsync(path) ?? throw new InvalidOperationException($"No response for {path}.");
        return response;
    }

    /// <summary>
    /// Records the current page state: full-page screenshot <c>NN-journey-step-viewport.png</c>, axe-core, and (when
    /// the state came from the server rather than from script on the page) the served HTML for the checker.
    /// </summary>
    public async Task StepAsync(string state)
    {
        step++;
        var baseName = $"{step:D2}-{Name}-{state}-{Viewport}";
        await Page.ScreenshotAsync(new PageScreenshotOptions
        {
            Path = Path.Combine(TestPaths.Screenshots, baseName + ".png"),
            FullPage = true,
            Animations = ScreenshotAnimations.Disabled,
        });

        var found = await Accessibility.CheckAsync(Page, fixture.AxeSource, baseName, JavaScript);
        violations.AddRange(found);

        var served = lastServed;
        if (served is not null && savedResponses.Add(served))
        {
            var file = Path.Combine(TestPaths.Html, baseName + ".html");
            await File.WriteAllBytesAsync(file, await served.BodyAsync());
            htmlFiles.Add((file, baseName));
        }

        output.WriteLine($"{baseName}: {Page.Url}{(found.Count == 0 ? "" : $" — {found.Count} axe violation(s)")}");
    }

    /// <summary>How many times the page asked to print (the print dialog is stubbed).</summary>
    public Task<int> PrintCallsAsync() => Page.EvaluateAsync<int>("() => window.__hajdeskPrints || 0");

    /// <summary>Checks the HTML of every recorded state and fails on any problem met during the journey.</summary>
    public async Task FinishAsync()
    {
        var htmlErrors = await HtmlValidator.CheckAsync(htmlFiles.Select(f => f.File).ToList());
        var report = new StringBuilder();
        if (violations.Count > 0)
        {
            report.AppendLine(CultureInfo.InvariantCulture, $"axe-core ({string.Join(", ", Accessibility.Tags)}) found {violations.Count} violation(s):");
            foreach (var violation in violations)
            {
                report.AppendLine("  " + violation);
            }
        }

        if (htmlErrors.Count > 0)
        {
            report.AppendLine(CultureInfo.InvariantCulture, $"The Nu Html Checker found {htmlErrors.Count} error(s) in the served HTML (files in {TestPaths.Html}):");
            foreach (var error in htmlErrors)
            {
                report.AppendLine("  " + error);
            }
        }

        foreach (var request in failedRequests.Where(r => !downloads.ContainsKey(r.Url)))
        {
            scriptErrors.Enqueue($"failed: {request.Method} {request.Url} ({request.Failure})");
        }

        if (!scriptErrors.IsEmpty)
        {
            report.AppendLine("The page reported script errors or failed loads:");
            foreach (var error in scriptErrors)
            {
                report.AppendLine("  " + error);
            }
        }

        finished = true;
        output.WriteLine($"{Name}-{Viewport}: {step} states, {htmlFiles.Count} HTML files checked.");
        if (report.Length > 0)
        {
            Assert.Fail(report.ToString());
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!finished)
        {
            // The test failed before its end: keep what the page looked like, to see why.
            var baseName = $"failed-{Name}-{Viewport}";
            try
            {
                await Page.ScreenshotAsync(new() { Path = Path.Combine(TestPaths.Screenshots, baseName + ".png"), FullPage = true });
                await File.WriteAllTextAsync(Path.Combine(TestPaths.Html, baseName + ".dom.txt"), $"<!-- {Page.Url} -->\n" + await Page.ContentAsync());
                output.WriteLine($"{baseName}: {Page.Url} (screenshot and DOM kept)");
            }
            catch (PlaywrightException e)
            {
                output.WriteLine($"{baseName}: no screenshot ({e.Message})");
            }
        }

        await Context.CloseAsync();
    }

    /// <summary>A file the server sends to be saved (an export): no page state, nothing for the HTML checker.</summary>
    private static bool IsDownload(IResponse response) =>
        response.Headers.TryGetValue("content-disposition", out var disposition)
        && disposition.StartsWith("attachment", StringComparison.OrdinalIgnoreCase);

    private void Remember(IResponse response)
    {
        var request = response.Request;
        if (response.Status >= 400 && request.ResourceType is not ("document" or "xhr" or "fetch"))
        {
            // A picture, style sheet, script or font the page needs and did not get.
            scriptErrors.Enqueue($"{response.Status}: {request.Method} {request.Url} ({request.ResourceType})");
        }

        if (IsDownload(response))
        {
            downloads[request.Url] = true;
            return;
        }

        if (response.Status is >= 300 and < 400)
        {
            return;
        }

        var isPage = request.ResourceType == "document" && response.Frame.ParentFrame is null;
        // The send form posts with XMLHttpRequest when files are chosen (for the progress bar) and writes the
        // returned page into the document: that response is the served HTML of the state that follows.
        var isWrittenPage = request.ResourceType is "xhr" && request.Method == "POST"
            && response.Headers.TryGetValue("content-type", out var type) && type.StartsWith("text/html", StringComparison.Ordinal);
        if (isPage || isWrittenPage)
        {
            lastServed = response;
        }
    }
}

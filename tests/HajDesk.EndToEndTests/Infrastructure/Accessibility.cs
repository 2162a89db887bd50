using System.Text;
using System.Text.Json;
using Microsoft.Playwright;

namespace HajDesk.EndToEndTests.Infrastructure;

/// <summary>One axe-core violation on one page state.</summary>
public sealed record AxeViolation(string State, string Id, string? Impact, string Help, string HelpUrl, IReadOnlyList<AxeNode> Nodes)
{
    public override string ToString()
    {
        var text = new StringBuilder($"[{State}] {Id} ({Impact}): {Help} — {HelpUrl}");
        foreach (var node in Nodes)
        {
            text.Append(Environment.NewLine).Append("    at ").Append(node.Target).Append(Environment.NewLine)
                .Append("      ").Append(node.Summary.ReplaceLineEndings(" / "));
        }

        return text.ToString();
    }
}

public sealed record AxeNode(string Target, string Summary);

/// <summary>
/// Runs axe-core (the project's pinned copy, <c>HAJDESK_AXE_JS</c>) on the page. The script is evaluated through
/// the DevTools protocol, which the app's Content-Security-Policy (no inline script) does not block, so the page is
/// checked exactly as it is served, with its CSP on.
/// </summary>
public static class Accessibility
{
    /// <summary>WCAG 2.0, 2.1 and 2.2, levels A and AA.</summary>
    public static readonly string[] Tags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

    private const string RunAxe = """
        async (tags) => {
            const results = await window.axe.run(document, {
                runOnly: { type: 'tag', values: tags },
                resultTypes: ['violations'],
            });
            return JSON.stringify(results.violations.map(v => ({
                id: v.id,
                impact: v.impact,
                help: v.help,
                helpUrl: v.helpUrl,
                nodes: v.nodes.map(n => ({ target: n.target.join(' '), summary: n.failureSummary || '' })),
            })));
        }
        """;

    private static readonly JsonSerializerOptions Json = new() { PropertyNameCaseInsensitive = true };

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    /// <summary>
    /// With the page's JavaScript turned off the browser runs no timers, not even an isolated world's, and axe
    /// waits on them between rules: there they are replaced, in axe's world only, by microtasks (which do run).
    /// </summary>
    private const string TimersAsMicrotasks = """
        (() => {
            const soon = (fn, ...args) => { Promise.resolve().then(() => fn(...args)); return 0; };
            window.setTimeout = (fn, ms, ...args) => soon(fn, ...args);
            window.clearTimeout = () => {};
            window.requestAnimationFrame = fn => soon(fn, performance.now());
            window.requestIdleCallback = fn => soon(fn, { didTimeout: false, timeRemaining: () => 50 });
        })()
        """;

    public static async Task<IReadOnlyList<AxeViolation>> CheckAsync(IPage page, string axeSource, string state, bool pageScriptsRun)
    {
        var json = await RunAsync(page, axeSource, pageScriptsRun).WaitAsync(Timeout);
        var raw = JsonSerializer.Deserialize<List<RawViolation>>(json, Json) ?? [];
        return raw.Select(v => new AxeViolation(state, v.Id, v.Impact, v.Help, v.HelpUrl,
            v.Nodes.Select(n => new AxeNode(n.Target, n.Summary)).ToList())).ToList();
    }

    /// <summary>
    /// Runs axe in an isolated world of the page's main frame (as browser extensions do): it sees the same DOM and
    /// styles, works when the page's JavaScript is turned off, and leaves the page's own globals untouched.
    /// </summary>
    private static async Task<string> RunAsync(IPage page, string axeSource, bool pageScriptsRun)
    {
        var cdp = await page.Context.NewCDPSessionAsync(page);
        try
        {
            var tree = await cdp.SendAsync("Page.getFrameTree") ?? throw new InvalidOperationException("Page.getFrameTree returned nothing.");
            var frameId = tree.GetProperty("frameTree").GetProperty("frame").GetProperty("id").GetString();
            var world = await cdp.SendAsync("Page.createIsolatedWorld", new() { ["frameId"] = frameId!, ["worldName"] = "hajdesk-axe" })
                ?? throw new InvalidOperationException("Page.createIsolatedWorld returned nothing.");
            var contextId = world.GetProperty("executionContextId").GetInt32();
            if (!pageScriptsRun)
            {
                await EvaluateAsync(cdp, contextId, TimersAsMicrotasks, awaitPromise: false);
            }

            await EvaluateAsync(cdp, contextId, axeSource, awaitPromise: false);
            var result = await EvaluateAsync(cdp, contextId, $"({RunAxe})({JsonSerializer.Serialize(Tags)})", awaitPromise: true);
            return result.GetProperty("value").GetString() ?? "[]";
        }
        finally
        {
            await cdp.DetachAsync();
        }
    }

    private static async Task<JsonElement> EvaluateAsync(ICDPSession cdp, int contextId, string expression, bool awaitPromise)
    {
        var answer = await cdp.SendAsync("Runtime.evaluate", new()
        {
            ["expression"] = expression,
            ["contextId"] = contextId,
            ["awaitPromise"] = awaitPromise,
            ["returnByValue"] = awaitPromise,
        }) ?? throw new InvalidOperationException("Runtime.evaluate returned nothing.");
        if (answer.TryGetProperty("exceptionDetails", out var exception))
        {
            throw new InvalidOperationException($"axe-core failed in the page: {exception}");
        }

        return answer.GetProperty("result");
    }

    private sealed record RawViolation(string Id, string? Impact, string Help, string HelpUrl, List<RawNode> Nodes);

    private sealed record RawNode(string Target, string Summary);
}

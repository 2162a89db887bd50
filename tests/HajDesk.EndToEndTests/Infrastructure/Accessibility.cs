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
/// Runs axe-core (the project's pinned copy, <c>HAJDESK_AXE_JS</c>) in the page. The script is evaluated through
/// the DevTools protocol, which the app's Content-Security-Policy (no inline script) does not block, so the page is
/// checked exactly as it is served.
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

    public static async Task<IReadOnlyList<AxeViolation>> CheckAsync(IPage page, string axeSource, string state)
    {
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe === 'object'"))
        {
            await page.EvaluateAsync(axeSource);
        }

        var json = await page.EvaluateAsync<string>(RunAxe, Tags);
        var raw = JsonSerializer.Deserialize<List<RawViolation>>(json, Json) ?? [];
        return raw.Select(v => new AxeViolation(state, v.Id, v.Impact, v.Help, v.HelpUrl,
            v.Nodes.Select(n => new AxeNode(n.Target, n.Summary)).ToList())).ToList();
    }

    private sealed record RawViolation(string Id, string? Impact, string Help, string HelpUrl, List<RawNode> Nodes);

    private sealed record RawNode(string Target, string Summary);
}

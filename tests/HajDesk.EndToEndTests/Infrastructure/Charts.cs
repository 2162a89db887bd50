using System.Text.Json;
using Microsoft.Playwright;

namespace HajDesk.EndToEndTests.Infrastructure;

/// <summary>
/// Checks the server-drawn bar charts (<c>svg.report-chart</c>) as the browser lays them out: every text — label,
/// value, scale — lies inside its chart's box (a right-to-left label anchored on the wrong side runs out of it and
/// is cut off), no label or value covers a bar or the other text of its row, and no chart is wider than the page.
/// </summary>
internal static class Charts
{
    private const string Measure = """
        () => {
          const problems = [];
          const inside = (a, b) => a.left >= b.left - 0.5 && a.right <= b.right + 0.5 && a.top >= b.top - 0.5 && a.bottom <= b.bottom + 0.5;
          const overlap = (a, b) => a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5;
          const show = r => `${r.left.toFixed(1)}..${r.right.toFixed(1)} × ${r.top.toFixed(1)}..${r.bottom.toFixed(1)}`;
          const charts = [...document.querySelectorAll('svg.report-chart')];
          let texts = 0;
          for (const svg of charts) {
            const name = svg.getAttribute('aria-label');
            const box = svg.getBoundingClientRect();
            if (box.right > document.documentElement.clientWidth + 0.5 || box.left < -0.5) {
              problems.push(`«${name}» (${show(box)}) is wider than the page (${document.documentElement.clientWidth})`);
            }
            for (const text of svg.querySelectorAll('text')) {
              texts++;
              const r = text.getBoundingClientRect();
              if (r.width === 0 || !inside(r, box)) {
                problems.push(`«${name}»: «${text.textContent}» at ${show(r)} is not inside the chart ${show(box)}`);
              }
            }
            for (const row of svg.querySelectorAll('.report-chart__row')) {
              const label = row.querySelector('.report-chart__label').getBoundingClientRect();
              const value = row.querySelector('.report-chart__value').getBoundingClientRect();
              const bar = row.querySelector('.report-chart__bar');
              if (overlap(label, value)) problems.push(`«${name}»: label and value overlap in «${row.textContent}»`);
              if (bar && overlap(label, bar.getBoundingClientRect())) problems.push(`«${name}»: the label covers the bar in «${row.textContent}»`);
              if (bar && overlap(value, bar.getBoundingClientRect())) problems.push(`«${name}»: the value covers the bar in «${row.textContent}»`);
            }
          }
          return { Charts: charts.length, Texts: texts, Problems: problems };
        }
        """;

    /// <summary>Fails listing every misplaced text; at least <paramref name="atLeast"/> charts must be on the page.</summary>
    public static async Task AssertReadableAsync(IPage page, int atLeast = 1)
    {
        // The labels are measured in the page's own font: wait until it has loaded.
        await page.EvaluateAsync("() => document.fonts.ready.then(() => true)");
        var result = await page.EvaluateAsync<JsonElement>(Measure);
        var charts = result.GetProperty("Charts").GetInt32();
        var texts = result.GetProperty("Texts").GetInt32();
        var problems = result.GetProperty("Problems").EnumerateArray().Select(p => p.GetString()).ToList();
        Assert.True(charts >= atLeast, $"{page.Url}: {charts} chart(s), expected at least {atLeast}.");
        Assert.True(texts > charts, $"{page.Url}: only {texts} text(s) in {charts} chart(s).");
        Assert.True(problems.Count == 0, $"{page.Url}:\n  " + string.Join("\n  ", problems));
    }
}

using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using HajDesk.Core.Persian;
using Microsoft.AspNetCore.Html;

namespace HajDesk.Web.Reports;

/// <summary>
/// A horizontal bar chart drawn on the server as inline SVG: no script, no <c>style</c> attribute (the CSP allows
/// neither inline script nor inline style), presentation attributes only. The table beside it carries the same
/// numbers, so the chart is one image with a text alternative (<c>role="img"</c>).
/// </summary>
public static class SvgBarChart
{
    private const int Width = 480;
    private const int RowHeight = 24;
    private const int LabelWidth = 150;
    private const int ValueWidth = 60;

    /// <summary>One bar per row, scaled to the largest value (or to <paramref name="max"/>, e.g. 100 for percentages).</summary>
    /// <param name="title">The chart's accessible name.</param>
    /// <param name="bars">Label and value; a null value draws no bar and shows «—».</param>
    /// <param name="format">How a value is written beside its bar.</param>
    /// <param name="max">The value a full bar stands for; the largest value when null.</param>
    public static IHtmlContent Render(string title, IReadOnlyList<(string Label, double? Value)> bars, Func<double, string> format, double? max = null)
    {
        ArgumentNullException.ThrowIfNull(bars);
        ArgumentNullException.ThrowIfNull(format);
        var html = HtmlEncoder.Default;
        var scale = max ?? bars.Select(b => b.Value ?? 0).DefaultIfEmpty(0).Max();
        var height = Math.Max(1, bars.Count) * RowHeight + 8;
        var plot = Width - LabelWidth - ValueWidth;
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture,
            $"<svg class=\"report-chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {Width} {height}\" width=\"{Width}\" height=\"{height}\" role=\"img\" aria-label=\"{html.Encode(title)}\">");
        for (var i = 0; i < bars.Count; i++)
        {
            var (label, value) = bars[i];
            var y = 4 + i * RowHeight;
            var length = value is { } v && scale > 0 ? Math.Max(1, v / scale * plot) : 0;
            // Right to left: the label at the right edge, the bar growing leftwards from it, the value after the bar.
            svg.Append(CultureInfo.InvariantCulture,
                $"<text x=\"{Width - 4}\" y=\"{y + 16}\" text-anchor=\"end\" font-size=\"13\" fill=\"#1f2937\">{html.Encode(Shorten(label))}</text>");
            if (length > 0)
            {
                svg.Append(CultureInfo.InvariantCulture,
                    $"<rect x=\"{Width - LabelWidth - length:0.#}\" y=\"{y + 3}\" width=\"{length:0.#}\" height=\"{RowHeight - 8}\" fill=\"#0f5f4a\"/>");
            }

            var text = value is { } shown ? format(shown) : "—";
            svg.Append(CultureInfo.InvariantCulture,
                $"<text x=\"{Width - LabelWidth - length - 4:0.#}\" y=\"{y + 16}\" text-anchor=\"end\" font-size=\"12\" fill=\"#1f2937\">{html.Encode(text)}</text>");
        }

        svg.Append("</svg>");
        return new HtmlString(svg.ToString());
    }

    /// <summary>A whole number in Persian digits with thousands separators: «۱۲٬۳۴۵».</summary>
    public static string Count(double value) =>
        PersianText.ToPersianDigits(value.ToString("#,0", CultureInfo.InvariantCulture)).Replace(',', '٬');

    /// <summary>A percentage with one decimal in Persian digits: «۸۷٫۵٪».</summary>
    public static string Percent(double value) =>
        PersianText.ToPersianDigits(value.ToString("0.#", CultureInfo.InvariantCulture)).Replace('.', '٫') + "٪";

    /// <summary>A number with one decimal in Persian digits: «۴٫۲».</summary>
    public static string OneDecimal(double value) =>
        PersianText.ToPersianDigits(value.ToString("0.#", CultureInfo.InvariantCulture)).Replace('.', '٫');

    private static string Shorten(string label) => label.Length <= 22 ? label : label[..21] + "…";
}

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
/// <remarks>
/// Right to left: each label ends at the right edge, its bar grows leftwards from the axis after the label column,
/// and the value is written after (to the left of) the bar. Every text carries <c>direction="rtl"</c> and is
/// anchored at its <em>start</em>, which in a right-to-left text is its right end: what an anchor means then does not
/// depend on the page around the chart (with the page's <c>dir="rtl"</c> inherited, <c>text-anchor="end"</c> puts the
/// text's left end at x, so a label anchored at the right edge ran out of the picture). The label and value columns
/// are as wide as their longest text, measured with <see cref="EstimateWidth"/>, which errs on the wide side for
/// Vazirmatn; a label longer than <see cref="MaxLabelShare"/> of the width is shortened with «…» and its whole text
/// kept in a <c>&lt;title&gt;</c>. The browser journeys check that every text lies inside its chart and clear of the
/// bars, at phone and desktop widths.
/// </remarks>
public static class SvgBarChart
{
    /// <summary>The drawing's width: on a 390 px phone it is shown at about nine tenths, so 13 is still 12 px.</summary>
    public const int Width = 400;

    /// <summary>The widest share of <see cref="Width"/> the label column may take; the bars keep the rest.</summary>
    public const double MaxLabelShare = 0.4;

    private const int RowHeight = 24;
    private const int AxisHeight = 22;
    private const int Pad = 4;
    private const int Gap = 6;
    private const double LabelSize = 13;
    private const double ValueSize = 12;
    private const string Ink = "#1f2937";
    private const string AxisInk = "#4b5563";

    /// <summary>Right to left, anchored at the start: the text's right end at x, whatever the page's direction.</summary>
    private const string Rtl = "direction=\"rtl\" text-anchor=\"start\"";

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
        var values = bars.Select(b => b.Value is { } v ? format(v) : "—").ToList();
        var ticks = (Zero: format(0), Full: format(scale));

        // Columns, right to left: label, gap, bars (from the axis leftwards), value; pads at both edges.
        var labelWidth = Math.Min(MaxLabelShare * Width, bars.Select(b => EstimateWidth(b.Label, LabelSize)).DefaultIfEmpty(0).Max());
        var valueWidth = values.Append(ticks.Full).Select(v => EstimateWidth(v, ValueSize)).Max() + Gap;
        var axis = Width - Pad - labelWidth - Gap;
        var plot = axis - valueWidth - Pad;
        var rowsHeight = Math.Max(1, bars.Count) * RowHeight;
        var height = rowsHeight + 8 + AxisHeight;

        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture,
            $"<svg class=\"report-chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {Width} {height}\" width=\"{Width}\" height=\"{height}\" direction=\"rtl\" role=\"img\" aria-label=\"{html.Encode(title)}\">");
        for (var i = 0; i < bars.Count; i++)
        {
            var (label, value) = bars[i];
            var y = 4 + i * RowHeight;
            var length = value is { } v && scale > 0 ? Math.Clamp(v / scale * plot, 1, plot) : 0;
            var shown = Shorten(label, labelWidth);
            svg.Append("<g class=\"report-chart__row\">");
            svg.Append(CultureInfo.InvariantCulture,
                $"<text class=\"report-chart__label\" x=\"{Width - Pad}\" y=\"{y + 16}\" {Rtl} font-size=\"{LabelSize}\" fill=\"{Ink}\">");
            if (shown.Length != label.Length)
            {
                svg.Append("<title>").Append(html.Encode(label)).Append("</title>");
            }

            svg.Append(html.Encode(shown)).Append("</text>");
            if (length > 0)
            {
                svg.Append(CultureInfo.InvariantCulture,
                    $"<rect class=\"report-chart__bar\" x=\"{axis - length:0.#}\" y=\"{y + 4}\" width=\"{length:0.#}\" height=\"{RowHeight - 8}\" fill=\"#0f5f4a\"/>");
            }

            svg.Append(CultureInfo.InvariantCulture,
                $"<text class=\"report-chart__value\" x=\"{axis - length - 4:0.#}\" y=\"{y + 16}\" {Rtl} font-size=\"{ValueSize}\" fill=\"{Ink}\">{html.Encode(values[i])}</text>");
            svg.Append("</g>");
        }

        // The axis: the line the bars grow from, and a scale from zero (at the axis) to a full bar.
        var baseline = 4 + rowsHeight + 2;
        svg.Append(CultureInfo.InvariantCulture,
            $"<g class=\"report-chart__axis\" stroke=\"{AxisInk}\" stroke-width=\"1\"><line x1=\"{axis:0.#}\" y1=\"2\" x2=\"{axis:0.#}\" y2=\"{baseline}\"/><line x1=\"{axis - plot:0.#}\" y1=\"{baseline}\" x2=\"{axis:0.#}\" y2=\"{baseline}\"/></g>");
        foreach (var (x, text) in scale > 0 ? new[] { (axis, ticks.Zero), (axis - plot, ticks.Full) } : [(axis, ticks.Zero)])
        {
            svg.Append(CultureInfo.InvariantCulture,
                $"<text class=\"report-chart__tick\" x=\"{x:0.#}\" y=\"{baseline + 16}\" direction=\"rtl\" text-anchor=\"middle\" font-size=\"{ValueSize}\" fill=\"{AxisInk}\">{html.Encode(text)}</text>");
        }

        svg.Append("</svg>");
        return new HtmlString(svg.ToString());
    }

    /// <summary>
    /// A generous width of <paramref name="text"/> in Vazirmatn at <paramref name="fontSize"/>: letters and digits
    /// as if unjoined (joined Persian is narrower), spaces narrower, zero-width joiners and non-joiners nothing.
    /// </summary>
    public static double EstimateWidth(string text, double fontSize)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Sum(Ems) * fontSize;
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

    /// <summary>The label, or as much of it as fits <paramref name="width"/> followed by «…».</summary>
    private static string Shorten(string label, double width)
    {
        if (EstimateWidth(label, LabelSize) <= width)
        {
            return label;
        }

        var room = width / LabelSize - Ems('…');
        var (end, used) = (0, 0.0);
        while (end < label.Length && used + Ems(label[end]) <= room)
        {
            used += Ems(label[end]);
            end++;
        }

        return label[..end].TrimEnd() + "…";
    }

    /// <summary>One character's generous width in ems (see <see cref="EstimateWidth"/>).</summary>
    private static double Ems(char c) => c switch
    {
        '\u200C' or '\u200D' or '\u200E' or '\u200F' => 0,
        ' ' or '\u00A0' or '\u202F' => 0.3,
        '—' or '…' => 0.9,
        _ when char.IsAsciiLetterUpper(c) || c is 'm' or 'w' => 0.75,
        _ => 0.58,
    };
}

using System.Globalization;
using AngleSharp.Html.Parser;
using HajDesk.Web.Reports;

namespace HajDesk.Web.Tests.Reports;

/// <summary>
/// The chart's drawing rules (the browser journeys measure the result): every text right to left and anchored at its
/// start or middle — never at the end, which a right-to-left page puts on the other side — every coordinate inside
/// the picture, and an over-long label shortened with its whole text kept as a title.
/// </summary>
public class SvgBarChartTests
{
    [Fact]
    public void Render_AnchorsEveryTextRightToLeft_InsideThePicture()
    {
        var longLabel = "شکایت از دفتر زیارتی یا کارگزار و عوامل کاروان در استان";
        var html = SvgBarChart.Render("نمودار آزمون", [("آذر ۱۴۰۵", 12345), ("اردیبهشت ۱۴۰۵", 3), (longLabel, null)], SvgBarChart.Count).ToString()!;
        var svg = new HtmlParser().ParseDocument("<!DOCTYPE html><html dir=rtl><body>" + html).QuerySelector("svg")!;

        Assert.Equal("rtl", svg.GetAttribute("direction"));
        var texts = svg.QuerySelectorAll("text").ToList();
        Assert.Equal(3 * 2 + 2, texts.Count);
        Assert.All(texts, t =>
        {
            Assert.Equal("rtl", t.GetAttribute("direction"));
            Assert.Contains(t.GetAttribute("text-anchor"), new[] { "start", "middle" });
            Assert.InRange(double.Parse(t.GetAttribute("x")!, CultureInfo.InvariantCulture), 0, SvgBarChart.Width);
        });
        Assert.All(svg.QuerySelectorAll("rect"), r =>
        {
            var x = double.Parse(r.GetAttribute("x")!, CultureInfo.InvariantCulture);
            Assert.InRange(x, 0, SvgBarChart.Width);
            Assert.InRange(x + double.Parse(r.GetAttribute("width")!, CultureInfo.InvariantCulture), 0, SvgBarChart.Width);
        });

        var labels = svg.QuerySelectorAll(".report-chart__label").ToList();
        Assert.Equal("آذر ۱۴۰۵", labels[0].TextContent);
        Assert.Equal(longLabel, labels[2].QuerySelector("title")!.TextContent);
        var shortened = labels[2].TextContent[longLabel.Length..];
        Assert.EndsWith("…", shortened, StringComparison.Ordinal);
        Assert.StartsWith(shortened[..^1], longLabel, StringComparison.Ordinal);
        Assert.True(SvgBarChart.EstimateWidth(shortened, 13) <= SvgBarChart.MaxLabelShare * SvgBarChart.Width);
        Assert.Equal(["۱۲٬۳۴۵", "۳", "—"], svg.QuerySelectorAll(".report-chart__value").Select(v => v.TextContent).ToArray());
        Assert.Equal(["۰", "۱۲٬۳۴۵"], svg.QuerySelectorAll(".report-chart__tick").Select(v => v.TextContent).ToArray());
    }
}

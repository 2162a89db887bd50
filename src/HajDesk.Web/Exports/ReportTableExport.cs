using System.Globalization;
using HajDesk.Core.Persian;
using HajDesk.Core.Reports;
using HajDesk.Core.Surveys;

namespace HajDesk.Web.Exports;

/// <summary>
/// Any report table (<see cref="Report"/>: a dashboard table, a sheet of the periodic report) as an export sheet: one
/// row per group and the total last, every figure a number. The one "table → CSV/XLSX" path of the reports.
/// </summary>
public static class ReportTableExport
{
    public const string TotalLabel = "جمع";

    /// <summary>The figures, in order; the first column is the group (its header given by the caller).</summary>
    public static IReadOnlyList<ExportColumn<ReportRow>> Columns(string groupHeader) =>
    [
        new(groupHeader, r => ExportCell.Of(r.Label)),
        new("دریافتی", r => ExportCell.Of(r.Figures.Received)),
        new("پاسخ‌داده", r => ExportCell.Of(r.Figures.Answered)),
        new("بسته‌شده", r => ExportCell.Of(r.Figures.Closed)),
        new("پاسخ به‌موقع", r => ExportCell.Of(r.Figures.AnsweredOnTime)),
        new("درصد به‌موقع", r => ExportCell.Of(Round(r.Figures.OnTimePercent))),
        new("میانگین روز کاری تا پاسخ", r => ExportCell.Of(Round(AverageWorkingDays(r.Figures)))),
        new("میانه روز کاری تا پاسخ", r => ExportCell.Of(r.Figures.MedianWorkingDays)),
        new("صدک ۹۰ روز کاری تا پاسخ", r => ExportCell.Of(r.Figures.Percentile90WorkingDays)),
        new("درصد بازگشایی", r => ExportCell.Of(Round(r.Figures.ReopenPercent))),
        new("درصد اعتراض", r => ExportCell.Of(Round(r.Figures.ObjectionPercent))),
        new("شمار امتیازها", r => ExportCell.Of(r.Figures.Rated)),
        new("میانگین رضایت (۱ تا ۵)", r => ExportCell.Of(Round(r.Figures.AverageRating))),
        .. Enumerable.Range(1, 5).Select(stars => new ExportColumn<ReportRow>(
            "امتیاز " + PersianText.ToPersianDigits(stars.ToString(CultureInfo.InvariantCulture)),
            r => ExportCell.Of(r.Figures.RatingCounts[stars - 1]))),
        new("نظرسنجی فرستاده", r => ExportCell.Of(r.Figures.SurveysSent)),
        new("نظرسنجی پاسخ‌داده", r => ExportCell.Of(r.Figures.SurveysAnswered)),
        new("درصد پاسخ نظرسنجی", r => ExportCell.Of(Round(r.Figures.SurveyResponsePercent))),
        .. SurveyQuestionnaire.Items.Select((item, index) => new ExportColumn<ReportRow>(
            "میانگین نظرسنجی: " + SurveyQuestionnaire.ShortText(item.Key), r => ExportCell.Of(Round(r.Figures.SurveyMean(index))))),
        .. SurveyQuestionnaire.Items.SelectMany((item, index) => Enumerable.Range(1, 5).Select(score => new ExportColumn<ReportRow>(
            "نظرسنجی " + SurveyQuestionnaire.ShortText(item.Key) + ": امتیاز " + PersianText.ToPersianDigits(score.ToString(CultureInfo.InvariantCulture)),
            r => ExportCell.Of(r.Figures.SurveyScores[index][score - 1])))),
    ];

    /// <summary>The report's rows and its total as a sheet.</summary>
    public static ExportSheet Sheet(string name, string groupHeader, Report report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var rows = report.Grouping == ReportGrouping.None
            ? [new ReportRow("total", TotalLabel, report.Total)]
            : report.Rows.Append(new ReportRow("total", TotalLabel, report.Total)).ToList();
        return ExportSheet.Of(name, Columns(groupHeader), rows);
    }

    /// <summary>
    /// The mean working days to the first answer, read from the report's histogram (the reports service counts the
    /// days; this only averages what it counted); null without answers.
    /// </summary>
    public static double? AverageWorkingDays(ReportFigures figures)
    {
        ArgumentNullException.ThrowIfNull(figures);
        var answers = figures.WorkingDaysHistogram.Values.Sum();
        return answers == 0 ? null : (double)figures.WorkingDaysHistogram.Sum(h => (long)h.Key * h.Value) / answers;
    }

    private static double? Round(double? value) => value is double v ? Math.Round(v, 1) : null;
}

namespace HajDesk.Core.Reports;

/// <summary>One row of a grouped report: a province, subject, expert or month and its figures.</summary>
/// <param name="Key">Stable key: the province or subject id, the staff id, or <c>1404-01</c> for a month.</param>
/// <param name="Label">What readers see: the Persian name, or «فروردین ۱۴۰۴».</param>
/// <param name="Figures">The group's figures.</param>
public sealed record ReportRow(string Key, string Label, ReportFigures Figures);

/// <summary>A computed report: its rows (in display order) and their total.</summary>
/// <param name="Grouping">How <paramref name="Rows"/> are grouped.</param>
/// <param name="Total">All requests the filter counts; for <see cref="ReportGrouping.Expert"/>, the answered ones.</param>
/// <param name="Rows">One per group with at least one request (every month of the range for <see cref="ReportGrouping.Month"/>).</param>
/// <param name="ComputedAt">The instant "now" was for overdue requests.</param>
public sealed record Report(ReportGrouping Grouping, ReportFigures Total, IReadOnlyList<ReportRow> Rows, DateTime ComputedAt);

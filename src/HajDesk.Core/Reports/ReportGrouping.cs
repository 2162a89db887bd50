namespace HajDesk.Core.Reports;

/// <summary>How a report's rows are grouped; every grouping also gives the total.</summary>
public enum ReportGrouping
{
    /// <summary>The total only.</summary>
    None,

    /// <summary>By the request's province (where it is now, after any referral).</summary>
    Province,

    /// <summary>By main subject (as it is now, after any referral).</summary>
    Subject,

    /// <summary>By the staff member who wrote the first answer; unanswered requests are in no row.</summary>
    Expert,

    /// <summary>By the Jalali month (Tehran time) in which the request was received.</summary>
    Month,

    /// <summary>
    /// By the answer to a subject's choice field (<see cref="ReportQueries.ComputeByFieldAsync"/>): one row per option
    /// and «بدون پاسخ», over the requests of that subject only.
    /// </summary>
    Field,
}

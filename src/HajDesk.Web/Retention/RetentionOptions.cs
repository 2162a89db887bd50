using System.ComponentModel.DataAnnotations;

namespace HajDesk.Web.Retention;

/// <summary>
/// <c>Retention:*</c>: how this process runs the retention policy. The policy itself (the period, off by default)
/// is the administrators' setting at <c>/staff/admin/retention</c>, kept in the database.
/// </summary>
public sealed class RetentionOptions
{
    public const string Section = "Retention";

    /// <summary>Whether this process runs the retention service (every node may: a request is anonymised once).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Minutes between two runs.</summary>
    [Range(1, 10080)]
    public int PollMinutes { get; set; } = 60;

    /// <summary>Requests anonymised per transaction.</summary>
    [Range(1, 5000)]
    public int BatchSize { get; set; } = Core.Retention.RetentionService.DefaultBatchSize;
}

using HajDesk.Core.Reference;

namespace HajDesk.Core.Incidents;

/// <summary>
/// A رخداد: one happening (a delayed flight, a caravan's changed hotel, an outage of the registration site) that
/// brings many near-identical requests. Staff link requests to it, and one answer or one closing of the incident
/// goes to every open request in it, each through its own transition (the web's <c>IncidentWork</c>).
/// </summary>
public class Incident : Data.IVersioned
{
    public const int MaxTitleLength = 200;

    public int Id { get; set; }

    public required string Title { get; set; }

    /// <summary>The province whose requests it gathers; null for the whole country (administrators only).</summary>
    public int? ProvinceId { get; set; }

    public Province? Province { get; set; }

    /// <summary>An optional subject or sub-subject: then only requests about it may be linked.</summary>
    public int? SubjectId { get; set; }

    public Subject? Subject { get; set; }

    public DateTime CreatedAt { get; set; }

    public string? CreatedById { get; set; }

    /// <summary>When it was closed; a closed incident takes no new requests.</summary>
    public DateTime? ClosedAt { get; set; }

    public int Version { get; set; }

    public bool IsOpen => ClosedAt is null;
}

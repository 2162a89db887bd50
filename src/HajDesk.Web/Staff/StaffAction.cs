using HajDesk.Core.Requests;

namespace HajDesk.Web.Staff;

/// <summary>One staff action in progress: the tracked request, who acts, when, and what the audit row should say.</summary>
public sealed class StaffAction(ServiceRequest request, StaffActor actor, DateTime now)
{
    public ServiceRequest Request { get; } = request;

    public StaffActor Actor { get; } = actor;

    public DateTime Now { get; } = now;

    /// <summary>Details for the audit row (never personal data); null for none.</summary>
    public string? AuditDetails { get; set; }
}

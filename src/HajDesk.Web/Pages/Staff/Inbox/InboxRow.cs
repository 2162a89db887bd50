using HajDesk.Core.Requests;

namespace HajDesk.Web.Pages.Staff.Inbox;

/// <summary>One line of the inbox.</summary>
public sealed class InboxRow
{
    public long Id { get; init; }

    public required string TrackingCode { get; init; }

    /// <summary>The version the row was read at: a bulk action on it refuses if the request changed since.</summary>
    public int Version { get; init; }

    public required string FullName { get; init; }

    public required string SubjectName { get; init; }

    public string? SubSubjectName { get; init; }

    public RequestType Type { get; init; }

    public required string ProvinceName { get; init; }

    public RequestStatus Status { get; init; }

    public DateTime CreatedAt { get; init; }

    public DateTime DueAt { get; init; }

    public RequestChannel Channel { get; init; }

    public string? AssignedToName { get; init; }

    public bool IsOverdue { get; set; }

    public bool IsDueSoon { get; set; }
}

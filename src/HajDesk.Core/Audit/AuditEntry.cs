namespace HajDesk.Core.Audit;

/// <summary>A staff action: who did what, when. Written in the same transaction as the action where there is one.</summary>
public class AuditEntry
{
    public long Id { get; set; }

    public DateTime At { get; set; }

    public string? UserId { get; set; }

    public string? UserName { get; set; }

    /// <summary>A stable English action name, e.g. <c>request.view</c>, <c>file.download</c>, <c>sign-in</c>.</summary>
    public required string Action { get; set; }

    public long? RequestId { get; set; }

    /// <summary>Short detail in the staff's language; never a national code or phone number in clear.</summary>
    public string? Details { get; set; }

    public string? IpAddress { get; set; }
}

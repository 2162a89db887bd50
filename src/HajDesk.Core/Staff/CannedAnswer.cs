namespace HajDesk.Core.Staff;

/// <summary>An answer template administrators keep and experts insert into answers.</summary>
public class CannedAnswer
{
    public int Id { get; set; }

    public required string Title { get; set; }

    public required string Text { get; set; }

    public bool IsActive { get; set; } = true;
}

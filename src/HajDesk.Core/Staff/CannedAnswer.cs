using HajDesk.Core.Data;

namespace HajDesk.Core.Staff;

/// <summary>An answer template administrators keep and experts insert into answers.</summary>
public class CannedAnswer : IVersioned
{
    public int Id { get; set; }

    public required string Title { get; set; }

    public required string Text { get; set; }

    public bool IsActive { get; set; } = true;

    /// <inheritdoc />
    public int Version { get; set; }

    public const int MaxTitleLength = 200;

    public const int MaxTextLength = 4000;
}

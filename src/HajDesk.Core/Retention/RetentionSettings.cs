namespace HajDesk.Core.Retention;

/// <summary>
/// The retention policy's one settings row (نگهداری داده‌ها): how many months after closing a request is
/// anonymised. Null (the default, and when the row is missing) means never.
/// </summary>
public class RetentionSettings : Data.IVersioned
{
    /// <summary>The only row's id.</summary>
    public const int SingletonId = 1;

    public int Id { get; set; } = SingletonId;

    /// <summary>Months after closing; null: retention is off.</summary>
    public int? Months { get; set; }

    public DateTime UpdatedAt { get; set; }

    /// <inheritdoc />
    public int Version { get; set; }
}

namespace HajDesk.Core.Calendar;

/// <summary>An official holiday (تعطیل رسمی): a Tehran calendar day on which no deadline is counted.</summary>
public class Holiday : Data.IVersioned
{
    public const int MaxTitleLength = 200;

    public int Id { get; set; }

    /// <summary>The day, stored as its Gregorian date; shown and typed as a Jalali date.</summary>
    public DateOnly Date { get; set; }

    public required string Title { get; set; }

    /// <summary>Whether the start-up seeding added it (a fixed solar holiday), rather than an administrator.</summary>
    public bool Seeded { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <inheritdoc />
    public int Version { get; set; }
}

/// <summary>The calendar's one settings row: which weekdays are working days.</summary>
public class CalendarSettings : Data.IVersioned
{
    /// <summary>The only row's id.</summary>
    public const int SingletonId = 1;

    public int Id { get; set; } = SingletonId;

    /// <summary>Saturday to Wednesday always work and Friday never does; Thursday may be made a working day.</summary>
    public bool ThursdayIsWorkingDay { get; set; }

    public DateTime UpdatedAt { get; set; }

    /// <inheritdoc />
    public int Version { get; set; }
}

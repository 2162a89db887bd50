namespace HajDesk.Core.Information;

/// <summary>
/// The text of one public information page — the accessibility statement or the privacy notice — as an
/// administrator set it. Both rows exist from the migration on; <see cref="Text"/> null means the built-in default
/// (<see cref="InformationTexts.Default"/>), so a desk that never edits them follows improvements of the default.
/// </summary>
public class InformationPage : Data.IVersioned
{
    /// <summary>Longest text an administrator may store: far more than a statement needs, far less than a flood.</summary>
    public const int MaxTextLength = 20_000;

    /// <summary><see cref="InformationTexts.Accessibility"/> or <see cref="InformationTexts.Privacy"/>.</summary>
    public required string Key { get; set; }

    /// <summary>Simple text (paragraphs and «-» lists, <c>{Placeholder}</c>s); null: the default.</summary>
    public string? Text { get; set; }

    public DateTime UpdatedAt { get; set; }

    /// <inheritdoc />
    public int Version { get; set; }
}

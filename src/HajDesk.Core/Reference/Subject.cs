using HajDesk.Core.Data;

namespace HajDesk.Core.Reference;

/// <summary>
/// A main subject (<see cref="ParentId"/> is null) or a sub-subject of one. Citizens choose a main subject and,
/// where it has active sub-subjects, one of them.
/// </summary>
public class Subject : IVersioned
{
    public int Id { get; set; }

    public int? ParentId { get; set; }

    public Subject? Parent { get; set; }

    public List<Subject> Children { get; set; } = [];

    public required string Name { get; set; }

    public int DisplayOrder { get; set; }

    public bool IsActive { get; set; } = true;

    /// <summary>Whether a request on this subject must carry at least one document.</summary>
    public bool AttachmentRequired { get; set; }

    /// <summary>Promised answer time in working days (Saturday to Wednesday; Thursday and Friday are off).</summary>
    public int ResponseDays { get; set; } = DefaultResponseDays;

    /// <summary>
    /// Key of the seed row this subject came from (<c>main</c> or <c>main/sub</c> in the seed file's original words),
    /// so that re-seeding recognizes it after an administrator renamed it. Null for subjects created by staff.
    /// </summary>
    public string? SeedKey { get; set; }

    /// <summary>The service's public code in the catalogue («شناسه خدمت», e.g. <c>HD-101</c>), shown on receipts.</summary>
    public string? ServiceCode { get; set; }

    /// <summary>The catalogue entry («شناسنامه خدمت»): what the service is, in plain words.</summary>
    public string? Description { get; set; }

    /// <summary>Documents the citizen needs (one per line; see <see cref="Catalogue.SimpleText"/>).</summary>
    public string? RequiredDocuments { get; set; }

    /// <summary>How the service goes, step by step.</summary>
    public string? Steps { get; set; }

    /// <summary>The law or regulation the service rests on.</summary>
    public string? LegalBasis { get; set; }

    /// <summary>What it costs the citizen (usually «رایگان»).</summary>
    public string? Cost { get; set; }

    /// <summary>Frequently asked questions shown before the citizen writes.</summary>
    public List<Catalogue.SubjectQuestion> Questions { get; set; } = [];

    /// <inheritdoc />
    public int Version { get; set; }

    public const int MaxCatalogueTextLength = 4000;

    public const int DefaultResponseDays = 7;

    public const int MaxNameLength = 120;

    public const int MinResponseDays = 1;

    public const int MaxResponseDays = 60;
}

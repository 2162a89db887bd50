using HajDesk.Core.Data;

namespace HajDesk.Core.Reference;

/// <summary>One of Iran's 31 provinces; each has its own queue of requests and its own staff.</summary>
public class Province : IVersioned
{
    public int Id { get; set; }

    /// <summary>Stable English key used by seeding (e.g. <c>Tehran</c>); never shown to users.</summary>
    public required string Code { get; set; }

    /// <summary>Persian display name; administrators may edit it.</summary>
    public required string Name { get; set; }

    public required string EnglishName { get; set; }

    /// <summary>Landline area code (پیش شماره), three digits with the leading zero, e.g. <c>021</c>.</summary>
    public required string AreaCode { get; set; }

    public int DisplayOrder { get; set; }

    /// <summary>How the province's new requests find their expert (off: they wait in the queue).</summary>
    public Assignment.AssignmentMode AssignmentMode { get; set; }

    /// <inheritdoc />
    public int Version { get; set; }

    public const int MaxNameLength = 60;
}

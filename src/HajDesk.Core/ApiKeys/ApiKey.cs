using HajDesk.Core.Data;

namespace HajDesk.Core.ApiKeys;

/// <summary>
/// A key another system uses to call the Open311 API. Only a SHA-256 hash of the key is stored; the key itself is
/// shown once, when it is issued. The first characters (<see cref="Prefix"/>) find the row, the hash proves the key.
/// </summary>
public class ApiKey : IVersioned
{
    public int Id { get; set; }

    /// <summary>Who uses the key (a system or an office), as the administrator named it.</summary>
    public required string Name { get; set; }

    /// <summary>The key's first <see cref="ApiKeySecret.PrefixLength"/> characters, shown in the list to tell keys apart.</summary>
    public required string Prefix { get; set; }

    /// <summary>Lower-case hex SHA-256 of the whole key.</summary>
    public required string Hash { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>Who issued it: a staff member's user name, or <c>create-api-key</c> for the command.</summary>
    public string? CreatedBy { get; set; }

    /// <summary>When it was revoked; a revoked key is refused (403) and never comes back.</summary>
    public DateTime? RevokedAt { get; set; }

    /// <inheritdoc />
    public int Version { get; set; }

    public bool IsActive => RevokedAt is null;

    public const int MaxNameLength = 100;
}

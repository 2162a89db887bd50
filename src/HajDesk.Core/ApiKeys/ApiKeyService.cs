using HajDesk.Core.Data;
using HajDesk.Core.Persian;
using Microsoft.EntityFrameworkCore;

namespace HajDesk.Core.ApiKeys;

/// <summary>Issuing and checking API keys (the administration pages, the <c>create-api-key</c> command and the API).</summary>
public sealed class ApiKeyService(HajDeskDbContext db, TimeProvider time)
{
    public const string NameRequired = "نام کلید را بنویسید؛ مثلاً نام سامانه‌ای که از آن استفاده می‌کند.";

    public static string NameTooLong => $"نام کلید حداکثر {PersianText.ToPersianDigits(ApiKey.MaxNameLength.ToString(System.Globalization.CultureInfo.InvariantCulture))} نویسه است.";

    /// <summary>The typed name, normalized, or an error message.</summary>
    public static (string Name, string? Error) CheckName(string? typed)
    {
        var name = PersianText.NormalizeText(typed).Replace('\n', ' ');
        return name.Length == 0 ? (name, NameRequired) : name.Length > ApiKey.MaxNameLength ? (name, NameTooLong) : (name, null);
    }

    /// <summary>
    /// Stages a new key named <paramref name="name"/> (already checked) for the caller's <c>SaveChanges</c>;
    /// returns the row and the key, which is never stored and cannot be shown again.
    /// </summary>
    public (ApiKey Row, string Key) Issue(string name, string? createdBy)
    {
        var key = ApiKeySecret.New();
        var row = new ApiKey
        {
            Name = name,
            Prefix = key[..ApiKeySecret.PrefixLength],
            Hash = ApiKeySecret.Hash(key),
            CreatedAt = time.GetUtcNow().UtcDateTime,
            CreatedBy = createdBy,
        };
        db.ApiKeys.Add(row);
        return (row, key);
    }

    /// <summary>The active key row for a presented key, or null for a missing, malformed, unknown or revoked key.</summary>
    public async Task<ApiKey?> FindActiveAsync(string? key, CancellationToken cancellationToken)
    {
        if (!ApiKeySecret.LooksLikeKey(key))
        {
            return null;
        }

        var prefix = key![..ApiKeySecret.PrefixLength];
        var candidates = await db.ApiKeys.AsNoTracking().Where(k => k.Prefix == prefix && k.RevokedAt == null)
            .ToListAsync(cancellationToken);
        return candidates.FirstOrDefault(k => ApiKeySecret.Matches(key, k.Hash));
    }
}

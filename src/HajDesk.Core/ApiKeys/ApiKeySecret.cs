using System.Security.Cryptography;
using System.Text;

namespace HajDesk.Core.ApiKeys;

/// <summary>
/// API key material: <c>hdk_</c> followed by 32 random bytes in base64url (43 characters). The database keeps the
/// first <see cref="PrefixLength"/> characters to find the row and the SHA-256 of the whole key to prove it; a
/// fast hash is enough because the key is random, not a password.
/// </summary>
public static class ApiKeySecret
{
    public const string Marker = "hdk_";

    public const int PrefixLength = 12;

    public const int Length = 47;

    private static readonly System.Buffers.SearchValues<char> KeyCharacters =
        System.Buffers.SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_");

    /// <summary>A new random key.</summary>
    public static string New() => Marker + Base64UrlEncode(RandomNumberGenerator.GetBytes(32));

    /// <summary>Lower-case hex SHA-256 of the key.</summary>
    public static string Hash(string key) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key ?? string.Empty)));

    /// <summary>Whether the text has the shape of a key (so a lookup is worth a database query).</summary>
    public static bool LooksLikeKey(string? key) =>
        key is { Length: Length } && key.StartsWith(Marker, StringComparison.Ordinal)
        && key.AsSpan(Marker.Length).IndexOfAnyExcept(KeyCharacters) < 0;

    /// <summary>Compares a key with a stored hash in constant time.</summary>
    public static bool Matches(string key, string storedHash) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(key)), Encoding.ASCII.GetBytes(storedHash ?? string.Empty));

    private static string Base64UrlEncode(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

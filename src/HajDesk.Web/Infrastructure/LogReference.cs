using System.Security.Cryptography;
using System.Text;

namespace HajDesk.Web.Infrastructure;

/// <summary>
/// A short reference to a secret value (a national code, a tracking code) for a log line: the same value gives the same
/// reference within this process, so repeated failures can be told apart from spread ones, but the key never leaves the
/// process — it is not in the database, the settings or the log — so nobody who reads a log, a backup or the settings
/// can test candidate values against it. (An unkeyed hash of a tracking code narrowed it to about 21 candidates.)
/// </summary>
public static class LogReference
{
    private static readonly byte[] Key = RandomNumberGenerator.GetBytes(32);

    /// <summary>Six hex digits of HMAC-SHA256 under the process's own key, over <paramref name="kind"/> and <paramref name="value"/>.</summary>
    public static string Of(string kind, string value) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Key, Encoding.UTF8.GetBytes(kind + ":" + value)))[..6];
}

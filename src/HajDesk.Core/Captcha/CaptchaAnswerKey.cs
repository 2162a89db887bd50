using System.Security.Cryptography;
using System.Text;

namespace HajDesk.Core.Captcha;

/// <summary>
/// The secret behind security codes, kept outside the database (setting <c>Captcha:AnswerKey</c>, or a key file beside
/// the embedded SQLite database). It makes challenge ids that carry their issuing time under a tag only it can make,
/// and from an id it derives the digits to draw and speak: so a challenge needs no row until it is spent, and a
/// reader of the database, who may see spent ids but not this key, cannot compute any challenge's digits.
/// </summary>
/// <remarks>
/// Every node must hold the same key, so that any node can draw and check any challenge. Changing the key spoils
/// only the challenges alive at that moment (a few minutes' worth): their citizens are asked for a new code.
/// </remarks>
public sealed class CaptchaAnswerKey
{
    /// <summary>The shortest key accepted: 256 bits, the size of HMAC-SHA256's output.</summary>
    public const int MinimumBytes = 32;

    // Domain separation: the digits, the challenge id's tag and the drawing's seed never share an HMAC input.
    private static readonly byte[] DigitsLabel = "HajDesk.Captcha.Digits\0"u8.ToArray();
    private static readonly byte[] ChallengeIdLabel = "HajDesk.Captcha.Id\0"u8.ToArray();
    private static readonly byte[] SeedLabel = "HajDesk.Captcha.Seed\0"u8.ToArray();
    private static readonly byte[] CounterLabel = "HajDesk.RateCounter\0"u8.ToArray();

    private readonly byte[] key;

    /// <summary>A key of at least <see cref="MinimumBytes"/> bytes.</summary>
    public CaptchaAnswerKey(ReadOnlySpan<byte> key)
    {
        if (key.Length < MinimumBytes)
        {
            throw new ArgumentException($"A security-code key has at least {MinimumBytes} bytes.", nameof(key));
        }

        this.key = key.ToArray();
    }

    /// <summary>A new random key, as base64 (what <c>Captcha:AnswerKey</c> and the key file hold).</summary>
    public static string NewBase64() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(MinimumBytes));

    /// <summary>Reads a base64 key; null when the text is not base64 or too short.</summary>
    public static CaptchaAnswerKey? FromBase64(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var bytes = new byte[text.Length];
        return Convert.TryFromBase64String(text.Trim(), bytes, out var length) && length >= MinimumBytes
            ? new CaptchaAnswerKey(bytes.AsSpan(0, length))
            : null;
    }

    /// <summary>
    /// The <paramref name="count"/> digits (ASCII 1 to 9; no 0, the Persian zero is a mere dot) of challenge
    /// <paramref name="id"/>, uniformly distributed for anyone without the key.
    /// </summary>
    public string DigitsOf(Guid id, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        var digits = new char[count];
        var found = 0;
        for (var block = 0; found < count; block++)
        {
            var bytes = Mac(DigitsLabel, id, [(byte)block]);
            foreach (var b in bytes)
            {
                // 252 = 28 × 9: bytes above it are dropped so that every digit is equally likely.
                if (b < 252)
                {
                    digits[found++] = (char)('1' + (b % 9));
                    if (found == count)
                    {
                        break;
                    }
                }
            }
        }

        return new string(digits);
    }

    /// <summary>
    /// A new challenge id that says when it was issued and that only this key could have made: 6 bytes of the issuing
    /// instant (Unix milliseconds), 4 random bytes, and 6 bytes of an HMAC over the first ten. Nothing about a live
    /// challenge is stored anywhere; any node holding the key can check, draw and speak it.
    /// </summary>
    public Guid NewChallengeId(DateTimeOffset issuedAt)
    {
        Span<byte> bytes = stackalloc byte[16];
        var milliseconds = issuedAt.ToUnixTimeMilliseconds();
        for (var i = 0; i < 6; i++)
        {
            bytes[i] = (byte)(milliseconds >> (8 * (5 - i)));
        }

        RandomNumberGenerator.Fill(bytes[6..10]);
        Mac(ChallengeIdLabel, Guid.Empty, bytes[..10]).AsSpan(0, 6).CopyTo(bytes[10..]);
        return new Guid(bytes, bigEndian: true);
    }

    /// <summary>When challenge <paramref name="id"/> was issued; null when this key did not make it (forged or altered).</summary>
    public DateTimeOffset? IssuedAtOf(Guid id)
    {
        Span<byte> bytes = stackalloc byte[16];
        id.TryWriteBytes(bytes, bigEndian: true, out _);
        var expected = Mac(ChallengeIdLabel, Guid.Empty, bytes[..10]).AsSpan(0, 6);
        if (!CryptographicOperations.FixedTimeEquals(expected, bytes[10..]))
        {
            return null;
        }

        long milliseconds = 0;
        for (var i = 0; i < 6; i++)
        {
            milliseconds = (milliseconds << 8) | bytes[i];
        }

        return DateTimeOffset.FromUnixTimeMilliseconds(milliseconds);
    }

    /// <summary>
    /// The seed of a challenge's picture and sound: the same challenge always gives the same noise, so fetching it
    /// again gives nothing new to average away, and nobody without the key can predict it.
    /// </summary>
    public int SeedOf(Guid id) => BitConverter.ToInt32(Mac(SeedLabel, id, []));

    /// <summary>
    /// The name under which a shared rate-limit counter for <paramref name="value"/> (a client address, a national
    /// code) is stored: keyed, so that a reader of the database cannot recover the national codes by trying them all.
    /// </summary>
    public string CounterKeyOf(string value) =>
        Convert.ToBase64String(Mac(CounterLabel, Guid.Empty, Encoding.UTF8.GetBytes(value))).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private byte[] Mac(byte[] label, Guid id, ReadOnlySpan<byte> data)
    {
        var message = new byte[label.Length + 16 + data.Length];
        label.CopyTo(message, 0);
        id.TryWriteBytes(message.AsSpan(label.Length, 16), bigEndian: true, out _);
        data.CopyTo(message.AsSpan(label.Length + 16));
        return HMACSHA256.HashData(key, message);
    }
}

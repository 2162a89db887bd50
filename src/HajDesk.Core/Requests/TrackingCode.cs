using System.Security.Cryptography;
using System.Text;
using HajDesk.Core.Persian;

namespace HajDesk.Core.Requests;

/// <summary>
/// The citizen's tracking code (کد پیگیری): eleven random digits and a Verhoeff check digit. The code is the only
/// thing besides the national code that a citizen needs to look a request up, so the digits come from a
/// cryptographic generator (they must not be guessable from a neighbour's code). Verhoeff catches every
/// single-digit typo and every swap of two adjacent digits, which a plain mod-10 or mod-11 check does not, so a
/// mistyped code is reported as mistyped instead of "not found".
/// </summary>
public static class TrackingCode
{
    public const int Length = 12;

    // Verhoeff tables: multiplication in the dihedral group D5, the position permutation, and the inverse.
    private static ReadOnlySpan<byte> Multiplication =>
    [
        0, 1, 2, 3, 4, 5, 6, 7, 8, 9,
        1, 2, 3, 4, 0, 6, 7, 8, 9, 5,
        2, 3, 4, 0, 1, 7, 8, 9, 5, 6,
        3, 4, 0, 1, 2, 8, 9, 5, 6, 7,
        4, 0, 1, 2, 3, 9, 5, 6, 7, 8,
        5, 9, 8, 7, 6, 0, 4, 3, 2, 1,
        6, 5, 9, 8, 7, 1, 0, 4, 3, 2,
        7, 6, 5, 9, 8, 2, 1, 0, 4, 3,
        8, 7, 6, 5, 9, 3, 2, 1, 0, 4,
        9, 8, 7, 6, 5, 4, 3, 2, 1, 0,
    ];

    private static ReadOnlySpan<byte> Permutation =>
    [
        0, 1, 2, 3, 4, 5, 6, 7, 8, 9,
        1, 5, 7, 6, 2, 8, 3, 0, 9, 4,
        5, 8, 0, 3, 7, 9, 6, 1, 4, 2,
        8, 9, 1, 6, 0, 4, 3, 5, 2, 7,
        9, 4, 5, 3, 1, 2, 6, 8, 7, 0,
        4, 2, 8, 6, 5, 7, 3, 9, 0, 1,
        2, 7, 9, 3, 8, 0, 6, 4, 1, 5,
        7, 0, 4, 6, 9, 1, 3, 2, 5, 8,
    ];

    private static ReadOnlySpan<byte> Inverse => [0, 4, 3, 2, 1, 5, 6, 7, 8, 9];

    /// <summary>A new random code: first digit 1-9 (so it never looks as if it lost a leading zero), ten more
    /// random digits, then the check digit.</summary>
    public static string New()
    {
        Span<char> code = stackalloc char[Length];
        code[0] = (char)('0' + RandomNumberGenerator.GetInt32(1, 10));
        for (var i = 1; i < Length - 1; i++)
        {
            code[i] = (char)('0' + RandomNumberGenerator.GetInt32(0, 10));
        }

        var payload = new string(code[..^1]);
        return payload + (char)('0' + VerhoeffCheckDigit(payload));
    }

    /// <summary>
    /// Accepts the code as typed or pasted: Persian, Arabic-Indic or ASCII digits, spaces or dashes between digits
    /// (as printed by <see cref="Format"/>), stray bidi marks.
    /// </summary>
    /// <param name="input">What the user typed.</param>
    /// <param name="code">Twelve ASCII digits on success; <c>""</c> otherwise.</param>
    /// <returns>True only for twelve digits with a valid Verhoeff check digit.</returns>
    public static bool TryNormalize(string? input, out string code)
    {
        code = string.Empty;
        if (!PersianText.TryRemoveDigitSeparators(PersianText.NormalizeNumeric(input), out var digits)
            || digits.Length != Length
            || !VerhoeffValid(digits))
        {
            return false;
        }

        code = digits;
        return true;
    }

    /// <summary>Groups of four separated by spaces, <c>4821 3390 5176</c>, in ASCII digits.</summary>
    public static string Format(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        var builder = new StringBuilder(code.Length + (code.Length / 4));
        for (var i = 0; i < code.Length; i++)
        {
            if (i > 0 && i % 4 == 0)
            {
                builder.Append(' ');
            }

            builder.Append(code[i]);
        }

        return builder.ToString();
    }

    /// <summary>The Verhoeff check digit to append to <paramref name="digits"/> (ASCII digits only).</summary>
    /// <exception cref="ArgumentException"><paramref name="digits"/> contains a non-digit.</exception>
    internal static int VerhoeffCheckDigit(string digits)
    {
        ArgumentNullException.ThrowIfNull(digits);
        if (digits.AsSpan().ContainsAnyExceptInRange('0', '9'))
        {
            throw new ArgumentException("Only ASCII digits are allowed.", nameof(digits));
        }

        var c = 0;
        for (var i = 0; i < digits.Length; i++)
        {
            var digit = digits[digits.Length - 1 - i] - '0';
            c = Multiplication[(c * 10) + Permutation[(((i + 1) % 8) * 10) + digit]];
        }

        return Inverse[c];
    }

    /// <summary>True when <paramref name="digits"/> is non-empty, all ASCII digits, and its last digit is the
    /// Verhoeff check digit of the rest.</summary>
    public static bool VerhoeffValid(string digits)
    {
        if (string.IsNullOrEmpty(digits) || digits.AsSpan().ContainsAnyExceptInRange('0', '9'))
        {
            return false;
        }

        var c = 0;
        for (var i = 0; i < digits.Length; i++)
        {
            var digit = digits[digits.Length - 1 - i] - '0';
            c = Multiplication[(c * 10) + Permutation[((i % 8) * 10) + digit]];
        }

        return c == 0;
    }
}

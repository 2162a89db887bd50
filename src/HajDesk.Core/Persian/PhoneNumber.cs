namespace HajDesk.Core.Persian;

/// <summary>
/// Iranian phone numbers. Mobiles are stored as <c>09xxxxxxxxx</c> because that is the form SMS gateways and staff
/// use, whatever international prefix the citizen typed. Landlines are stored as a three-digit area code with the
/// leading zero plus the eight-digit local number.
/// </summary>
public static class PhoneNumber
{
    public const int MobileLength = 11;
    public const int LandlineNumberLength = 8;

    /// <summary>
    /// Accepts <c>09121234567</c>, <c>9121234567</c>, <c>+989121234567</c>, <c>00989121234567</c> and
    /// <c>989121234567</c>, in any digits, with spaces or dashes between digits.
    /// </summary>
    /// <param name="input">What the user typed.</param>
    /// <param name="mobile">The normalized <c>09xxxxxxxxx</c> on success; <c>""</c> otherwise.</param>
    public static bool TryNormalizeMobile(string? input, out string mobile)
    {
        mobile = string.Empty;
        var s = PersianText.NormalizeNumeric(input);
        var plus = s.StartsWith('+');
        if (plus)
        {
            s = s[1..];
        }

        if (!PersianText.TryRemoveDigitSeparators(s, out var digits))
        {
            return false;
        }

        string national;
        if (plus)
        {
            if (digits.Length != 12 || !digits.StartsWith("98", StringComparison.Ordinal))
            {
                return false;
            }

            national = digits[2..];
        }
        else if (digits.Length == 14 && digits.StartsWith("0098", StringComparison.Ordinal))
        {
            national = digits[4..];
        }
        else if (digits.Length == 12 && digits.StartsWith("98", StringComparison.Ordinal))
        {
            national = digits[2..];
        }
        else if (digits.Length == 11 && digits[0] == '0')
        {
            national = digits[1..];
        }
        else if (digits.Length == 10)
        {
            national = digits;
        }
        else
        {
            return false;
        }

        if (national.Length != 10 || national[0] != '9')
        {
            return false;
        }

        mobile = "0" + national;
        return true;
    }

    /// <summary>
    /// Validates a landline. The area code must be one of <paramref name="knownAreaCodes"/> (the provinces'
    /// codes, e.g. <c>021</c>; <c>21</c> is accepted and padded). The local number is exactly eight digits and does
    /// not start with 0 or 1 (those would be a trunk or service prefix), with spaces or dashes allowed between digits.
    /// </summary>
    /// <param name="areaCode">The area code field as typed.</param>
    /// <param name="number">The local number field as typed.</param>
    /// <param name="knownAreaCodes">Valid area codes, three digits with the leading zero.</param>
    /// <param name="normalizedAreaCode">Three ASCII digits on success; <c>""</c> otherwise.</param>
    /// <param name="normalizedNumber">Eight ASCII digits on success; <c>""</c> otherwise.</param>
    public static bool TryNormalizeLandline(
        string? areaCode,
        string? number,
        IReadOnlyCollection<string> knownAreaCodes,
        out string normalizedAreaCode,
        out string normalizedNumber)
    {
        ArgumentNullException.ThrowIfNull(knownAreaCodes);
        normalizedAreaCode = string.Empty;
        normalizedNumber = string.Empty;

        var area = PersianText.NormalizeNumeric(areaCode);
        if (area.AsSpan().ContainsAnyExceptInRange('0', '9'))
        {
            return false;
        }

        if (area.Length == 2 && area[0] != '0')
        {
            area = "0" + area;
        }

        if (area.Length != 3 || area[0] != '0' || !knownAreaCodes.Contains(area, StringComparer.Ordinal))
        {
            return false;
        }

        if (!PersianText.TryRemoveDigitSeparators(PersianText.NormalizeNumeric(number), out var local)
            || local.Length != LandlineNumberLength
            || local[0] is '0' or '1')
        {
            return false;
        }

        normalizedAreaCode = area;
        normalizedNumber = local;
        return true;
    }
}

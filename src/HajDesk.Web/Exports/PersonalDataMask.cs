using HajDesk.Core.Persian;

namespace HajDesk.Web.Exports;

/// <summary>
/// How national codes and mobile numbers appear in exports for everyone but administrators: the first four and the
/// last two digits kept, each digit between them a star, in Persian digits — <c>۰۰۱۲****۵۶</c> for a national code,
/// <c>۰۹۱۲*****۶۷</c> for a mobile number. Enough to tell two people apart on a list or to match a caller who reads
/// out their number, not enough to contact or identify anyone.
/// </summary>
public static class PersonalDataMask
{
    private const int Kept = 4;
    private const int KeptAtEnd = 2;

    public static string? Mask(string? digits)
    {
        if (string.IsNullOrEmpty(digits))
        {
            return digits;
        }

        // Too short to keep both ends and still hide something: hide it all.
        if (digits.Length <= Kept + KeptAtEnd)
        {
            return new string('*', digits.Length);
        }

        var masked = digits[..Kept] + new string('*', digits.Length - Kept - KeptAtEnd) + digits[^KeptAtEnd..];
        return IdentifierDigits.For(IdentifierReader.Export, masked);
    }

    /// <summary>The value as shown in an export: in clear (Persian digits) for administrators, masked for others.</summary>
    public static string? Show(string? digits, bool inClear) =>
        inClear ? IdentifierDigits.For(IdentifierReader.Export, digits) : Mask(digits);
}

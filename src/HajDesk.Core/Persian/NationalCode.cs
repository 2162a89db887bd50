namespace HajDesk.Core.Persian;

/// <summary>
/// The Iranian national code (کد ملی): ten digits, the last a mod-11 check digit. Older cards and some forms drop
/// the leading zeros, so 8 and 9 digit inputs are left-padded. Codes of one repeated digit pass the checksum but are
/// never issued; they are what people type to get past a form, so they are rejected.
/// </summary>
public static class NationalCode
{
    public const int Length = 10;

    /// <summary>What a form says when the national code is missing (every form that asks for one).</summary>
    public const string RequiredMessage = "کد ملی را وارد کنید.";

    /// <summary>What a form says when the national code is not a valid one.</summary>
    public const string InvalidMessage = "کد ملی معتبر نیست؛ ده رقم کد ملی را بدون خط تیره وارد کنید.";

    /// <summary>
    /// Normalizes <paramref name="input"/> with <see cref="PersianText.NormalizeNumeric"/>, pads 8-9 digits to ten
    /// and validates it. Separators inside the code are not accepted.
    /// </summary>
    /// <param name="input">What the user typed.</param>
    /// <param name="code">The ten ASCII digits on success; <c>""</c> otherwise.</param>
    public static bool TryNormalize(string? input, out string code)
    {
        code = string.Empty;
        var s = PersianText.NormalizeNumeric(input);
        if (s.Length is < 8 or > Length || s.AsSpan().ContainsAnyExceptInRange('0', '9'))
        {
            return false;
        }

        s = s.PadLeft(Length, '0');
        if (!s.AsSpan().ContainsAnyExcept(s[0]) || !ChecksumValid(s))
        {
            return false;
        }

        code = s;
        return true;
    }

    public static bool IsValid(string? input) => TryNormalize(input, out _);

    /// <summary>
    /// Masks a code for receipts and logs, keeping the first three and last three characters:
    /// <c>0499370899</c> becomes <c>049****899</c>. Codes of six characters or fewer are masked entirely.
    /// </summary>
    public static string Mask(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        if (code.Length <= 6)
        {
            return new string('*', code.Length);
        }

        return string.Concat(code.AsSpan(0, 3), new string('*', code.Length - 6), code.AsSpan(code.Length - 3));
    }

    private static bool ChecksumValid(string code)
    {
        var sum = 0;
        for (var i = 0; i < 9; i++)
        {
            sum += (code[i] - '0') * (10 - i);
        }

        var r = sum % 11;
        var check = r < 2 ? r : 11 - r;
        return check == code[9] - '0';
    }
}

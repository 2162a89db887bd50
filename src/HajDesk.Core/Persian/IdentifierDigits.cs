namespace HajDesk.Core.Persian;

/// <summary>Who reads an identifier: the one thing that decides its digits (see <see cref="IdentifierDigits"/>).</summary>
public enum IdentifierReader
{
    /// <summary>A citizen: the public pages, the receipt, the follow-up page, SMS.</summary>
    Citizen,

    /// <summary>A staff member on a staff page.</summary>
    Staff,

    /// <summary>A spreadsheet: the CSV and XLSX exports.</summary>
    Export,
}

/// <summary>
/// The one rule for the digits of identifiers people read — tracking code, national code, mobile (docs/architecture.md,
/// "Digits of identifiers"): citizens read Persian digits (as the rest of their pages); staff pages show Latin digits,
/// which staff copy into the civil registry, the phone system and other software as they are; exports show Persian
/// digits, so a spreadsheet keeps them as text with their leading zeros. Every reader gets the codes inside a
/// left-to-right isolate (the page's job). Addresses, hidden fields and the API always carry Latin digits.
/// </summary>
public static class IdentifierDigits
{
    /// <summary>The identifier (already formatted, masked or plain) in the digits of <paramref name="reader"/>.</summary>
    public static string For(IdentifierReader reader, string? value) =>
        reader == IdentifierReader.Staff ? PersianText.ToAsciiDigits(value) : PersianText.ToPersianDigits(value);

    /// <summary>A tracking code grouped in fours (<see cref="Requests.TrackingCode.Format"/>) in the digits of <paramref name="reader"/>.</summary>
    public static string TrackingCode(string code, IdentifierReader reader) => For(reader, Requests.TrackingCode.Format(code));
}

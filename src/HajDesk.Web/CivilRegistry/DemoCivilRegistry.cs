using System.Collections.Frozen;
using System.Globalization;
using System.Text;
using HajDesk.Core.CivilRegistry;
using HajDesk.Core.Requests;

namespace HajDesk.Web.CivilRegistry;

/// <summary>
/// The civil registry of development and demonstrations: the people of a CSV file (<c>CivilRegistry:DemoFile</c>),
/// read once at start-up. A person is found only when both the national code and the birth date match.
/// </summary>
internal sealed class DemoCivilRegistry : ICivilRegistry
{
    public const string Header = "national_code,birth_date,first_name,last_name,gender";

    private const string Setting = "CivilRegistry:DemoFile";

    private static readonly PersianCalendar Jalali = new();

    private readonly FrozenDictionary<string, RegistryPerson> people;

    internal DemoCivilRegistry(IEnumerable<RegistryPerson> people)
    {
        this.people = people.ToFrozenDictionary(p => p.NationalCode, StringComparer.Ordinal);
    }

    public int Count => people.Count;

    public Task<RegistryResult> LookupAsync(string nationalCode, DateOnly birthDate, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(people.TryGetValue(nationalCode, out var person) && person.BirthDate == birthDate
            ? RegistryResult.Found(person)
            : RegistryResult.NotFound);
    }

    /// <summary>Reads the file; any problem is an error naming <c>CivilRegistry:DemoFile</c>, the file and the line.</summary>
    internal static DemoCivilRegistry Load(string path)
    {
        string[] lines;
        try
        {
            lines = File.ReadAllLines(path, Encoding.UTF8);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException($"{Setting} '{path}' cannot be read: {e.Message}", e);
        }

        if (lines.Length == 0 || lines[0].Trim() != Header)
        {
            throw Malformed(path, 1, $"the first line must be the header '{Header}'");
        }

        var people = new Dictionary<string, RegistryPerson>(StringComparer.Ordinal);
        for (var index = 1; index < lines.Length; index++)
        {
            if (string.IsNullOrWhiteSpace(lines[index]))
            {
                continue;
            }

            var person = ParseLine(path, index + 1, lines[index]);
            if (!people.TryAdd(person.NationalCode, person))
            {
                throw Malformed(path, index + 1, $"national code {person.NationalCode} appears more than once");
            }
        }

        return people.Count == 0
            ? throw Malformed(path, lines.Length, "the file has no people after its header")
            : new DemoCivilRegistry(people.Values);
    }

    private static RegistryPerson ParseLine(string path, int line, string text)
    {
        var fields = text.Split(',').Select(f => f.Trim()).ToArray();
        if (fields.Length != 5)
        {
            throw Malformed(path, line, $"expected 5 comma-separated fields, found {fields.Length}");
        }

        var code = fields[0];
        if (!IsValidNationalCode(code))
        {
            throw Malformed(path, line, $"'{code}' is not a checksum-valid 10-digit national code");
        }

        if (!TryParseJalali(fields[1], out var birthDate))
        {
            throw Malformed(path, line, $"birth date '{fields[1]}' is not a Jalali date written yyyy/MM/dd");
        }

        var firstName = RegistryText.NormalizeName(fields[2]);
        var lastName = RegistryText.NormalizeName(fields[3]);
        if (!RegistryText.IsValidName(firstName) || !RegistryText.IsValidName(lastName))
        {
            throw Malformed(path, line, $"first and last names must be non-empty and at most {RegistryText.MaxNameLength} characters");
        }

        var gender = fields[4] switch
        {
            "M" => Gender.Male,
            "F" => Gender.Female,
            _ => throw Malformed(path, line, $"gender '{fields[4]}' must be M or F"),
        };

        return new RegistryPerson(code, birthDate, firstName, lastName, gender);
    }

    private static InvalidOperationException Malformed(string path, int line, string problem) =>
        new($"{Setting} '{path}' is malformed at line {line}: {problem}.");

    /// <summary>A Jalali <c>yyyy/MM/dd</c> date (ASCII digits) to its Gregorian day.</summary>
    private static bool TryParseJalali(string text, out DateOnly date)
    {
        date = default;
        if (text.Length != 10 || text[4] != '/' || text[7] != '/'
            || !int.TryParse(text.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            || !int.TryParse(text.AsSpan(5, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var month)
            || !int.TryParse(text.AsSpan(8, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var day))
        {
            return false;
        }

        // PersianCalendar covers the years 1 to 9378; the last one only in part.
        if (year is < 1 or > 9377 || month is < 1 or > 12 || day < 1 || day > Jalali.GetDaysInMonth(year, month))
        {
            return false;
        }

        date = DateOnly.FromDateTime(Jalali.ToDateTime(year, month, day, 0, 0, 0, 0));
        return true;
    }

    /// <summary>Ten ASCII digits, not all the same, whose last digit is the checksum of the first nine.</summary>
    private static bool IsValidNationalCode(string code)
    {
        if (code.Length != 10 || !code.All(char.IsAsciiDigit) || code.All(c => c == code[0]))
        {
            return false;
        }

        var sum = 0;
        for (var i = 0; i < 9; i++)
        {
            sum += (code[i] - '0') * (10 - i);
        }

        var remainder = sum % 11;
        var check = remainder < 2 ? remainder : 11 - remainder;
        return code[9] - '0' == check;
    }
}

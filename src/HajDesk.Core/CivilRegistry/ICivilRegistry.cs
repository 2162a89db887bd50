using HajDesk.Core.Requests;

namespace HajDesk.Core.CivilRegistry;

/// <summary>A person as the civil registry (ثبت احوال) knows them.</summary>
public sealed record RegistryPerson(string NationalCode, DateOnly BirthDate, string FirstName, string LastName, Gender Gender);

public enum RegistryOutcome
{
    /// <summary>The registry confirms this national code with this birth date.</summary>
    Found,

    /// <summary>No such person, or the birth date does not match; the two are never told apart.</summary>
    NotFound,

    /// <summary>The registry could not be reached or answered with an error; the citizen may retry later.</summary>
    Unavailable,
}

public sealed record RegistryResult(RegistryOutcome Outcome, RegistryPerson? Person = null)
{
    public static readonly RegistryResult NotFound = new(RegistryOutcome.NotFound);

    public static readonly RegistryResult Unavailable = new(RegistryOutcome.Unavailable);

    public static RegistryResult Found(RegistryPerson person) => new(RegistryOutcome.Found, person);
}

/// <summary>
/// Confirms a national code + birth date pair and returns the person's names and gender. Implementations: the demo
/// registry (a CSV file, for development) and the HTTP client for the real service (see docs/civil-registry.md).
/// </summary>
public interface ICivilRegistry
{
    /// <param name="nationalCode">A normalized, checksum-valid 10-digit national code.</param>
    /// <param name="birthDate">The Gregorian date of the Jalali birth date the citizen gave.</param>
    /// <param name="cancellationToken">Cancels the lookup; only then does it throw.</param>
    Task<RegistryResult> LookupAsync(string nationalCode, DateOnly birthDate, CancellationToken cancellationToken);
}

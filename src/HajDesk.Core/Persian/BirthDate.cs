namespace HajDesk.Core.Persian;

/// <summary>
/// Plausibility check for a citizen's birth date. It is checked against the civil registry as well; this catches
/// typing mistakes (a wrong century, this year's date) before a registry call is spent on them.
/// </summary>
public static class BirthDate
{
    public const int MaxAgeYears = 130;

    /// <param name="birthDate">The date to check.</param>
    /// <param name="today">Today in Tehran, see <see cref="JalaliDate.TodayInTehran"/>.</param>
    /// <returns>
    /// <see cref="BirthDateProblem.InFuture"/> for a date after <paramref name="today"/>,
    /// <see cref="BirthDateProblem.TooOld"/> when the person would be older than 130 years, otherwise
    /// <see cref="BirthDateProblem.None"/>.
    /// </returns>
    public static BirthDateProblem Check(DateOnly birthDate, DateOnly today)
    {
        if (birthDate > today)
        {
            return BirthDateProblem.InFuture;
        }

        if (today.Year - MaxAgeYears >= DateOnly.MinValue.Year && birthDate < today.AddYears(-MaxAgeYears))
        {
            return BirthDateProblem.TooOld;
        }

        return BirthDateProblem.None;
    }
}

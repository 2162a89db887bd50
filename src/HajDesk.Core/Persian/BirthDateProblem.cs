namespace HajDesk.Core.Persian;

/// <summary>Why a birth date was refused; <see cref="None"/> when it is plausible.</summary>
public enum BirthDateProblem
{
    None,
    InFuture,
    TooOld,
}

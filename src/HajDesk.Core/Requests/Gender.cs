namespace HajDesk.Core.Requests;

/// <summary>Gender as the civil registry reports it.</summary>
public enum Gender
{
    Male,
    Female,
}

public static class GenderText
{
    public static string ToPersian(this Gender gender) => gender == Gender.Female ? "زن" : "مرد";
}

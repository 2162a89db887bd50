namespace HajDesk.Core.Assignment;

/// <summary>How a province's new requests find their expert (an administrator's setting per province).</summary>
public enum AssignmentMode
{
    /// <summary>They wait «ثبت شده» in the province's queue until someone takes or assigns them.</summary>
    Off,

    /// <summary>To the covering experts in turn: the one whose last automatic assignment is oldest.</summary>
    RoundRobin,

    /// <summary>To the covering expert with the fewest open requests (ties: in turn).</summary>
    FewestOpen,
}

public static class AssignmentModeText
{
    public static IReadOnlyList<AssignmentMode> All { get; } = Enum.GetValues<AssignmentMode>();

    public static string ToPersian(this AssignmentMode mode) => mode switch
    {
        AssignmentMode.RoundRobin => "به نوبت",
        AssignmentMode.FewestOpen => "به کم‌کارترین کارشناس",
        _ => "خاموش (در صف استان)",
    };
}

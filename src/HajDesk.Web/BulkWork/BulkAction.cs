namespace HajDesk.Web.BulkWork;

/// <summary>What «اقدام گروهی» applies to the chosen requests.</summary>
public enum BulkAction
{
    Assign,
    Refer,
    Answer,
    Close,
    LinkToIncident,
}

public static class BulkActionText
{
    public static IReadOnlyList<BulkAction> All { get; } = Enum.GetValues<BulkAction>();

    public static string ToPersian(this BulkAction action) => action switch
    {
        BulkAction.Assign => "واگذاری به کارشناس",
        BulkAction.Refer => "ارجاع به استان یا موضوع دیگر",
        BulkAction.Answer => "پاسخ با یک متن",
        BulkAction.Close => "بستن",
        _ => "پیوستن به رخداد",
    };
}

namespace HajDesk.Core.Surveys;

/// <summary>One item of the questionnaire, answered on a five-point scale.</summary>
public sealed record SurveyItem(string Key, string Text);

/// <summary>
/// The satisfaction questionnaire in the national service-desk format: the standard items on a five-point scale
/// (۱ خیلی کم … ۵ خیلی زیاد) and a free comment. The keys are stored with the answers; the texts may be reworded
/// without touching the data.
/// </summary>
public static class SurveyQuestionnaire
{
    public const int MinScore = 1;

    public const int MaxScore = 5;

    public const int MaxCommentLength = 1000;

    /// <summary>The items, in the order the form shows them.</summary>
    public static IReadOnlyList<SurveyItem> Items { get; } =
    [
        new("access", "دسترسی به خدمت و ثبت درخواست تا چه اندازه آسان بود؟"),
        new("speed", "پاسخ در زمانی که وعده داده شده بود به شما رسید؟"),
        new("clarity", "پاسخ تا چه اندازه روشن و کامل بود؟"),
        new("conduct", "رفتار و پاسخ‌گویی کارشناس تا چه اندازه محترمانه و درست بود؟"),
        new("overall", "روی‌هم‌رفته چه اندازه از این خدمت راضی هستید؟"),
    ];

    /// <summary>A short name of an item for table headings (the reports), by its key.</summary>
    public static string ShortText(string key) => key switch
    {
        "access" => "دسترسی",
        "speed" => "به‌موقع بودن",
        "clarity" => "روشنی پاسخ",
        "conduct" => "رفتار کارشناس",
        "overall" => "رضایت کلی",
        _ => key,
    };

    /// <summary>The scale's labels, from 1 to 5.</summary>
    public static IReadOnlyList<string> ScaleLabels { get; } = ["خیلی کم", "کم", "متوسط", "زیاد", "خیلی زیاد"];
}

namespace HajDesk.Core.Requests;

/// <summary>
/// What kind of message a request is, as the national complaints system distinguishes them. Stored as text;
/// requests from before the distinction count as <see cref="Request"/>.
/// </summary>
public enum RequestType
{
    /// <summary>درخواست: asks for a service or information.</summary>
    Request,

    /// <summary>شکایت: says the organization or one of its people did wrong.</summary>
    Complaint,

    /// <summary>انتقاد: criticises how something is done.</summary>
    Criticism,

    /// <summary>پیشنهاد: proposes an improvement.</summary>
    Suggestion,
}

public static class RequestTypeText
{
    /// <summary>Every type in the order the forms offer them.</summary>
    public static IReadOnlyList<RequestType> All { get; } =
        [RequestType.Request, RequestType.Complaint, RequestType.Criticism, RequestType.Suggestion];

    /// <summary>The Persian name citizens and staff read.</summary>
    public static string ToPersian(this RequestType type) => type switch
    {
        RequestType.Request => "درخواست",
        RequestType.Complaint => "شکایت",
        RequestType.Criticism => "انتقاد",
        RequestType.Suggestion => "پیشنهاد",
        _ => type.ToString(),
    };

    /// <summary>
    /// Reads a posted type: its English name (what the forms post, any case) or its Persian name (what an API
    /// client or a confused person may send). Numbers are refused: an enum's numeric value is not a public contract.
    /// </summary>
    public static bool TryParse(string? value, out RequestType type)
    {
        type = default;
        var text = value?.Trim();
        if (string.IsNullOrEmpty(text) || char.IsAsciiDigit(text[0]) || text[0] is '-' or '+')
        {
            return false;
        }

        foreach (var candidate in All)
        {
            if (string.Equals(candidate.ToString(), text, StringComparison.OrdinalIgnoreCase)
                || string.Equals(candidate.ToPersian(), Persian.PersianText.NormalizeText(text), StringComparison.Ordinal))
            {
                type = candidate;
                return true;
            }
        }

        return false;
    }
}

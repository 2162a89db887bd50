namespace HajDesk.Core.Requests;

/// <summary>How a request reached the organization. Stored as text; every channel goes through the submission service.</summary>
public enum RequestChannel
{
    /// <summary>وب: the citizen's own send form.</summary>
    Web,

    /// <summary>تلفن ۱۱۱: registered by staff for a caller of the 111 line.</summary>
    Phone111,

    /// <summary>حضوری: registered by staff for a visitor at a provincial office.</summary>
    InPerson,

    /// <summary>نامه: registered by staff from a letter.</summary>
    Letter,

    /// <summary>سامد: registered by staff from the national complaints system.</summary>
    Samad,

    /// <summary>API: sent by another system through the Open311 API with an API key.</summary>
    Api,
}

public static class RequestChannelText
{
    /// <summary>The channels a staff member may choose when registering a request for a citizen.</summary>
    public static IReadOnlyList<RequestChannel> StaffChannels { get; } =
        [RequestChannel.Phone111, RequestChannel.InPerson, RequestChannel.Letter, RequestChannel.Samad];

    /// <summary>The Persian name staff read.</summary>
    public static string ToPersian(this RequestChannel channel) => channel switch
    {
        RequestChannel.Web => "وب",
        RequestChannel.Phone111 => "تلفن ۱۱۱",
        RequestChannel.InPerson => "حضوری",
        RequestChannel.Letter => "نامه",
        RequestChannel.Samad => "سامد",
        RequestChannel.Api => "API",
        _ => channel.ToString(),
    };
}

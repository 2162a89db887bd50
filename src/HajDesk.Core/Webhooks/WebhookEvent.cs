namespace HajDesk.Core.Webhooks;

/// <summary>The changes of a request a webhook subscriber may ask to be told about.</summary>
public enum WebhookEvent
{
    /// <summary>A request was sent (any channel).</summary>
    Received,

    /// <summary>Staff published an answer.</summary>
    Answered,

    /// <summary>Staff referred it to another province or subject.</summary>
    Referred,

    /// <summary>An expert asked the citizen for more; the request waits for them.</summary>
    WaitingForCitizen,

    /// <summary>Staff closed it.</summary>
    Closed,

    /// <summary>Staff reopened it, or the citizen objected to the answer.</summary>
    Reopened,
}

public static class WebhookEventText
{
    /// <summary>Every event, in the order forms list them.</summary>
    public static readonly IReadOnlyList<WebhookEvent> All = Enum.GetValues<WebhookEvent>();

    /// <summary>The name in the payload and the <c>X-HajDesk-Event</c> header, e.g. <c>request.waiting_for_citizen</c>.</summary>
    public static string WireName(this WebhookEvent e) => e switch
    {
        WebhookEvent.Received => "request.received",
        WebhookEvent.Answered => "request.answered",
        WebhookEvent.Referred => "request.referred",
        WebhookEvent.WaitingForCitizen => "request.waiting_for_citizen",
        WebhookEvent.Closed => "request.closed",
        WebhookEvent.Reopened => "request.reopened",
        _ => throw new ArgumentOutOfRangeException(nameof(e)),
    };

    /// <summary>The Persian name administrators read.</summary>
    public static string ToPersian(this WebhookEvent e) => e switch
    {
        WebhookEvent.Received => "ثبت درخواست",
        WebhookEvent.Answered => "پاسخ",
        WebhookEvent.Referred => "ارجاع",
        WebhookEvent.WaitingForCitizen => "در انتظار پاسخ متقاضی",
        WebhookEvent.Closed => "بستن",
        WebhookEvent.Reopened => "بازگشایی",
        _ => e.ToString(),
    };

    /// <summary>The bit of an event in <see cref="WebhookSubscriber.EventMask"/>.</summary>
    public static int Bit(this WebhookEvent e) => 1 << (int)e;
}

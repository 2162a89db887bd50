namespace HajDesk.Core.Requests;

/// <summary>
/// The outcome of a transition: done, or refused with a Persian reason the page shows as it is. A refusal leaves
/// the request unchanged.
/// </summary>
public sealed record RequestResult
{
    private RequestResult(string? error, RequestField field, bool forbidden)
    {
        Error = error;
        Field = field;
        Forbidden = forbidden;
    }

    /// <summary>The transition was applied.</summary>
    public static RequestResult Done { get; } = new(null, RequestField.Request, forbidden: false);

    /// <summary>The Persian reason of a refusal; null when done.</summary>
    public string? Error { get; }

    /// <summary>The input the reason is about.</summary>
    public RequestField Field { get; }

    /// <summary>The actor has no right to this action at all (the web answers 403, not a message).</summary>
    public bool Forbidden { get; }

    public bool Succeeded => Error is null;

    /// <summary>A refusal the person can act on.</summary>
    public static RequestResult Refuse(string error, RequestField field = RequestField.Request) => new(error, field, forbidden: false);

    /// <summary>A refusal because of who is acting, not what they sent.</summary>
    public static RequestResult NotAllowed(string error) => new(error, RequestField.Request, forbidden: true);
}

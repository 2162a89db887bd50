using HajDesk.Core.Requests;

namespace HajDesk.Web.Open311;

/// <summary>
/// A request as GeoReport v2 shows it (<c>GET requests</c>, and the body of a webhook event): its state, service,
/// province, dates and latest published answer; never the citizen's identity, contacts or text.
/// </summary>
/// <param name="TrackingCode">The tracking code (<c>service_request_id</c>).</param>
/// <param name="Status">The request's status; <c>open</c> while staff still owe an answer.</param>
/// <param name="StatusNotes">The latest answer the citizen can read (it may quote what the citizen wrote).</param>
/// <param name="ServiceName">The service's name.</param>
/// <param name="ServiceCode">The service's catalogue code.</param>
/// <param name="Province">The province's name (<c>agency_responsible</c>).</param>
/// <param name="RequestedAt">When it was sent (UTC).</param>
/// <param name="UpdatedAt">Its last change (UTC).</param>
/// <param name="ExpectedAt">The answer deadline (UTC).</param>
public sealed record Open311RequestResource(
    string TrackingCode, RequestStatus Status, string? StatusNotes, string ServiceName, string ServiceCode, string Province,
    DateTime RequestedAt, DateTime UpdatedAt, DateTime ExpectedAt)
{
    /// <summary>The resource's fields in the order the specification lists them.</summary>
    public Open311Object ToObject() => new Open311Object()
        .Set("service_request_id", TrackingCode)
        .Set("status", Status.IsOpen() ? "open" : "closed")
        .Set("status_notes", StatusNotes)
        .Set("service_name", ServiceName)
        .Set("service_code", ServiceCode)
        .Set("agency_responsible", Province)
        .Set("service_notice", Status.ToPersian())
        .Set("requested_datetime", RequestedAt)
        .Set("updated_datetime", UpdatedAt)
        .Set("expected_datetime", ExpectedAt);
}

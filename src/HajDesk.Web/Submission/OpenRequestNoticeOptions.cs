namespace HajDesk.Web.Submission;

/// <summary>
/// <c>OpenRequestNotice:*</c>: whether the citizen's send form tells a person of their open request on the same
/// subject before storing another (issue 24). On in <c>appsettings.json</c>, every environment; the test apps turn
/// it off unless a test of it turns it on, since many tests send the demo person again and again.
/// </summary>
public sealed class OpenRequestNoticeOptions
{
    public const string Section = "OpenRequestNotice";

    public bool Enabled { get; init; }
}

using HajDesk.Core.ApiKeys;
using HajDesk.Core.Data;
using HajDesk.Core.Requests.Submission;
using HajDesk.Web.Staff;
using Microsoft.AspNetCore.Diagnostics;

namespace HajDesk.Web.Open311;

/// <summary>
/// One call of the GeoReport v2 API: the response format from the address's suffix, the API key (403 without a
/// good one), the audit row that attributes the call to its key, and the read-only resources (discovery, services,
/// a service's definition). Requests are <see cref="Open311Requests"/>.
/// </summary>
public sealed partial class Open311Api(
    HajDeskDbContext db, ApiKeyService keys, Open311KeyLimiter limiter, SubmissionService submission, AuditLog audit, ILogger<Open311Api> logger)
{
    /// <summary>The response format for an address suffix (<c>json</c>, <c>xml</c>; none means JSON), or null.</summary>
    public static Open311Format? ParseFormat(string? suffix) => suffix switch
    {
        null or "" or "json" => Open311Format.Json,
        "xml" => Open311Format.Xml,
        _ => null,
    };

    /// <summary>Splits <c>12345.xml</c> into the id and the format suffix.</summary>
    public static (string Id, string? Suffix) SplitSuffix(string segment)
    {
        var dot = segment.LastIndexOf('.');
        return dot < 0 ? (segment, null) : (segment[..dot], segment[(dot + 1)..]);
    }

    /// <summary>The header that may carry the key instead of the <c>api_key</c> parameter.</summary>
    public const string KeyHeader = "X-Api-Key";

    /// <summary>
    /// The key a call carries: the <c>api_key</c> parameter (query string, or the form of <c>POST requests</c>) when
    /// given, else the <see cref="KeyHeader"/> header; null when neither is.
    /// </summary>
    public static string? KeyOf(HttpContext http, string? parameter)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (!string.IsNullOrEmpty(parameter))
        {
            return parameter;
        }

        var header = http.Request.Headers[KeyHeader].ToString();
        return header.Length == 0 ? null : header;
    }

    /// <summary>
    /// Runs <paramref name="action"/> for a known format and an active key within its rate limit, and writes the
    /// audit row that attributes the call to the key; otherwise answers 400 (format), 403 (key) or 429 (limit, with
    /// <c>Retry-After</c>) in the standard's error body. With <paramref name="keyRequired"/> false (the service list
    /// and definitions, public in GeoReport v2) a call without a key is served under a per-address limit and not
    /// audited (nothing personal is read); a key that is sent must still be good.
    /// </summary>
    public async Task<IResult> RunAsync(
        HttpContext http, string? suffix, string? apiKey, string auditAction, Func<Open311Format, ApiKey?, Task<IResult>> action,
        bool keyRequired = true)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(action);
        // The framework's Persian HTML error pages are for people; an API client gets the error body it was sent.
        http.Features.Get<IStatusCodePagesFeature>()?.Enabled = false;
        if (ParseFormat(suffix) is not { } format)
        {
            return Open311Errors.Result(Open311Format.Json, StatusCodes.Status400BadRequest, Open311Errors.UnknownFormat);
        }

        var sent = KeyOf(http, apiKey);
        if (sent is null && !keyRequired)
        {
            return await limiter.TryAcquireAnonymousAsync(Infrastructure.RateLimits.ClientKey(http), http.RequestAborted)
                ? await action(format, null)
                : RateLimited(http, format);
        }

        var key = await keys.FindActiveAsync(sent, http.RequestAborted);
        if (key is null)
        {
            LogRefusedKey(logger, http.Request.Path);
            return Open311Errors.Result(format, StatusCodes.Status403Forbidden, Open311Errors.KeyMissingOrWrong);
        }

        var result = await limiter.TryAcquireAsync(key.Id, http.RequestAborted)
            ? await action(format, key)
            : RateLimited(http, format);
        var status = (result as IStatusCodeHttpResult)?.StatusCode ?? StatusCodes.Status200OK;
        audit.AddFor(null, $"api:{key.Name}", auditAction, AuditRequestId, $"کلید API #{key.Id} ({key.Prefix}…)، پاسخ {status}");
        await db.SaveChangesAsync(http.RequestAborted);
        return result;
    }

    /// <summary>429 with <c>Retry-After</c>: the limits count in a sliding minute, so a minute always clears it.</summary>
    private static IResult RateLimited(HttpContext http, Open311Format format) =>
        Open311Errors.TooMany(http, format, Open311Errors.RateLimited, TimeSpan.FromMinutes(1));

    /// <summary>The request a call created or read, named in its audit row.</summary>
    public long? AuditRequestId { get; set; }

    public static IResult Discovery(Open311Format format, HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var url = $"{request.Scheme}://{request.Host}{Open311Endpoints.Prefix}/";
        var body = new Open311Object()
            .Set("changeset", "2026-06-01T00:00:00Z")
            .Set("contact", "سازمان حج و زیارت — میز خدمت الکترونیک")
            .Set("key_service", "کلید API را مدیر سامانه در بخش مدیریت صادر می‌کند؛ فهرست خدمت‌ها و تعریف آن‌ها بی کلید هم خوانده می‌شود.")
            .Set("endpoints", new Open311List("endpoint",
            [
                new Open311Object()
                    .Set("specification", "http://wiki.open311.org/GeoReport_v2")
                    .Set("url", url)
                    .Set("changeset", "2026-06-01T00:00:00Z")
                    .Set("type", "production")
                    .Set("formats", new Open311List("format", ["application/json", "text/xml"])),
            ]));
        return Open311Writer.Result(format, "discovery", body);
    }

    public async Task<IResult> ServicesAsync(Open311Format format, CancellationToken cancellationToken)
    {
        var services = Open311Catalog.Services(await submission.ChoicesAsync(cancellationToken));
        return Open311Writer.Result(format, "services", new Open311List("service", [.. services.Select(Open311Catalog.ToListItem)]));
    }

    public async Task<IResult> DefinitionAsync(Open311Format format, string code, CancellationToken cancellationToken)
    {
        var choices = await submission.ChoicesAsync(cancellationToken);
        return Open311Catalog.Find(choices, code) is { } service
            ? Open311Writer.Result(format, "service_definition", Open311Catalog.Definition(service, choices.Provinces,
                await submission.FieldsAsync(service.Subject.Id, service.SubSubject?.Id, cancellationToken)))
            : Open311Errors.Result(format, StatusCodes.Status404NotFound, Open311Errors.UnknownServiceCode(code));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Open311 call to {Path} refused: missing, wrong or revoked API key")]
    private static partial void LogRefusedKey(ILogger logger, PathString path);
}

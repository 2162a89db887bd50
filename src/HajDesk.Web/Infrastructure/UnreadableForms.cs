using Microsoft.AspNetCore.Diagnostics;

namespace HajDesk.Web.Infrastructure;

/// <summary>
/// Refuses a form post that cannot be read — a body over the size limit (413), or a multipart body the parser
/// gives up on, such as a file name longer than the multipart header limit (400) — before antiforgery or model
/// binding try to read it. Left to them, the failure became an antiforgery 400 and the error page, re-executed as
/// a POST, failed to read the same body and showed «صفحه پیدا نشد». Here the status says what happened and the
/// status-code pages show its Persian page.
/// </summary>
public static partial class UnreadableForms
{
    public static IApplicationBuilder UseUnreadableFormRefusal(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var request = context.Request;
        // The re-executed error page reads nothing of the body, so its own re-run is left alone.
        if (!request.HasFormContentType || context.Features.Get<IStatusCodeReExecuteFeature>() is not null)
        {
            await next(context);
            return;
        }

        int status;
        try
        {
            // Read once and kept: antiforgery and model binding use this copy.
            await request.ReadFormAsync(context.RequestAborted);
            await next(context);
            return;
        }
        catch (BadHttpRequestException ex)
        {
            // Kestrel's own refusals: 413 when the body is over MaxRequestBodySize, 400 for a malformed body.
            status = ex.StatusCode;
        }
        catch (InvalidDataException)
        {
            // The form parser's limits (multipart header length, number of values...): a form no browser sends.
            status = StatusCodes.Status400BadRequest;
        }

        var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(UnreadableForms));
        LogRefused(logger, request.Path, status);
        context.Response.StatusCode = status;
    });

    [LoggerMessage(Level = LogLevel.Warning, Message = "Unreadable form post to {Path} refused with {Status}")]
    private static partial void LogRefused(ILogger logger, PathString path, int status);
}

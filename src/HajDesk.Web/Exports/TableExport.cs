using System.Globalization;
using HajDesk.Core.Persian;
using HajDesk.Web.Infrastructure;
using HajDesk.Web.Staff;
using Microsoft.Net.Http.Headers;

namespace HajDesk.Web.Exports;

/// <summary>What one download was: its audited action, the filter it was made with (Persian, no personal data).</summary>
public sealed record ExportRequest(string AuditAction, string FileStem, ExportFormat Format, string Filter);

/// <summary>
/// The one path every download takes: the per-person limit, the response headers, the sheets streamed to the
/// response as their rows are read, and the audit row with the count once the last byte is written (or the client
/// has gone).
/// </summary>
/// <remarks>
/// The audit row is written after streaming because only then is the count known. A client that goes away mid-way
/// cancels the query (<see cref="HttpContext.RequestAborted"/>) and the row says how far it got: «ناتمام». The row is
/// saved without the request's cancellation token, so a closed tab never skips it.
/// </remarks>
public sealed class TableExport(
    AuditLog audit, Throttle throttle, TimeProvider time, ILogger<TableExport> logger)
{
    /// <summary>Counts one export for the staff member; false when they have had their hourly share.</summary>
    public Task<bool> TryAcquireAsync(string staffId, CancellationToken cancellationToken) =>
        throttle.TryAcquireAsync(SharedLimit.ExportsByStaff, staffId, cancellationToken);

    /// <summary>An ASCII file name with today's Jalali date (Tehran): <c>requests-1404-09-10.xlsx</c>.</summary>
    public string FileName(string stem, ExportFormat format)
    {
        var (year, month, day) = JalaliDate.ToJalali(JalaliDate.TodayInTehran(time));
        return string.Create(CultureInfo.InvariantCulture, $"{stem}-{year:D4}-{month:D2}-{day:D2}.{format.Extension()}");
    }

    /// <summary>
    /// Streams <paramref name="sheets"/> to the response and audits the download; the caller has already checked
    /// the limit (<see cref="TryAcquireAsync"/>) and the scope. Returns the number of data rows written.
    /// </summary>
    public async Task<long> SendAsync(HttpContext http, ExportRequest export, params IReadOnlyList<ExportSheet> sheets)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(export);
        ArgumentNullException.ThrowIfNull(sheets);
        var response = http.Response;
        response.ContentType = export.Format.ContentType();
        response.Headers[HeaderNames.ContentDisposition] = new ContentDispositionHeaderValue("attachment")
        {
            FileName = FileName(export.FileStem, export.Format),
        }.ToString();
        response.Headers.CacheControl = "no-store";

        var cancellationToken = http.RequestAborted;
        long rows = 0;
        var completed = false;
        try
        {
            await using var body = new DeferredSyncWriteStream(response.Body);
            await using (var writer = await TableWriters.CreateAsync(export.Format, body, cancellationToken))
            {
                foreach (var sheet in sheets)
                {
                    await writer.StartTableAsync(sheet.Name, sheet.Headers, cancellationToken);
                    await foreach (var row in sheet.Rows.WithCancellation(cancellationToken))
                    {
                        await writer.WriteRowAsync(row, cancellationToken);
                        rows++;
                    }
                }

                await writer.FinishAsync(cancellationToken);
            }

            // The end of the zip, written synchronously as the writer closed, goes out now.
            await body.FlushAsync(cancellationToken);
            completed = true;
        }
        catch (Exception e) when (cancellationToken.IsCancellationRequested && e is OperationCanceledException or IOException)
        {
            // The client closed the connection: nothing more to send, but the rows already sent are audited below.
            logger.LogInformation("Export {Action} stopped by the client after {Rows} rows", export.AuditAction, rows);
        }
        finally
        {
            var count = PersianText.ToPersianDigits(rows.ToString(CultureInfo.InvariantCulture));
            var outcome = completed ? $"{count} ردیف" : $"ناتمام: اتصال پس از {count} ردیف بسته شد";
            await audit.WriteAsync(export.AuditAction, null, $"{export.Format.DisplayName()}؛ {outcome}؛ {export.Filter}");
        }

        return rows;
    }
}

public static class ExportServiceCollectionExtensions
{
    /// <summary>The download path (<see cref="TableExport"/>) and the inbox's list export.</summary>
    public static IServiceCollection AddExports(this IServiceCollection services)
    {
        services.AddScoped<TableExport>();
        services.AddScoped<InboxExport>();
        return services;
    }
}

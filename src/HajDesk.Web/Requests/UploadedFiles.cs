using System.Globalization;
using HajDesk.Core.Persian;
using HajDesk.Core.Requests;
using HajDesk.Web.Uploads;

namespace HajDesk.Web.Requests;

/// <summary>The files of a follow-up form (a staff answer, a citizen's message), inspected and ready to attach.</summary>
public sealed record UploadedFiles(IReadOnlyList<Attachment> Attachments, IReadOnlyList<string> Errors)
{
    /// <summary>
    /// Drops the empty slots a browser posts for an unused file input, refuses more than
    /// <see cref="UploadOptions.MaxFiles"/>, and inspects each file's content; every problem is one Persian message.
    /// </summary>
    public static async Task<UploadedFiles> InspectAsync(
        IEnumerable<IFormFile> uploads, UploadOptions options, DateTime now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var posted = uploads.Where(f => f.Length > 0 || !string.IsNullOrEmpty(f.FileName)).ToList();
        if (posted.Count > options.MaxFiles)
        {
            return new UploadedFiles([], [$"حداکثر {PersianText.ToPersianDigits(options.MaxFiles.ToString(CultureInfo.InvariantCulture))} فایل می‌توانید بفرستید."]);
        }

        var attachments = new List<Attachment>();
        var errors = new List<string>();
        foreach (var upload in posted)
        {
            var (file, error) = await FileInspector.InspectAsync(upload, options, cancellationToken);
            if (file is null)
            {
                errors.Add(error!);
            }
            else
            {
                attachments.Add(file.ToAttachment(now));
            }
        }

        return new UploadedFiles(attachments, errors);
    }
}

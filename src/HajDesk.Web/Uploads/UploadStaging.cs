using HajDesk.Core.Data;
using HajDesk.Core.Requests;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HajDesk.Web.Uploads;

/// <summary>The files staged for one form, and the Persian message about the files it refused (null if none).</summary>
public sealed record StagedUploads(IReadOnlyList<Attachment> Files, string? Error);

/// <summary>
/// Files accepted by a form before it is sent, kept in the database under the form's submission key so that a
/// form shown again (a mistake elsewhere, a new security code) keeps them, and so that the submission claims them
/// in its own transaction. Files of a form never sent are deleted by <see cref="StagedUploadCleaner"/>.
/// </summary>
public sealed class UploadStaging(HajDeskDbContext db, IOptions<UploadOptions> options, TimeProvider time)
{
    /// <summary>The files staged under <paramref name="key"/>, oldest first, without their bytes.</summary>
    public async Task<IReadOnlyList<Attachment>> LoadAsync(Guid key, CancellationToken cancellationToken) =>
        await db.Attachments.AsNoTracking().Where(a => a.StagingKey == key && a.RequestId == null)
            .OrderBy(a => a.CreatedAt).ToListAsync(cancellationToken);

    /// <summary>Inspects this post's files and stages those accepted, up to the form's limit.</summary>
    public async Task<StagedUploads> StageAsync(Guid key, IReadOnlyCollection<IFormFile> uploads, CancellationToken cancellationToken)
    {
        if (uploads.Count == 0)
        {
            // Nothing to add, so no limit to check: whoever shows or submits the files loads them (one query, not two).
            return new StagedUploads([], null);
        }

        var staged = (await LoadAsync(key, cancellationToken)).ToList();
        var inspected = await FileInspector.InspectAllAsync(uploads, staged.Count, options.Value, cancellationToken);
        if (inspected.Accepted.Count > 0)
        {
            var now = time.GetUtcNow().UtcDateTime;
            var added = inspected.Accepted.Select(file => file.ToAttachment(now)).ToList();
            foreach (var attachment in added)
            {
                attachment.StagingKey = key;
                db.Attachments.Add(attachment);
            }

            await db.SaveChangesAsync(cancellationToken);
            foreach (var attachment in added)
            {
                // Keep the bytes out of memory once stored; later steps need only the metadata.
                db.Entry(attachment).State = EntityState.Detached;
                attachment.Content = null;
                staged.Add(attachment);
            }
        }

        return new StagedUploads(staged, inspected.Error);
    }

    /// <summary>Removes one staged file of the form; a file of another form, or already sent, is left alone.</summary>
    public async Task RemoveAsync(Guid key, Guid fileId, CancellationToken cancellationToken)
    {
        var file = db.Attachments.Where(a => a.Id == fileId && a.StagingKey == key && a.RequestId == null);
        await db.AttachmentContents.Where(c => file.Any(a => a.Id == c.AttachmentId)).ExecuteDeleteAsync(cancellationToken);
        await file.ExecuteDeleteAsync(cancellationToken);
    }
}

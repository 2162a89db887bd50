using HajDesk.Core.Requests;
using HajDesk.Web.Uploads;

namespace HajDesk.Web.Requests;

/// <summary>The files of a follow-up form (a staff answer, a citizen's message), inspected and ready to attach.</summary>
public sealed record UploadedFiles(IReadOnlyList<Attachment> Attachments, IReadOnlyList<string> Errors)
{
    /// <summary>
    /// The files of one follow-up post through the one upload path (<see cref="FileInspector.InspectAllAsync"/>):
    /// empty file inputs ignored, files over <see cref="UploadOptions.MaxFiles"/> and files that are not PDF, JPEG or
    /// PNG refused, each problem one Persian sentence naming the file.
    /// </summary>
    public static async Task<UploadedFiles> InspectAsync(
        IEnumerable<IFormFile> uploads, UploadOptions options, DateTime now, CancellationToken cancellationToken)
    {
        var inspected = await FileInspector.InspectAllAsync(uploads, alreadyAccepted: 0, options, cancellationToken);
        return new UploadedFiles(inspected.Accepted.Select(file => file.ToAttachment(now)).ToList(), inspected.Problems);
    }
}

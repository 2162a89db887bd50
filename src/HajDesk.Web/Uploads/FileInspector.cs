using System.Globalization;
using System.Security.Cryptography;
using HajDesk.Core.Persian;
using HajDesk.Core.Requests;

namespace HajDesk.Web.Uploads;

/// <summary>An uploaded file that passed inspection: its stored name, recognized type, bytes and hash.</summary>
public sealed record InspectedFile(string FileName, string ContentType, byte[] Data, string Sha256)
{
    /// <summary>A new attachment row (with its bytes) for this file; the caller says what it belongs to.</summary>
    public Attachment ToAttachment(DateTime now) => new()
    {
        Id = Guid.NewGuid(),
        FileName = FileName,
        ContentType = ContentType,
        Length = Data.LongLength,
        Sha256 = Sha256,
        CreatedAt = now,
        Content = new AttachmentContent { Data = Data },
    };
}

/// <summary>The files of one post that passed inspection, and a Persian sentence per refused file.</summary>
public sealed record InspectedUploads(IReadOnlyList<InspectedFile> Accepted, IReadOnlyList<string> Problems)
{
    /// <summary>All problems as one message for the files field, or null when every file was accepted.</summary>
    public string? Error => Problems.Count == 0 ? null : string.Join(" ", Problems);
}

/// <summary>
/// The one path every upload takes, for citizens and staff alike: the count limit, the size limit, recognition of
/// PDF, JPEG and PNG by their first bytes (never by name or by the browser's claimed type, so an <c>.exe</c> renamed
/// to <c>.pdf</c> or an SVG, which can carry script, is refused), and a stored name whose extension is the detected
/// type's. Each refusal is a Persian sentence naming the file.
/// </summary>
public static class FileInspector
{
    private static readonly byte[] Pdf = "%PDF-"u8.ToArray();
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF];

    public const string AllowedTypesText = "PDF، JPEG یا PNG";

    /// <summary>The type recognized from the content, or null when it is none of the accepted types.</summary>
    public static string? RecognizeContentType(ReadOnlySpan<byte> head) =>
        head.StartsWith(Pdf) ? "application/pdf"
        : head.StartsWith(Png) ? "image/png"
        : head.StartsWith(Jpeg) ? "image/jpeg"
        : null;

    /// <summary>A display name safe to show and to put in a Content-Disposition header: no path, no controls.</summary>
    public static string SafeDisplayName(string? name) => UploadFileName.Clean(name);

    /// <summary>
    /// Inspects the files of one post, <paramref name="alreadyAccepted"/> of the form's files being accepted
    /// before: files beyond <see cref="UploadOptions.MaxFiles"/> are refused by name, the others one by one.
    /// Posted file inputs left empty are ignored.
    /// </summary>
    public static async Task<InspectedUploads> InspectAllAsync(
        IEnumerable<IFormFile> uploads, int alreadyAccepted, UploadOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(uploads);
        ArgumentNullException.ThrowIfNull(options);
        var accepted = new List<InspectedFile>();
        var problems = new List<string>();
        foreach (var upload in uploads.Where(f => f.Length > 0 || !string.IsNullOrEmpty(f.FileName)))
        {
            if (alreadyAccepted + accepted.Count >= options.MaxFiles)
            {
                problems.Add($"فایل «{SafeDisplayName(upload.FileName)}» پذیرفته نشد: حداکثر {PersianText.ToPersianDigits(options.MaxFiles.ToString(CultureInfo.InvariantCulture))} فایل می‌توانید بفرستید.");
                continue;
            }

            var (file, error) = await InspectAsync(upload, options, cancellationToken);
            if (file is null)
            {
                problems.Add(error!);
            }
            else
            {
                accepted.Add(file);
            }
        }

        return new InspectedUploads(accepted, problems);
    }

    /// <summary>Reads and checks one upload; the error is a Persian sentence naming the file.</summary>
    public static async Task<(InspectedFile? File, string? Error)> InspectAsync(
        IFormFile upload, UploadOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(upload);
        ArgumentNullException.ThrowIfNull(options);
        var name = SafeDisplayName(upload.FileName);
        if (upload.Length == 0)
        {
            return (null, $"فایل «{name}» خالی است.");
        }

        if (upload.Length > options.MaxFileBytes)
        {
            return (null, $"حجم فایل «{name}» بیش از {options.MaxFileSizeText} است.");
        }

        using var buffer = new MemoryStream((int)upload.Length);
        await using (var stream = upload.OpenReadStream())
        {
            await stream.CopyToAsync(buffer, cancellationToken);
        }

        var data = buffer.ToArray();
        var contentType = RecognizeContentType(data);
        if (contentType is null)
        {
            return (null, $"نوع فایل «{name}» پذیرفته نیست؛ فقط فایل {AllowedTypesText} بفرستید.");
        }

        var storedName = UploadFileName.ForContentType(upload.FileName, contentType);
        return (new InspectedFile(storedName, contentType, data, Convert.ToHexStringLower(SHA256.HashData(data))), null);
    }
}

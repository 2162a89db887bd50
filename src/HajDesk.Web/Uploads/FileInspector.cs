using System.Security.Cryptography;
using HajDesk.Core.Persian;
using HajDesk.Core.Requests;

namespace HajDesk.Web.Uploads;

/// <summary>An uploaded file that passed inspection: its display name, recognized type, bytes and hash.</summary>
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

/// <summary>
/// Recognizes PDF, JPEG and PNG by their first bytes, never by name or by the browser's claimed type, so an
/// <c>.exe</c> renamed to <c>.pdf</c> or an SVG (which can carry script) is refused.
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
    public static string SafeDisplayName(string? name)
    {
        var fileName = Path.GetFileName((name ?? string.Empty).Replace('\\', '/'));
        var cleaned = new string(PersianText.NormalizeText(fileName).Where(c => !char.IsControl(c) && c is not ('"' or '<' or '>')).ToArray()).Trim();
        if (cleaned.Length == 0)
        {
            cleaned = "file";
        }

        return cleaned.Length <= 120 ? cleaned : cleaned[..60] + "…" + cleaned[^59..];
    }

    /// <summary>Reads and checks one upload; the error is a Persian sentence naming the file.</summary>
    public static async Task<(InspectedFile? File, string? Error)> InspectAsync(
        IFormFile upload, UploadOptions options, CancellationToken cancellationToken)
    {
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

        return (new InspectedFile(name, contentType, data, Convert.ToHexStringLower(SHA256.HashData(data))), null);
    }
}

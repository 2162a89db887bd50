using System.ComponentModel.DataAnnotations;

namespace HajDesk.Web.Uploads;

/// <summary>Limits on citizens' and staff's documents. Section <c>Uploads</c>.</summary>
public sealed class UploadOptions
{
    public const string Section = "Uploads";

    [Range(1, 20, ErrorMessage = "Uploads:MaxFiles must be between 1 and 20.")]
    public int MaxFiles { get; set; } = 3;

    [Range(1024, 100 * 1024 * 1024, ErrorMessage = "Uploads:MaxFileBytes must be between 1 KB and 100 MB.")]
    public long MaxFileBytes { get; set; } = 5 * 1024 * 1024;

    /// <summary>The largest form post a page with uploads accepts: every file at its limit, plus room for the text.</summary>
    public long MaxRequestBytes => (MaxFiles + 1) * MaxFileBytes + (1024 * 1024);

    /// <summary>The size limit in Persian, for messages: «۵ مگابایت».</summary>
    public string MaxFileSizeText => MaxFileBytes % (1024 * 1024) == 0
        ? $"{Core.Persian.PersianText.ToPersianDigits((MaxFileBytes / (1024 * 1024)).ToString(System.Globalization.CultureInfo.InvariantCulture))} مگابایت"
        : $"{Core.Persian.PersianText.ToPersianDigits((MaxFileBytes / 1024).ToString(System.Globalization.CultureInfo.InvariantCulture))} کیلوبایت";
}

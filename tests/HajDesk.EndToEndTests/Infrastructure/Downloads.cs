using Microsoft.Playwright;

namespace HajDesk.EndToEndTests.Infrastructure;

/// <summary>A file the browser saved: the name the server suggested and its bytes.</summary>
public sealed record DownloadedFile(string Name, byte[] Bytes)
{
    /// <summary>Clicks <paramref name="target"/> (a download link or a form's button) and reads the file the browser saved.</summary>
    public static async Task<DownloadedFile> ByClickingAsync(IPage page, ILocator target)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(target);
        var download = await page.RunAndWaitForDownloadAsync(() => target.ClickAsync());
        var path = await download.PathAsync();
        return new DownloadedFile(download.SuggestedFilename, await File.ReadAllBytesAsync(path));
    }
}

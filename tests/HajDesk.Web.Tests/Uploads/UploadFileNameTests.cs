using HajDesk.Web.Uploads;

namespace HajDesk.Web.Tests.Uploads;

public class UploadFileNameTests
{
    [Theory]
    [InlineData("invoice.pdf.html", "application/pdf", "invoice.pdf")]
    [InlineData("report.pdf.exe", "application/pdf", "report.pdf")]
    [InlineData("invoice.pdf\0.html", "application/pdf", "invoice.pdf")]
    [InlineData("photo.JPEG", "image/jpeg", "photo.JPEG")]
    [InlineData("photo.png", "image/jpeg", "photo.jpg")]
    [InlineData("scan", "application/pdf", "scan.pdf")]
    [InlineData("../../secret.pdf", "application/pdf", "secret.pdf")]
    [InlineData("C:\\Users\\a\\نامه‌ی من.pdf", "application/pdf", "نامه‌ی من.pdf")]
    [InlineData("invoice\u202Efdp.exe", "application/pdf", "invoicefdp.pdf")]
    [InlineData("\u200Fsafe\u2066.png\u2069.svg", "image/png", "safe.png")]
    [InlineData(".htaccess", "application/pdf", "htaccess.pdf")]
    [InlineData("\0\u202E", "image/png", "file.png")]
    [InlineData("a<b>\"c\"|d?.pdf", "application/pdf", "abcd.pdf")]
    public void ForContentType_AnyName_EndsInTheDetectedTypeWithoutHiddenOrPathCharacters(string name, string contentType, string expected) =>
        Assert.Equal(expected, UploadFileName.ForContentType(name, contentType));

    [Fact]
    public void ForContentType_VeryLongName_IsShortenedKeepingTheExtension()
    {
        var stored = UploadFileName.ForContentType(new string('ن', 16_400) + ".pdf.html", "application/pdf");

        Assert.True(stored.Length <= 120);
        Assert.EndsWith(".pdf", stored, StringComparison.Ordinal);
    }
}

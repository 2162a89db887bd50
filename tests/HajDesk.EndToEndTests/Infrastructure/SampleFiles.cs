using System.Text;
using Microsoft.Playwright;
using SkiaSharp;

namespace HajDesk.EndToEndTests.Infrastructure;

/// <summary>Small real files to upload, and an impostor.</summary>
public static class SampleFiles
{
    /// <summary>A one-page PDF that a PDF reader opens.</summary>
    public static FilePayload Pdf(string name = "fish-hajj.pdf")
    {
        var objects = new[]
        {
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 100] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
            "<< /Length 44 >>\nstream\nBT /F1 18 Tf 20 40 Td (HajDesk test) Tj ET\nendstream",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        };
        var pdf = new StringBuilder("%PDF-1.4\n");
        var offsets = new List<int>();
        for (var i = 0; i < objects.Length; i++)
        {
            offsets.Add(pdf.Length);
            pdf.Append(System.Globalization.CultureInfo.InvariantCulture, $"{i + 1} 0 obj\n{objects[i]}\nendobj\n");
        }

        var xref = pdf.Length;
        pdf.Append(System.Globalization.CultureInfo.InvariantCulture, $"xref\n0 {objects.Length + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets)
        {
            pdf.Append(System.Globalization.CultureInfo.InvariantCulture, $"{offset:D10} 00000 n \n");
        }

        pdf.Append(System.Globalization.CultureInfo.InvariantCulture, $"trailer\n<< /Size {objects.Length + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        return new FilePayload { Name = name, MimeType = "application/pdf", Buffer = Encoding.ASCII.GetBytes(pdf.ToString()) };
    }

    /// <summary>A small PNG picture drawn with SkiaSharp.</summary>
    public static FilePayload Png(string name = "kart-melli.png")
    {
        using var bitmap = new SKBitmap(160, 100);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(new SKColor(0x0b, 0x5e, 0x3b));
            using var paint = new SKPaint { Color = SKColors.White };
            canvas.DrawRect(16, 16, 128, 68, paint);
        }

        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return new FilePayload { Name = name, MimeType = "image/png", Buffer = data.ToArray() };
    }

    /// <summary>A Windows executable's header under a .pdf name: what the server must refuse by content.</summary>
    public static FilePayload ExeDisguisedAsPdf(string name = "madarek.pdf")
    {
        var data = new byte[4096];
        "MZ\u0090\0\u0003\0\0\0"u8.CopyTo(data);
        "This program cannot be run in DOS mode."u8.CopyTo(data.AsSpan(78));
        return new FilePayload { Name = name, MimeType = "application/pdf", Buffer = data };
    }
}

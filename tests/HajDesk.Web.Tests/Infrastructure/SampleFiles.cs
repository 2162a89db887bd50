using System.Text;

namespace HajDesk.Web.Tests.Infrastructure;

/// <summary>Small real files, and impostors, for upload tests.</summary>
public static class SampleFiles
{
    public static byte[] Pdf(int size = 2048) => Pad("%PDF-1.7\n1 0 obj <<>> endobj\n"u8.ToArray(), size);

    public static byte[] Png(int size = 1024) => Pad([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52], size);

    public static byte[] Jpeg(int size = 1024) => Pad([0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0x4A, 0x46, 0x49, 0x46], size);

    /// <summary>A Windows executable's header, to be sent under a .pdf name.</summary>
    public static byte[] Exe() => Pad("MZ\u0090\0\u0003\0\0\0"u8.ToArray(), 4096);

    public static byte[] Svg() => Encoding.UTF8.GetBytes("<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>");

    private static byte[] Pad(byte[] head, int size)
    {
        var data = new byte[Math.Max(size, head.Length)];
        head.CopyTo(data, 0);
        for (var i = head.Length; i < data.Length; i++)
        {
            data[i] = (byte)('a' + (i % 26));
        }

        return data;
    }
}

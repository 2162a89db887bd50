using System.Buffers.Binary;
using System.IO.Compression;

namespace HajDesk.Web.Captcha;

/// <summary>
/// Writes a 4-bit palette PNG: the security-code picture has one ink on one paper with 16 shades between them, so
/// it takes a few KB instead of the ~30 KB of a full-colour PNG.
/// </summary>
internal static class IndexedPng
{
    private static readonly uint[] CrcTable = MakeCrcTable();

    /// <summary>
    /// <paramref name="shades"/> holds one palette index (0 to 15) per pixel, row by row; <paramref name="palette"/>
    /// up to 16 RGB colours.
    /// </summary>
    public static byte[] Write(int width, int height, ReadOnlySpan<byte> shades, ReadOnlySpan<(byte R, byte G, byte B)> palette)
    {
        using var output = new MemoryStream();
        output.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);

        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 4; // bits per index
        header[9] = 3; // colour type: palette
        WriteChunk(output, "IHDR"u8, header);

        var colours = new byte[palette.Length * 3];
        for (var i = 0; i < palette.Length; i++)
        {
            (colours[i * 3], colours[(i * 3) + 1], colours[(i * 3) + 2]) = palette[i];
        }

        WriteChunk(output, "PLTE"u8, colours);

        var stride = (width + 1) / 2;
        var raw = new byte[height * (stride + 1)];
        for (var y = 0; y < height; y++)
        {
            var row = raw.AsSpan(y * (stride + 1), stride + 1); // row[0] = 0: no filter
            for (var x = 0; x < width; x++)
            {
                row[1 + (x / 2)] |= (byte)((shades[(y * width) + x] & 0x0F) << (x % 2 == 0 ? 4 : 0));
            }
        }

        using (var compressed = new MemoryStream())
        {
            using (var zlib = new ZLibStream(compressed, CompressionLevel.SmallestSize, leaveOpen: true))
            {
                zlib.Write(raw);
            }

            WriteChunk(output, "IDAT"u8, compressed.ToArray());
        }

        WriteChunk(output, "IEND"u8, []);
        return output.ToArray();
    }

    private static void WriteChunk(Stream output, ReadOnlySpan<byte> type, ReadOnlySpan<byte> data)
    {
        Span<byte> number = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(number, data.Length);
        output.Write(number);
        output.Write(type);
        output.Write(data);
        var crc = 0xFFFFFFFFu;
        foreach (var b in type)
        {
            crc = CrcTable[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }

        foreach (var b in data)
        {
            crc = CrcTable[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }

        BinaryPrimitives.WriteUInt32BigEndian(number, crc ^ 0xFFFFFFFFu);
        output.Write(number);
    }

    private static uint[] MakeCrcTable()
    {
        var table = new uint[256];
        for (var n = 0u; n < 256; n++)
        {
            var c = n;
            for (var k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            }

            table[n] = c;
        }

        return table;
    }
}

using System.Buffers.Binary;

namespace HajDesk.Web.Captcha;

/// <summary>The little of the WAV format the security code's sound needs: 16-bit mono PCM, read and written.</summary>
internal static class Wav
{
    private const int HeaderBytes = 44;

    /// <summary>Reads a 16-bit mono PCM WAV file at <paramref name="sampleRate"/>; throws naming the file otherwise.</summary>
    public static short[] ReadMono16(string path, int sampleRate)
    {
        if (!File.Exists(path))
        {
            throw new InvalidOperationException(
                $"A recording of the security code's audio version is missing: '{path}'. The recordings ship with the " +
                $"app as {CaptchaAudio.Folder}/1-a.wav … 9-c.wav (HajDesk.Web.csproj copies them to the output).");
        }

        var bytes = File.ReadAllBytes(path);
        var data = FindData(bytes, sampleRate)
            ?? throw new InvalidOperationException($"'{path}' is not a {sampleRate} Hz 16-bit mono PCM WAV file.");
        var samples = new short[data.Length / 2];
        for (var i = 0; i < samples.Length; i++)
        {
            samples[i] = BinaryPrimitives.ReadInt16LittleEndian(data.Span[(i * 2)..]);
        }

        return samples;
    }

    /// <summary>A canonical 44-byte-header WAV file of <paramref name="samples"/>.</summary>
    public static byte[] Write(ReadOnlySpan<short> samples, int sampleRate)
    {
        var bytes = new byte[HeaderBytes + (samples.Length * 2)];
        var span = bytes.AsSpan();
        "RIFF"u8.CopyTo(span);
        BinaryPrimitives.WriteInt32LittleEndian(span[4..], bytes.Length - 8);
        "WAVEfmt "u8.CopyTo(span[8..]);
        BinaryPrimitives.WriteInt32LittleEndian(span[16..], 16);
        BinaryPrimitives.WriteInt16LittleEndian(span[20..], 1); // PCM
        BinaryPrimitives.WriteInt16LittleEndian(span[22..], 1); // mono
        BinaryPrimitives.WriteInt32LittleEndian(span[24..], sampleRate);
        BinaryPrimitives.WriteInt32LittleEndian(span[28..], sampleRate * 2);
        BinaryPrimitives.WriteInt16LittleEndian(span[32..], 2);
        BinaryPrimitives.WriteInt16LittleEndian(span[34..], 16);
        "data"u8.CopyTo(span[36..]);
        BinaryPrimitives.WriteInt32LittleEndian(span[40..], samples.Length * 2);
        for (var i = 0; i < samples.Length; i++)
        {
            BinaryPrimitives.WriteInt16LittleEndian(span[(HeaderBytes + (i * 2))..], samples[i]);
        }

        return bytes;
    }

    /// <summary>The <c>data</c> chunk of a 16-bit mono PCM file at <paramref name="sampleRate"/>; null for anything else.</summary>
    private static ReadOnlyMemory<byte>? FindData(byte[] bytes, int sampleRate)
    {
        if (bytes.Length < 12 || !bytes.AsSpan(0, 4).SequenceEqual("RIFF"u8) || !bytes.AsSpan(8, 4).SequenceEqual("WAVE"u8))
        {
            return null;
        }

        var formatOk = false;
        for (var at = 12; at + 8 <= bytes.Length;)
        {
            var id = bytes.AsSpan(at, 4);
            var size = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(at + 4));
            if (size < 0 || at + 8 + size > bytes.Length)
            {
                return null;
            }

            var body = bytes.AsSpan(at + 8, size);
            if (id.SequenceEqual("fmt "u8) && size >= 16)
            {
                formatOk = BinaryPrimitives.ReadInt16LittleEndian(body) == 1
                    && BinaryPrimitives.ReadInt16LittleEndian(body[2..]) == 1
                    && BinaryPrimitives.ReadInt32LittleEndian(body[4..]) == sampleRate
                    && BinaryPrimitives.ReadInt16LittleEndian(body[14..]) == 16;
            }
            else if (id.SequenceEqual("data"u8))
            {
                return formatOk ? bytes.AsMemory(at + 8, size & ~1) : null;
            }

            at += 8 + size + (size & 1);
        }

        return null;
    }
}

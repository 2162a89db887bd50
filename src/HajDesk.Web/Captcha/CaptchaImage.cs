using SkiaSharp;

namespace HajDesk.Web.Captcha;

/// <summary>
/// Draws a security code as a small PNG: large Persian digit glyphs (۱ to ۹) in one dark ink on one light paper,
/// each turned, slanted, shifted and sized a little, crossed by lines of the same ink and bent along two slow waves.
/// Measured with <c>scripts/captcha-ocr-check.sh</c> (docs/security.md, "Security code"): stock OCR after the usual
/// clean-ups reads under 2 % of them, while the digits stay large and high-contrast for older eyes on a phone.
/// </summary>
/// <remarks>
/// One instance per process (it holds the loaded font); drawing is thread-safe. The picture is drawn at twice its
/// size so that it stays sharp on phone screens, and shown at <see cref="Width"/> × <see cref="Height"/> CSS pixels.
/// </remarks>
public sealed class CaptchaImage : IDisposable
{
    /// <summary>The width the page shows the picture at, in CSS pixels.</summary>
    public const int Width = 180;

    /// <summary>The height the page shows the picture at, in CSS pixels.</summary>
    public const int Height = 60;

    /// <summary>Device pixels per CSS pixel in the PNG.</summary>
    public const int Scale = 2;

    /// <summary>The font, relative to the app's folder (copied there by the build).</summary>
    public const string FontFile = "Captcha/Fonts/Vazirmatn-Bold.ttf";

    private const string PersianDigits = "۱۲۳۴۵۶۷۸۹";

    // Dark inks on light papers: every pair has a contrast well above 7:1.
    private static readonly SKColor[] Inks =
    [
        new(0x1B, 0x2A, 0x49), new(0x1F, 0x3D, 0x1F), new(0x5A, 0x1E, 0x1E), new(0x3B, 0x25, 0x5C), new(0x21, 0x21, 0x21),
        new(0x0E, 0x3B, 0x43),
    ];

    private static readonly SKColor[] Papers =
    [
        new(0xF7, 0xF4, 0xEA), new(0xEE, 0xF4, 0xF8), new(0xF3, 0xF0, 0xF8), new(0xF0, 0xF6, 0xEE), new(0xFA, 0xF1, 0xEC),
    ];

    private readonly SKTypeface typeface;

    private CaptchaImage(SKTypeface typeface) => this.typeface = typeface;

    /// <summary>The font's default place: beside the app's assemblies.</summary>
    public static string DefaultFontPath => Path.Combine(AppContext.BaseDirectory, FontFile);

    /// <summary>
    /// Loads the font and checks it has the Persian digits. Throws when it cannot: without a font SkiaSharp draws
    /// nothing at all, and every citizen would face a blank picture.
    /// </summary>
    public static CaptchaImage Load(string fontPath)
    {
        if (!File.Exists(fontPath))
        {
            throw new InvalidOperationException(
                $"The security-code font is missing: '{fontPath}'. It ships with the app as {FontFile} " +
                "(HajDesk.Web.csproj copies it to the output); without it the security-code pictures would be blank.");
        }

        var typeface = SKTypeface.FromFile(fontPath)
            ?? throw new InvalidOperationException($"The security-code font '{fontPath}' is not a font SkiaSharp can read.");
        using var font = new SKFont(typeface);
        if (!font.ContainsGlyphs(PersianDigits))
        {
            typeface.Dispose();
            throw new InvalidOperationException($"The security-code font '{fontPath}' lacks the Persian digits ۱ to ۹.");
        }

        return new CaptchaImage(typeface);
    }

    /// <summary>
    /// Draws <paramref name="digits"/> (ASCII 1 to 9) as Persian digits. The same <paramref name="seed"/> draws the
    /// same picture, so fetching one challenge's picture again does not give new noise to average away.
    /// </summary>
    public byte[] RenderPng(string digits, int seed)
    {
        ArgumentException.ThrowIfNullOrEmpty(digits);
        if (!digits.All(c => c is >= '1' and <= '9'))
        {
            throw new ArgumentException("Only the digits 1 to 9 are drawn.", nameof(digits));
        }

        // Not a secret-making generator: the digits come from the answer key; this only varies the drawing, from a
        // seed the client never sees.
        var random = new Random(seed);
        float Between(float min, float max) => min + ((float)random.NextDouble() * (max - min));

        // Drawn as ink coverage (black on white), then bent and coloured: one ink on one paper.
        var coverage = DrawCoverage(digits, random, Between);
        var bent = Bend(coverage, Between);
        var paper = Papers[random.Next(Papers.Length)];
        var ink = Inks[random.Next(Inks.Length)];
        var palette = new (byte R, byte G, byte B)[Shades];
        for (var i = 0; i < Shades; i++)
        {
            var t = i / (float)(Shades - 1);
            palette[i] = (Mix(paper.Red, ink.Red, t), Mix(paper.Green, ink.Green, t), Mix(paper.Blue, ink.Blue, t));
        }

        var shades = new byte[bent.Length];
        for (var i = 0; i < bent.Length; i++)
        {
            shades[i] = (byte)Math.Clamp((int)MathF.Round(bent[i] * (Shades - 1) / 255f), 0, Shades - 1);
        }

        return IndexedPng.Write(Width * Scale, Height * Scale, shades, palette);
    }

    /// <summary>Shades of the palette, from paper (0) to ink (15).</summary>
    private const int Shades = 16;

    private static byte Mix(byte from, byte to, float t) => (byte)MathF.Round(from + ((to - from) * t));

    /// <summary>
    /// The digits, crowded and turned, with a thick line of the same ink running through all of them: OCR engines read
    /// a line of separate, level glyphs and take a stroke through them for part of a letter, while people look past it.
    /// </summary>
    private byte[] DrawCoverage(string digits, Random random, Func<float, float, float> between)
    {
        var info = new SKImageInfo(Width * Scale, Height * Scale, SKColorType.Rgba8888, SKAlphaType.Premul);
        using var surface = SKSurface.Create(info);
        var canvas = surface.Canvas;
        canvas.Clear(SKColors.White);
        canvas.Scale(Scale);

        using var stroke = new SKPaint { IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeCap = SKStrokeCap.Round };

        // Faint curves behind the digits: texture for the eye, gone at any threshold.
        stroke.Color = SKColors.Black.WithAlpha(70);
        for (var i = 0; i < 3; i++)
        {
            stroke.StrokeWidth = between(0.8f, 1.4f);
            DrawCurve(canvas, stroke, between, 5, Height - 5);
        }

        using var font = new SKFont(typeface) { Edging = SKFontEdging.Antialias, Subpixel = true };
        using var fill = new SKPaint { IsAntialias = true, Style = SKPaintStyle.Fill, Color = SKColors.Black };
        const float margin = 10;
        var slot = (Width - (2 * margin)) / digits.Length;
        for (var i = 0; i < digits.Length; i++)
        {
            var glyph = PersianDigits[digits[i] - '1'].ToString();
            font.Size = between(44, 50);
            font.MeasureText(glyph, out var bounds);
            var centerX = margin + (slot * (i + 0.5f)) + between(-3, 3);
            var centerY = (Height / 2f) + between(-4, 4);

            canvas.Save();
            canvas.Translate(centerX, centerY);
            canvas.RotateDegrees(between(-18, 18));
            canvas.Skew(between(-0.15f, 0.15f), 0);
            canvas.DrawText(glyph, -bounds.MidX, -bounds.MidY, SKTextAlign.Left, font, fill);
            canvas.Restore();
        }

        // Lines of full ink through the digits, thinner than a digit's stroke so that people tell them apart.
        stroke.Color = SKColors.Black;
        stroke.StrokeWidth = between(1.7f, 2.1f);
        DrawCurve(canvas, stroke, between, (Height / 2f) - 8, (Height / 2f) + 8);
        stroke.StrokeWidth = between(1.1f, 1.5f);
        DrawCurve(canvas, stroke, between, 12, Height - 12);

        using var image = surface.Snapshot();
        using var pixels = image.PeekPixels();
        var rgba = pixels.GetPixelSpan();
        var coverage = new byte[info.Width * info.Height];
        for (var i = 0; i < coverage.Length; i++)
        {
            coverage[i] = (byte)(255 - rgba[i * 4]);
        }

        return coverage;
    }

    /// <summary>Bends the whole picture along two slow waves, so that no baseline or stroke stays straight.</summary>
    private static byte[] Bend(byte[] coverage, Func<float, float, float> between)
    {
        const int w = Width * Scale, h = Height * Scale;
        var amplitudeX = between(2f, 3f) * Scale;
        var amplitudeY = between(2.5f, 4f) * Scale;
        var waveX = between(35, 55) * Scale;
        var waveY = between(60, 90) * Scale;
        var phaseX = between(0, MathF.Tau);
        var phaseY = between(0, MathF.Tau);

        var bent = new byte[coverage.Length];
        for (var y = 0; y < h; y++)
        {
            for (var x = 0; x < w; x++)
            {
                var sx = x + (amplitudeX * MathF.Sin((MathF.Tau * y / waveX) + phaseX));
                var sy = y + (amplitudeY * MathF.Sin((MathF.Tau * x / waveY) + phaseY));
                bent[(y * w) + x] = Sample(coverage, w, h, sx, sy);
            }
        }

        return bent;
    }

    /// <summary>Bilinear sample; outside the picture is paper.</summary>
    private static byte Sample(byte[] coverage, int w, int h, float x, float y)
    {
        var x0 = (int)MathF.Floor(x);
        var y0 = (int)MathF.Floor(y);
        var fx = x - x0;
        var fy = y - y0;
        float At(int px, int py) => px < 0 || py < 0 || px >= w || py >= h ? 0 : coverage[(py * w) + px];
        var top = (At(x0, y0) * (1 - fx)) + (At(x0 + 1, y0) * fx);
        var bottom = (At(x0, y0 + 1) * (1 - fx)) + (At(x0 + 1, y0 + 1) * fx);
        return (byte)MathF.Round((top * (1 - fy)) + (bottom * fy));
    }

    private static void DrawCurve(SKCanvas canvas, SKPaint paint, Func<float, float, float> between, float top, float bottom)
    {
        using var builder = new SKPathBuilder();
        builder.MoveTo(between(-10, 8), between(top, bottom));
        builder.CubicTo(
            between(40, 80), between(top - 15, bottom + 15),
            between(100, 140), between(top - 15, bottom + 15),
            between(Width - 8, Width + 10), between(top, bottom));
        using var path = builder.Detach();
        canvas.DrawPath(path, paint);
    }

    public void Dispose() => typeface.Dispose();
}

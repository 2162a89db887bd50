using SkiaSharp;

namespace HajDesk.Web.Captcha;

/// <summary>
/// Draws a security code as a PNG: Persian digit glyphs (۱ to ۹), each turned, shifted and sized a little, over a
/// light background with a few lines and dots. The distortion is kept moderate on purpose: the citizens of this
/// service are often older people, and an unreadable code locks them out more surely than it stops a bot.
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

        // Not a secret-making generator: the digits come from RandomNumberGenerator; this only varies the drawing,
        // from a seed the client never sees.
        var random = new Random(seed);
        float Between(float min, float max) => min + ((float)random.NextDouble() * (max - min));
        T Pick<T>(T[] items) => items[random.Next(items.Length)];

        var info = new SKImageInfo(Width * Scale, Height * Scale, SKColorType.Rgba8888, SKAlphaType.Premul);
        using var surface = SKSurface.Create(info);
        var canvas = surface.Canvas;
        canvas.Scale(Scale);

        // Paper: a soft gradient between two light tints.
        using (var paper = new SKPaint())
        {
            paper.Shader = SKShader.CreateLinearGradient(
                new SKPoint(0, Between(0, Height)), new SKPoint(Width, Between(0, Height)),
                [Pick(Papers), Pick(Papers)], SKShaderTileMode.Clamp);
            canvas.DrawRect(0, 0, Width, Height, paper);
        }

        using var stroke = new SKPaint { IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeCap = SKStrokeCap.Round };

        // Faint curves behind the digits.
        for (var i = 0; i < 6; i++)
        {
            stroke.Color = Pick(Inks).WithAlpha((byte)random.Next(50, 90));
            stroke.StrokeWidth = Between(0.8f, 1.6f);
            DrawCurve(canvas, stroke, Between);
        }

        // The digits, each in its own slot.
        using var font = new SKFont(typeface) { Edging = SKFontEdging.Antialias, Subpixel = true };
        using var ink = new SKPaint { IsAntialias = true, Style = SKPaintStyle.Fill };
        const float margin = 10;
        var slot = (Width - (2 * margin)) / digits.Length;
        for (var i = 0; i < digits.Length; i++)
        {
            var glyph = PersianDigits[digits[i] - '1'].ToString();
            font.Size = Between(38, 45);
            ink.Color = Pick(Inks);
            font.MeasureText(glyph, out var bounds);
            var centerX = margin + (slot * (i + 0.5f)) + Between(-3, 3);
            var centerY = (Height / 2f) + Between(-4, 4);

            canvas.Save();
            canvas.Translate(centerX, centerY);
            canvas.RotateDegrees(Between(-20, 20));
            canvas.DrawText(glyph, -bounds.MidX, -bounds.MidY, SKTextAlign.Left, font, ink);
            canvas.Restore();
        }

        // Two thin lines across the digits, and dots.
        for (var i = 0; i < 2; i++)
        {
            stroke.Color = Pick(Inks).WithAlpha((byte)random.Next(110, 160));
            stroke.StrokeWidth = Between(1.0f, 1.6f);
            DrawCurve(canvas, stroke, Between);
        }

        using var dot = new SKPaint { IsAntialias = true, Style = SKPaintStyle.Fill };
        for (var i = 0; i < 140; i++)
        {
            dot.Color = Pick(Inks).WithAlpha((byte)random.Next(60, 170));
            canvas.DrawCircle(Between(0, Width), Between(0, Height), Between(0.4f, 1.2f), dot);
        }

        using var image = surface.Snapshot();
        using var png = image.Encode(SKEncodedImageFormat.Png, 100);
        return png.ToArray();
    }

    private static void DrawCurve(SKCanvas canvas, SKPaint paint, Func<float, float, float> between)
    {
        using var builder = new SKPathBuilder();
        builder.MoveTo(between(-10, 20), between(5, Height - 5));
        builder.CubicTo(
            between(30, 80), between(-10, Height + 10),
            between(100, 150), between(-10, Height + 10),
            between(Width - 20, Width + 10), between(5, Height - 5));
        using var path = builder.Detach();
        canvas.DrawPath(path, paint);
    }

    public void Dispose() => typeface.Dispose();
}

// Measures how often an off-the-shelf OCR engine reads the security code: draws N pictures with the app's real
// CaptchaImage (random digits 1 to 9 and drawing seeds, from a fixed seed so runs are repeatable), prepares each
// picture as an attacker would (plain, grey, thresholds, Otsu, median, blur, resizing), reads every variant with
// tesseract (Persian and English models, one line and one word, digits-only whitelists) and prints the share read
// exactly, per variant and for the best variant. Usage: CaptchaOcrCheck [count=500] [seed=1] [work folder]
using System.Diagnostics;
using System.Globalization;
using HajDesk.Web.Captcha;
using SkiaSharp;

var count = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 500;
var seed = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1;
var work = args.Length > 2 ? args[2] : Directory.CreateTempSubdirectory("captcha-ocr").FullName;
Directory.CreateDirectory(work);

using var image = CaptchaImage.Load(CaptchaImage.DefaultFontPath);
var random = new Random(seed);
var answers = new string[count];
var pictures = new byte[count][];
for (var i = 0; i < count; i++)
{
    answers[i] = string.Concat(Enumerable.Range(0, 5).Select(_ => (char)('0' + random.Next(1, 10))));
    pictures[i] = image.RenderPng(answers[i], random.Next());
}

Console.WriteLine($"{count} pictures, average {pictures.Average(p => p.Length) / 1024.0:F1} KB, seed {seed}");
File.WriteAllBytes(Path.Combine(work, "sample.png"), pictures[0]);

var variants = new (string Name, Func<SKBitmap, SKBitmap> Prepare)[]
{
    ("plain", b => b.Copy()),
    ("threshold-100", b => Filters.Threshold(Filters.Grey(b), 100)),
    ("threshold-140", b => Filters.Threshold(Filters.Grey(b), 140)),
    ("otsu", b => Filters.Otsu(Filters.Grey(b))),
    ("median3-otsu", b => Filters.Otsu(Filters.Median3(Filters.Grey(b)))),
    ("blur-otsu", b => Filters.Otsu(Filters.Blur(Filters.Grey(b), 1.5f))),
    ("double-median3-otsu", b => Filters.Otsu(Filters.Median3(Filters.Resize(Filters.Grey(b), 2f)))),
};

var engines = new (string Name, string[] Args)[]
{
    ("fas-psm7", ["-l", "fas", "--psm", "7", "-c", "tessedit_char_whitelist=۰۱۲۳۴۵۶۷۸۹"]),
    ("fas-psm8", ["-l", "fas", "--psm", "8", "-c", "tessedit_char_whitelist=۰۱۲۳۴۵۶۷۸۹"]),
    ("eng-psm7", ["-l", "eng", "--psm", "7", "-c", "tessedit_char_whitelist=0123456789"]),
    ("eng-psm8", ["-l", "eng", "--psm", "8", "-c", "tessedit_char_whitelist=0123456789"]),
};

var jobs = new List<(string Name, string List, string[] Args)>();
foreach (var (name, prepare) in variants)
{
    var folder = Directory.CreateDirectory(Path.Combine(work, name)).FullName;
    var paths = new string[count];
    for (var i = 0; i < count; i++)
    {
        using var decoded = SKBitmap.Decode(pictures[i]);
        using var prepared = prepare(decoded);
        paths[i] = Path.Combine(folder, $"{i:D4}.png");
        using var data = prepared.Encode(SKEncodedImageFormat.Png, 100);
        File.WriteAllBytes(paths[i], data.ToArray());
    }

    var list = Path.Combine(folder, "list.txt");
    File.WriteAllLines(list, paths);
    jobs.AddRange(engines.Select(e => ($"{name} {e.Name}", list, e.Args)));
}

var results = new Dictionary<string, bool[]>();
var watch = Stopwatch.StartNew();
Parallel.ForEach(jobs, new ParallelOptions { MaxDegreeOfParallelism = 3 }, job =>
{
    string[] read;
    try
    {
        read = Tesseract.ReadAll(job.List, job.Args, count);
    }
    catch (InvalidOperationException e)
    {
        // One crashed reading (tesseract killed on a starved machine) must not throw away the other variants.
        Console.Error.WriteLine($"{job.Name}: {e.Message.Split('\n')[0]}");
        return;
    }

    var hits = answers.Select((answer, i) => Tesseract.Normalize(read[i]) == answer).ToArray();
    lock (results)
    {
        results[job.Name] = hits;
    }
});

Console.WriteLine($"{jobs.Count} variants read in {watch.Elapsed.TotalSeconds:F0} s");
foreach (var (name, hits) in results.OrderByDescending(r => r.Value.Count(h => h)).ThenBy(r => r.Key, StringComparer.Ordinal))
{
    Console.WriteLine(FormattableString.Invariant($"{name,-36} {hits.Count(h => h),4} / {count}  {100.0 * hits.Count(h => h) / count,6:F2} %"));
}

var best = results.Max(r => r.Value.Count(h => h));
var anyVariant = Enumerable.Range(0, count).Count(i => results.Values.Any(h => h[i]));
Console.WriteLine(FormattableString.Invariant($"best variant: {100.0 * best / count:F2} %"));
Console.WriteLine(FormattableString.Invariant($"read by at least one variant (an attacker gets one try): {100.0 * anyVariant / count:F2} %"));
return 0;

internal static class Tesseract
{
    /// <summary>
    /// Reads every picture named in <paramref name="list"/> in one tesseract process (the model is loaded once); one
    /// text per picture, from the TSV output, which has a row for every page even when nothing was read on it.
    /// </summary>
    public static string[] ReadAll(string list, string[] options, int count)
    {
        var start = new ProcessStartInfo("tesseract") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(list);
        start.ArgumentList.Add("stdout");
        foreach (var option in options)
        {
            start.ArgumentList.Add(option);
        }

        start.ArgumentList.Add("tsv");
        start.Environment["OMP_THREAD_LIMIT"] = "1";
        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"tesseract {string.Join(' ', options)} failed: {errors.Result}");
        }

        var pages = new string[count];
        Array.Fill(pages, string.Empty);
        foreach (var line in output.Split('\n').Skip(1))
        {
            // level page_num block_num par_num line_num word_num left top width height conf text
            var columns = line.Split('\t');
            if (columns.Length == 12 && columns[0] == "5" && int.TryParse(columns[1], CultureInfo.InvariantCulture, out var page)
                && page >= 1 && page <= count)
            {
                pages[page - 1] += columns[11];
            }
        }

        return pages;
    }

    /// <summary>Persian and Arabic-Indic digits to ASCII, everything else dropped: what an attacker would post.</summary>
    public static string Normalize(string text) => string.Concat(text.Select(c => c switch
    {
        >= '۰' and <= '۹' => (char)('0' + (c - '۰')),
        >= '٠' and <= '٩' => (char)('0' + (c - '٠')),
        >= '0' and <= '9' => c,
        _ => '\0',
    }).Where(c => c != '\0'));
}

internal static class Filters
{
    public static SKBitmap Grey(SKBitmap source) => Map(source, c => Luma(c));

    public static SKBitmap Threshold(SKBitmap grey, int level) => Map(grey, c => c.Red < level ? (byte)0 : (byte)255);

    /// <summary>Otsu's threshold: the level that best splits the histogram into two classes.</summary>
    public static SKBitmap Otsu(SKBitmap grey)
    {
        var histogram = new int[256];
        foreach (var pixel in grey.Pixels)
        {
            histogram[pixel.Red]++;
        }

        var total = grey.Width * grey.Height;
        double sum = 0;
        for (var i = 0; i < 256; i++)
        {
            sum += i * histogram[i];
        }

        double sumBelow = 0, best = 0;
        int below = 0, level = 128;
        for (var t = 0; t < 256; t++)
        {
            below += histogram[t];
            if (below == 0 || below == total)
            {
                continue;
            }

            sumBelow += t * histogram[t];
            var meanBelow = sumBelow / below;
            var meanAbove = (sum - sumBelow) / (total - below);
            var between = (double)below * (total - below) * (meanBelow - meanAbove) * (meanBelow - meanAbove);
            if (between > best)
            {
                best = between;
                level = t + 1;
            }
        }

        return Threshold(grey, level);
    }

    public static SKBitmap Median3(SKBitmap grey)
    {
        var result = new SKBitmap(grey.Width, grey.Height);
        var window = new byte[9];
        for (var y = 0; y < grey.Height; y++)
        {
            for (var x = 0; x < grey.Width; x++)
            {
                var n = 0;
                for (var dy = -1; dy <= 1; dy++)
                {
                    for (var dx = -1; dx <= 1; dx++)
                    {
                        window[n++] = grey.GetPixel(Math.Clamp(x + dx, 0, grey.Width - 1), Math.Clamp(y + dy, 0, grey.Height - 1)).Red;
                    }
                }

                Array.Sort(window);
                result.SetPixel(x, y, new SKColor(window[4], window[4], window[4]));
            }
        }

        return result;
    }

    public static SKBitmap Blur(SKBitmap source, float sigma) => Draw(source, source.Width, source.Height,
        new SKPaint { ImageFilter = SKImageFilter.CreateBlur(sigma, sigma) });

    public static SKBitmap Resize(SKBitmap source, float factor) =>
        Draw(source, (int)(source.Width * factor), (int)(source.Height * factor), new SKPaint());

    private static SKBitmap Draw(SKBitmap source, int width, int height, SKPaint paint)
    {
        using (paint)
        {
            var result = new SKBitmap(width, height);
            using var canvas = new SKCanvas(result);
            canvas.Clear(SKColors.White);
            using var image = SKImage.FromBitmap(source);
            canvas.DrawImage(image, new SKRect(0, 0, width, height), new SKSamplingOptions(SKCubicResampler.Mitchell), paint);
            return result;
        }
    }

    private static byte Luma(SKColor c) => (byte)Math.Round((0.299 * c.Red) + (0.587 * c.Green) + (0.114 * c.Blue));

    private static SKBitmap Map(SKBitmap source, Func<SKColor, byte> level)
    {
        var pixels = source.Pixels;
        var result = new SKBitmap(source.Width, source.Height);
        result.Pixels = [.. pixels.Select(p => { var l = level(p); return new SKColor(l, l, l); })];
        return result;
    }
}

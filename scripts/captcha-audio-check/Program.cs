// Measures how often a machine hears the security code's audio version, the way the third security review broke it:
// by matching the sound against recordings. Speaks N codes with the app's real CaptchaAudio (random digits 1 to 9 and
// seeds, from a fixed seed so runs are repeatable) and reads each with two matchers:
//
//   recordings  the 27 recordings shipped in the repository, each also resampled to the speeds the app may use (the
//               attacker has the source), found in the whole sound by subsequence dynamic time warping over MFCCs; the
//               best five non-overlapping finds, in order, are the answer.
//   collected   a few hundred words (30 of each digit) cut at their true places out of labelled codes the attacker made
//               with the app's own code (as good as collecting and solving real ones); every word so collected is a
//               template, found in the sound the same way.
//
// Each matcher is also run with the true places of the digits given (an upper bound: an attacker who could cut the
// sound perfectly), and every one of them against the previous renderer (the nine recordings in fixed slots over a
// soft noise) so the matchers are shown to be the ones that broke it. Prints, per matcher, the share of codes read
// whole (accepted) and of digits read right. Usage: CaptchaAudioCheck [count=200] [seed=1] [collected=300] [folder]
using System.Diagnostics;
using System.Globalization;
using HajDesk.Web.Captcha;

var count = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 200;
var seed = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1;
var collectedPerDigit = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 30;
var keep = args.Length > 3 ? args[3] : null;
const int Digits = 5;

var audio = CaptchaAudio.Load(CaptchaAudio.DefaultFolder);
var random = new Random(seed);
string NewAnswer() => string.Concat(Enumerable.Range(0, Digits).Select(_ => (char)('0' + random.Next(1, 10))));

var renderers = new (string Name, Func<string, int, (short[] Sound, (int Start, int Length)[] Spoken)> Speak)[]
{
    ("previous", (answer, s) => (Previous.Render(audio, answer, s, out var spoken), spoken)),
    ("current", (answer, s) => (audio.Render(answer, s, out var spoken), spoken)),
};

// The recordings matcher's templates: every recording at speeds spanning the app's range (0.86 to 1.18).
var recordingTemplates = new List<Template>();
for (var digit = 1; digit <= 9; digit++)
{
    for (var voice = 0; voice < CaptchaAudio.Voices.Count; voice++)
    {
        foreach (var speed in new[] { 0.9, 1.0, 1.1 })
        {
            recordingTemplates.Add(new Template(digit, Mfcc.Of(Resample(audio.Recording(digit, voice), speed))));
        }
    }
}

// The same, with every recording also played backwards as a "no digit" template (digit 0): the attacker has read the
// source and knows what the murmur between the digits is made of; a find of it is never an answer.
var withDecoys = new List<Template>(recordingTemplates);
for (var digit = 1; digit <= 9; digit++)
{
    for (var voice = 0; voice < CaptchaAudio.Voices.Count; voice++)
    {
        var backwards = audio.Recording(digit, voice).ToArray();
        Array.Reverse(backwards);
        withDecoys.Add(new Template(0, Mfcc.Of(Resample(backwards, 1.0))));
    }
}

Console.WriteLine($"{count} codes of {Digits} digits, seed {seed}; {recordingTemplates.Count} recording templates; " +
    $"{collectedPerDigit} collected words per digit; {Environment.ProcessorCount} cores");
var stopwatch = Stopwatch.StartNew();
foreach (var (name, speak) in renderers)
{
    // The attacker's own collection: codes spoken by the same renderer, cut at their true places.
    var collected = new List<Template>();
    var codesCollected = 0;
    while (collected.Count < 9 * collectedPerDigit)
    {
        var answer = NewAnswer();
        var (sound, spoken) = speak(answer, random.Next());
        var features = Mfcc.Of(sound);
        codesCollected++;
        for (var d = 0; d < Digits; d++)
        {
            if (collected.Count(t => t.Digit == answer[d] - '0') < collectedPerDigit)
            {
                var (from, to) = Mfcc.Frames(spoken[d]);
                collected.Add(new Template(answer[d] - '0', features[from..Math.Min(to, features.Length)]));
            }
        }
    }

    Console.WriteLine($"{name}: {collected.Count} collected words from {codesCollected} labelled codes");

    var tests = Enumerable.Range(0, count).Select(_ =>
    {
        var answer = NewAnswer();
        return (Answer: answer, Spoken: speak(answer, random.Next()));
    }).ToArray();
    if (keep is not null)
    {
        Directory.CreateDirectory(keep);
        for (var i = 0; i < Math.Min(10, count); i++)
        {
            File.WriteAllBytes(Path.Combine(keep, $"{name}-{i:D2}-{tests[i].Answer}.wav"), Wav.Write(tests[i].Spoken.Sound, CaptchaAudio.SampleRate));
        }
    }

    var matchers = new (string Name, List<Template> Templates, Cut Cut)[]
    {
        ("recordings, searched", recordingTemplates, Cut.Search),
        ("recordings+backward, searched", withDecoys, Cut.Search),
        ("recordings, loudest stretches", recordingTemplates, Cut.Loudest),
        ("recordings, true places given", recordingTemplates, Cut.TruePlaces),
        ("collected, searched", collected, Cut.Search),
        ("collected, loudest stretches", collected, Cut.Loudest),
        ("collected, true places given", collected, Cut.TruePlaces),
    };
    foreach (var (matcher, templates, cut) in matchers)
    {
        var heard = new string[count];
        Parallel.For(0, count, i =>
        {
            var (sound, spoken) = tests[i].Spoken;
            var features = Mfcc.Of(sound);
            heard[i] = cut switch
            {
                Cut.Search => Matcher.Find(features, templates, Digits),
                Cut.Loudest => Matcher.ClassifyEach(features, Loudness.Stretches(sound, Digits), templates),
                _ => Matcher.ClassifyEach(features, spoken, templates),
            };
        });
        var accepted = Enumerable.Range(0, count).Count(i => heard[i] == tests[i].Answer);
        var digitsRight = Enumerable.Range(0, count).Sum(i => heard[i].Zip(tests[i].Answer).Count(p => p.First == p.Second));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name,-9} {matcher,-30} accepted {accepted,4} of {count} ({100.0 * accepted / count,5:F1} %)   digits right {100.0 * digitsRight / (count * Digits),5:F1} %   [{stopwatch.Elapsed.TotalSeconds:F0} s]"));
    }
}

static short[] Resample(ReadOnlySpan<short> sound, double speed)
{
    var length = (int)((sound.Length - 1) / speed);
    var result = new short[length];
    for (var t = 0; t < length; t++)
    {
        var at = t * speed;
        var i = (int)at;
        result[t] = (short)(sound[i] + ((at - i) * (sound[i + 1] - sound[i])));
    }

    return result;
}

/// <summary>How a matcher finds where the digits are.</summary>
internal enum Cut
{
    /// <summary>Every template slid along the whole sound.</summary>
    Search,

    /// <summary>The loudest word-long stretches (the digits were louder than the noise before).</summary>
    Loudest,

    /// <summary>Told by the renderer: an upper bound, what an attacker who could cut the sound perfectly would read.</summary>
    TruePlaces,
}

/// <summary>A word to look for: its digit and its MFCC frames.</summary>
internal sealed record Template(int Digit, float[][] Frames);

/// <summary>The previous renderer, kept here only to show that the matchers break it.</summary>
internal static class Previous
{
    public static short[] Render(CaptchaAudio audio, string answer, int seed, out (int Start, int Length)[] spoken)
    {
        const int rate = CaptchaAudio.SampleRate, leadIn = rate / 2, pause = rate * 9 / 20;
        var random = new Random(seed);
        spoken = new (int, int)[answer.Length];
        var position = leadIn;
        for (var i = 0; i < answer.Length; i++)
        {
            var length = audio.Recording(answer[i] - '0').Length;
            spoken[i] = (position + random.Next(0, rate / 10), length);
            position = spoken[i].Start + length + pause;
        }

        var samples = new double[position + (rate / 4)];
        for (var i = 0; i < answer.Length; i++)
        {
            var gain = 0.8 + (random.NextDouble() * 0.3);
            var word = audio.Recording(answer[i] - '0');
            for (var t = 0; t < word.Length; t++)
            {
                samples[spoken[i].Start + t] += word[t] * gain;
            }
        }

        var smoothed = 0.0;
        for (var t = 0; t < samples.Length; t++)
        {
            smoothed = (0.6 * smoothed) + (0.4 * ((random.NextDouble() * 2) - 1));
            samples[t] += smoothed * 1800;
        }

        return [.. samples.Select(s => (short)Math.Clamp(Math.Round(s), short.MinValue, short.MaxValue))];
    }
}

/// <summary>Mel-frequency cepstral coefficients, 23 ms frames every 10 ms, c1 to c12 (loudness left out).</summary>
internal static class Mfcc
{
    private const int FrameLength = 256, Hop = 110, Bands = 24, Coefficients = 12;
    private const double PowerFloor = 1e9;
    private static readonly double[] Window = [.. Enumerable.Range(0, FrameLength).Select(n => 0.54 - (0.46 * Math.Cos(2 * Math.PI * n / (FrameLength - 1))))];
    private static readonly double[][] Filters = MelFilters();

    public static (int From, int To) Frames((int Start, int Length) span) =>
        (span.Start / Hop, (span.Start + span.Length - FrameLength) / Hop + 1);

    public static float[][] Of(ReadOnlySpan<short> sound)
    {
        var frames = Math.Max(0, ((sound.Length - FrameLength) / Hop) + 1);
        var result = new float[frames][];
        var re = new double[FrameLength];
        var im = new double[FrameLength];
        var energies = new double[Bands];
        for (var f = 0; f < frames; f++)
        {
            for (var n = 0; n < FrameLength; n++)
            {
                re[n] = sound[(f * Hop) + n] * Window[n];
                im[n] = 0;
            }

            Fft(re, im);
            for (var b = 0; b < Bands; b++)
            {
                // A floor near the level of soft background noise, so that quiet frames of a clean recording and
                // of a noisy sound look alike (without it, the previous renderer's hiss alone defeats the templates).
                var sum = PowerFloor;
                for (var k = 0; k <= FrameLength / 2; k++)
                {
                    sum += Filters[b][k] * ((re[k] * re[k]) + (im[k] * im[k]));
                }

                energies[b] = Math.Log(sum);
            }

            result[f] = new float[Coefficients];
            for (var c = 1; c <= Coefficients; c++)
            {
                var value = 0.0;
                for (var b = 0; b < Bands; b++)
                {
                    value += energies[b] * Math.Cos(Math.PI * c * (b + 0.5) / Bands);
                }

                result[f][c - 1] = (float)value;
            }
        }

        return result;
    }

    private static double[][] MelFilters()
    {
        static double Mel(double hz) => 2595 * Math.Log10(1 + (hz / 700));
        static double Hz(double mel) => 700 * (Math.Pow(10, mel / 2595) - 1);
        var edges = Enumerable.Range(0, Bands + 2).Select(i => Hz(Mel(100) + (i * (Mel(5000) - Mel(100)) / (Bands + 1)))).ToArray();
        var filters = new double[Bands][];
        for (var b = 0; b < Bands; b++)
        {
            filters[b] = new double[(FrameLength / 2) + 1];
            for (var k = 0; k <= FrameLength / 2; k++)
            {
                var hz = k * (double)CaptchaAudio.SampleRate / FrameLength;
                filters[b][k] = hz < edges[b] || hz > edges[b + 2] ? 0
                    : hz <= edges[b + 1] ? (hz - edges[b]) / (edges[b + 1] - edges[b])
                    : (edges[b + 2] - hz) / (edges[b + 2] - edges[b + 1]);
            }
        }

        return filters;
    }

    private static void Fft(double[] re, double[] im)
    {
        var n = re.Length;
        for (int i = 1, j = 0; i < n; i++)
        {
            var bit = n >> 1;
            for (; (j & bit) != 0; bit >>= 1)
            {
                j ^= bit;
            }

            j ^= bit;
            if (i < j)
            {
                (re[i], re[j]) = (re[j], re[i]);
                (im[i], im[j]) = (im[j], im[i]);
            }
        }

        for (var size = 2; size <= n; size <<= 1)
        {
            var angle = -2 * Math.PI / size;
            for (var start = 0; start < n; start += size)
            {
                for (var k = 0; k < size / 2; k++)
                {
                    double wr = Math.Cos(angle * k), wi = Math.Sin(angle * k);
                    int a = start + k, b = start + k + (size / 2);
                    double tr = (re[b] * wr) - (im[b] * wi), ti = (re[b] * wi) + (im[b] * wr);
                    re[b] = re[a] - tr;
                    im[b] = im[a] - ti;
                    re[a] += tr;
                    im[a] += ti;
                }
            }
        }
    }
}

/// <summary>Dynamic time warping of templates against a sound's frames.</summary>
internal static class Matcher
{
    /// <summary>Each stretch's digit (<see cref="Classify"/>), a little wider than the stretch itself.</summary>
    public static string ClassifyEach(float[][] features, IEnumerable<(int Start, int Length)> stretches, List<Template> templates) =>
        string.Concat(stretches.Select(s =>
        {
            var (from, to) = Mfcc.Frames(s);
            return (char)('0' + Classify(features[Math.Max(0, from - 5)..Math.Clamp(to + 5, 0, features.Length)], templates));
        }));

    /// <summary>The digit of the template closest to a stretch cut out of the sound (free start and end inside it).</summary>
    public static int Classify(float[][] stretch, List<Template> templates) =>
        templates.MinBy(t => Subsequence(t.Frames, stretch).Min(c => c.Cost))!.Digit;

    /// <summary>The best <paramref name="digits"/> non-overlapping finds of any template in the sound, in order.</summary>
    public static string Find(float[][] sound, List<Template> templates, int digits)
    {
        var finds = new List<(int Digit, int Start, int End, double Cost)>();
        foreach (var template in templates)
        {
            var costs = Subsequence(template.Frames, sound);
            // Local minima only: one find per place per template.
            for (var j = 0; j < costs.Length; j++)
            {
                var lo = Math.Max(0, j - 8);
                var hi = Math.Min(costs.Length - 1, j + 8);
                var isMinimum = true;
                for (var k = lo; k <= hi && isMinimum; k++)
                {
                    isMinimum = costs[k].Cost >= costs[j].Cost;
                }

                if (isMinimum && double.IsFinite(costs[j].Cost))
                {
                    finds.Add((template.Digit, costs[j].Start, j, costs[j].Cost));
                }
            }
        }

        var chosen = new List<(int Digit, int Start, int End, double Cost)>();
        var taken = new List<(int Digit, int Start, int End, double Cost)>();
        foreach (var find in finds.OrderBy(f => f.Cost))
        {
            // A find of a "no digit" template (digit 0) only keeps its place from being taken by a digit.
            if (taken.All(c => Overlap(c.Start, c.End, find.Start, find.End) < 0.3 * Math.Min(c.End - c.Start, find.End - find.Start)))
            {
                taken.Add(find);
            }
            else
            {
                continue;
            }

            if (find.Digit != 0 && chosen.All(c => Overlap(c.Start, c.End, find.Start, find.End) < 0.3 * Math.Min(c.End - c.Start, find.End - find.Start)))
            {
                chosen.Add(find);
                if (chosen.Count == digits)
                {
                    break;
                }
            }
        }

        return string.Concat(chosen.OrderBy(c => c.Start).Select(c => (char)('0' + c.Digit)));
    }

    private static int Overlap(int a0, int a1, int b0, int b1) => Math.Max(0, Math.Min(a1, b1) - Math.Max(a0, b0));

    /// <summary>
    /// For each end frame of the sound, the cost per template frame of the best warping of the whole template onto a
    /// stretch ending there (slopes between one half and two), and where that stretch starts.
    /// </summary>
    private static (double Cost, int Start)[] Subsequence(float[][] template, float[][] sound)
    {
        int n = template.Length, m = sound.Length;
        var result = new (double, int)[m];
        if (n < 3 || m < 3)
        {
            Array.Fill(result, (double.PositiveInfinity, 0));
            return result;
        }

        var d = new double[n, m];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < m; j++)
            {
                var sum = 0.0;
                for (var c = 0; c < template[i].Length; c++)
                {
                    var diff = template[i][c] - sound[j][c];
                    sum += diff * diff;
                }

                d[i, j] = Math.Sqrt(sum);
            }
        }

        var cost = new double[n, m];
        var start = new int[n, m];
        for (var j = 0; j < m; j++)
        {
            cost[0, j] = d[0, j];
            start[0, j] = j;
        }

        for (var i = 1; i < n; i++)
        {
            for (var j = 0; j < m; j++)
            {
                var best = double.PositiveInfinity;
                var from = 0;
                if (j >= 1 && cost[i - 1, j - 1] < best)
                {
                    (best, from) = (cost[i - 1, j - 1], start[i - 1, j - 1]);
                }

                if (j >= 2 && cost[i - 1, j - 2] + d[i, j - 1] < best)
                {
                    (best, from) = (cost[i - 1, j - 2] + d[i, j - 1], start[i - 1, j - 2]);
                }

                if (i >= 2 && j >= 1 && cost[i - 2, j - 1] + d[i - 1, j] < best)
                {
                    (best, from) = (cost[i - 2, j - 1] + d[i - 1, j], start[i - 2, j - 1]);
                }

                cost[i, j] = best + d[i, j];
                start[i, j] = from;
            }
        }

        for (var j = 0; j < m; j++)
        {
            result[j] = (cost[n - 1, j] / n, start[n - 1, j]);
        }

        return result;
    }
}

/// <summary>Cuts a sound at its loudest stretches, as an attacker would where words stand out of the noise.</summary>
internal static class Loudness
{
    private const int Hop = 110;

    /// <summary>The <paramref name="count"/> loudest stretches of word length (0.3 to 0.8 s), in order.</summary>
    public static IEnumerable<(int Start, int Length)> Stretches(short[] sound, int count)
    {
        var frames = sound.Length / Hop;
        var level = new double[frames];
        for (var f = 0; f < frames; f++)
        {
            var sum = 0.0;
            for (var t = Math.Max(0, (f - 2) * Hop); t < Math.Min(sound.Length, (f + 3) * Hop); t++)
            {
                sum += sound[t] * (double)sound[t];
            }

            level[f] = 10 * Math.Log10(1 + sum);
        }

        var used = new bool[frames];
        var stretches = new List<(int Start, int Length)>();
        while (stretches.Count < count)
        {
            var peak = -1;
            for (var f = 0; f < frames; f++)
            {
                if (!used[f] && (peak < 0 || level[f] > level[peak]))
                {
                    peak = f;
                }
            }

            if (peak < 0)
            {
                break;
            }

            // Grow while the sound stays within 8 dB of the peak, at least 0.3 s and at most 0.8 s.
            int from = peak, to = peak;
            while (to - from < 72 && ((from > 0 && !used[from - 1] && level[from - 1] > level[peak] - 8) || (to < frames - 1 && !used[to + 1] && level[to + 1] > level[peak] - 8) || to - from < 27))
            {
                var left = from > 0 && !used[from - 1] ? level[from - 1] : double.NegativeInfinity;
                var right = to < frames - 1 && !used[to + 1] ? level[to + 1] : double.NegativeInfinity;
                if (double.IsNegativeInfinity(left) && double.IsNegativeInfinity(right))
                {
                    break;
                }

                if (left >= right)
                {
                    from--;
                }
                else
                {
                    to++;
                }
            }

            for (var f = Math.Max(0, from - 10); f <= Math.Min(frames - 1, to + 10); f++)
            {
                used[f] = true;
            }

            stretches.Add((from * Hop, (to - from + 1) * Hop + 256));
        }

        return stretches.OrderBy(s => s.Start);
    }
}

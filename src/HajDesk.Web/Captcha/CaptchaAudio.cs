namespace HajDesk.Web.Captcha;

/// <summary>
/// The security code spoken, for people who cannot see its picture (WCAG 2.2, 1.1.1): the Persian word of each digit,
/// one after another, over the murmur of a crowd, as a WAV file every browser plays. The same <c>seed</c> gives the
/// same sound, so listening again gives no new noise to average away.
/// </summary>
/// <remarks>
/// <para>
/// The recordings (<see cref="Folder"/>, three speakers) are public: they are made once with eSpeak NG by
/// <c>scripts/captcha-audio-record.sh</c>. A script that matched the sound against them read 99 codes in 100 when the
/// app played them as recorded, so no word is played as recorded: each is sung higher or lower and faster or slower
/// (resampled), its timbre tilted, its loudness and the pauses around it drawn at random (no fixed slot per digit), and
/// the whole code is laid over a crowd of other digits' words played backwards — speech-like sound with the same
/// spectrum, which a person hears as murmur behind the voice but which fills every gap and every band a matcher looks at.
/// <c>scripts/captcha-audio-check.sh</c> measures what such matchers still read (docs/security.md).
/// </para>
/// <para>One instance per process; rendering is thread-safe.</para>
/// </remarks>
public sealed class CaptchaAudio
{
    /// <summary>The recordings' folder, relative to the app's folder (copied there by the build).</summary>
    public const string Folder = "Captcha/Audio";

    /// <summary>Samples per second of the recordings and of the sound made from them.</summary>
    public const int SampleRate = 11025;

    /// <summary>The speakers recorded, as the letter in each file name (<c>5-b.wav</c>).</summary>
    public static readonly IReadOnlyList<string> Voices = ["a", "b", "c"];

    /// <summary>How loud (root mean square) a spoken digit is made before its own gain.</summary>
    private const double WordLevel = 5200;

    /// <summary>How loud the crowd is beside a digit's level: about 7 to 10 dB softer.</summary>
    private const double CrowdLowest = 0.30, CrowdHighest = 0.42;

    /// <summary>How loud the backward word between two digits is beside a digit's level: 0 to 4 dB softer.</summary>
    private const double DecoyLowest = 0.62, DecoyHighest = 1.0;

    private readonly short[][][] words;

    private CaptchaAudio(short[][][] words) => this.words = words;

    /// <summary>The recordings' default place: beside the app's assemblies.</summary>
    public static string DefaultFolder => Path.Combine(AppContext.BaseDirectory, Folder);

    /// <summary>
    /// Loads <c>1-a.wav</c> … <c>9-c.wav</c>; throws naming the file that is missing or not 11,025 Hz 16-bit mono PCM.
    /// </summary>
    public static CaptchaAudio Load(string folder) =>
        new([.. Enumerable.Range(1, 9).Select(d =>
            Voices.Select(v => Wav.ReadMono16(Path.Combine(folder, $"{d}-{v}.wav"), SampleRate)).ToArray())]);

    /// <summary>The recording of one digit (1 to 9) by one speaker (an index of <see cref="Voices"/>), as samples.</summary>
    internal ReadOnlySpan<short> Recording(int digit, int voice = 0) => words[digit - 1][voice];

    /// <summary>Speaks <paramref name="answer"/> (ASCII 1 to 9) as a WAV file.</summary>
    public byte[] RenderWav(string answer, int seed) => Wav.Write(Render(answer, seed, out _), SampleRate);

    /// <summary>
    /// The samples of <paramref name="answer"/> spoken, and where each spoken digit lies (start and length, in
    /// samples): for tests and for the check that measures what a machine hears.
    /// </summary>
    internal short[] Render(string answer, int seed, out (int Start, int Length)[] spoken)
    {
        ArgumentException.ThrowIfNullOrEmpty(answer);
        if (!answer.All(c => c is >= '1' and <= '9'))
        {
            throw new ArgumentException("Only the digits 1 to 9 are spoken.", nameof(answer));
        }

        var random = new Random(seed);
        var words = new List<(double[] Sound, int Start)>();
        spoken = new (int, int)[answer.Length];
        var position = Seconds(random, 0.3, 0.6);
        for (var i = 0; i <= answer.Length; i++)
        {
            // Between the digits (and now and then before the first and after the last), a backward word about as
            // loud as they are: a person hears a murmur that is no digit; the loudest stretches are no longer the digits.
            var inner = i > 0 && i < answer.Length;
            if (random.NextDouble() < (inner ? 0.85 : 0.5))
            {
                var decoy = Murmur(random, DecoyLowest, DecoyHighest);
                position += Seconds(random, 0.15, 0.35);
                words.Add((decoy, position));
                position += decoy.Length + Seconds(random, 0.15, 0.35);
            }
            else if (inner)
            {
                position += Seconds(random, 0.3, 0.6);
            }

            if (i == answer.Length)
            {
                break;
            }

            // A person hears a word sung a little higher or faster as the same word; a template no longer lines up.
            var word = Vary(Recording(answer[i] - '0', random.Next(Voices.Count)), random,
                speed: 0.86 + (random.NextDouble() * 0.32), level: WordLevel * (0.85 + (random.NextDouble() * 0.25)));
            spoken[i] = (position, word.Length);
            words.Add((word, position));
            position += word.Length;
        }

        var samples = new double[position + Seconds(random, 0.2, 0.4)];
        foreach (var (sound, start) in words)
        {
            Add(samples, sound, start);
        }

        // Two voices of the crowd, each an unbroken run of backward words of any digit and speaker, from the first
        // sample to the last: there is no silence between the digits to cut at, and no band where only the digit speaks.
        for (var layer = 0; layer < 2; layer++)
        {
            for (var at = -random.Next(SampleRate / 2); at < samples.Length;)
            {
                var murmur = Murmur(random, CrowdLowest, CrowdHighest);
                Add(samples, murmur, at);
                at += murmur.Length - (SampleRate / 20) + random.Next(SampleRate / 8);
            }
        }

        // A soft hiss under everything, as before.
        var smoothed = 0.0;
        for (var t = 0; t < samples.Length; t++)
        {
            smoothed = (0.6 * smoothed) + (0.4 * ((random.NextDouble() * 2) - 1));
            samples[t] += smoothed * 900;
        }

        var peak = samples.Max(Math.Abs);
        var scale = peak > 30_000 ? 30_000 / peak : 1;
        return [.. samples.Select(s => (short)Math.Round(s * scale))];
    }

    /// <summary>A word of any digit and speaker played backwards, at a level between the two given (of a digit's).</summary>
    private double[] Murmur(Random random, double lowest, double highest)
    {
        var murmur = Vary(Recording(random.Next(1, 10), random.Next(Voices.Count)), random,
            speed: 0.75 + (random.NextDouble() * 0.55), level: WordLevel * (lowest + (random.NextDouble() * (highest - lowest))));
        Array.Reverse(murmur);
        return murmur;
    }

    /// <summary>
    /// A recording resampled (<paramref name="speed"/> above 1 is higher and shorter), its spectrum tilted brighter or
    /// duller, and brought to <paramref name="level"/> (root mean square).
    /// </summary>
    private static double[] Vary(ReadOnlySpan<short> recording, Random random, double speed, double level)
    {
        var length = (int)((recording.Length - 1) / speed);
        var result = new double[length];
        var tilt = -0.55 + (random.NextDouble() * 1.0);
        var previous = 0.0;
        for (var t = 0; t < length; t++)
        {
            var at = t * speed;
            var i = (int)at;
            var sample = recording[i] + ((at - i) * (recording[i + 1] - recording[i]));
            result[t] = sample + (tilt * previous);
            previous = sample;
        }

        var rms = Math.Sqrt(result.Sum(s => s * s) / Math.Max(1, length));
        var gain = rms > 0 ? level / rms : 0;
        for (var t = 0; t < length; t++)
        {
            result[t] *= gain;
        }

        return result;
    }

    private static void Add(double[] samples, double[] sound, int at)
    {
        for (var t = Math.Max(0, -at); t < sound.Length && at + t < samples.Length; t++)
        {
            samples[at + t] += sound[t];
        }
    }

    private static int Seconds(Random random, double from, double to) =>
        (int)(SampleRate * (from + (random.NextDouble() * (to - from))));
}

namespace HajDesk.Web.Captcha;

/// <summary>
/// The security code spoken, for people who cannot see its picture (WCAG 2.2, 1.1.1): the recorded Persian word of
/// each digit, one after another with pauses, over a soft noise, as a WAV file every browser plays. The same
/// <c>seed</c> gives the same sound, so listening again gives no new noise to average away.
/// </summary>
/// <remarks>
/// The recordings (<see cref="Folder"/>) are made once with eSpeak NG by <c>scripts/captcha-audio-record.sh</c>; see
/// the licence note beside them. One instance per process; rendering is thread-safe.
/// </remarks>
public sealed class CaptchaAudio
{
    /// <summary>The recordings' folder, relative to the app's folder (copied there by the build).</summary>
    public const string Folder = "Captcha/Audio";

    /// <summary>Samples per second of the recordings and of the sound made from them.</summary>
    public const int SampleRate = 11025;

    private const int LeadIn = SampleRate / 2;
    private const int Pause = SampleRate * 9 / 20;

    private readonly short[][] digits;

    private CaptchaAudio(short[][] digits) => this.digits = digits;

    /// <summary>The recordings' default place: beside the app's assemblies.</summary>
    public static string DefaultFolder => Path.Combine(AppContext.BaseDirectory, Folder);

    /// <summary>Loads <c>1.wav</c> … <c>9.wav</c>; throws naming the file that is missing or not 11,025 Hz 16-bit mono PCM.</summary>
    public static CaptchaAudio Load(string folder) =>
        new([.. Enumerable.Range(1, 9).Select(d => Wav.ReadMono16(Path.Combine(folder, $"{d}.wav"), SampleRate))]);

    /// <summary>The recording of one digit (1 to 9), as samples.</summary>
    internal ReadOnlySpan<short> Recording(int digit) => digits[digit - 1];

    /// <summary>Speaks <paramref name="answer"/> (ASCII 1 to 9) as a WAV file.</summary>
    public byte[] RenderWav(string answer, int seed) => Wav.Write(Render(answer, seed, out _), SampleRate);

    /// <summary>
    /// The samples of <paramref name="answer"/> spoken, and where each digit starts: the start moves a little and
    /// each word is a little louder or softer, so that the digits are not simply cut at fixed places.
    /// </summary>
    internal short[] Render(string answer, int seed, out int[] starts)
    {
        ArgumentException.ThrowIfNullOrEmpty(answer);
        if (!answer.All(c => c is >= '1' and <= '9'))
        {
            throw new ArgumentException("Only the digits 1 to 9 are spoken.", nameof(answer));
        }

        var random = new Random(seed);
        starts = new int[answer.Length];
        var position = LeadIn;
        for (var i = 0; i < answer.Length; i++)
        {
            starts[i] = position + random.Next(0, SampleRate / 10);
            position = starts[i] + digits[answer[i] - '1'].Length + Pause;
        }

        var samples = new double[position + (SampleRate / 4)];
        for (var i = 0; i < answer.Length; i++)
        {
            var gain = 0.8 + (random.NextDouble() * 0.3);
            var word = digits[answer[i] - '1'];
            for (var t = 0; t < word.Length; t++)
            {
                samples[starts[i] + t] += word[t] * gain;
            }
        }

        // Soft noise: white noise smoothed a little (babble-like), well below speech so people still hear the words.
        var smoothed = 0.0;
        for (var t = 0; t < samples.Length; t++)
        {
            smoothed = (0.6 * smoothed) + (0.4 * ((random.NextDouble() * 2) - 1));
            samples[t] += smoothed * 1800;
        }

        return [.. samples.Select(s => (short)Math.Clamp(Math.Round(s), short.MinValue, short.MaxValue))];
    }
}

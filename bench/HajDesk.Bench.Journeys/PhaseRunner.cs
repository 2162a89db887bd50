using System.Diagnostics;

namespace HajDesk.Bench.Journeys;

/// <summary>How a phase is driven: users in a closed loop, a warm-up, then a measured window.</summary>
public sealed record LoadSettings(int Users, TimeSpan WarmUp, TimeSpan Duration, int ClockTicks, int Seed);

/// <summary>What one phase measured.</summary>
public sealed record PhaseResult(
    string Name,
    int Journeys,
    double Seconds,
    double[] LatenciesMs,
    Dictionary<string, double[]> StepLatenciesMs,
    double AppCpuMs,
    double ClientCpuMs,
    long RssKb,
    long PeakRssKb,
    int Errors,
    Dictionary<string, int> ErrorReasons)
{
    public double PerSecond => Journeys / Seconds;

    public double CpuMsPerJourney => Journeys == 0 ? double.NaN : AppCpuMs / Journeys;

    public double ClientCpuMsPerJourney => Journeys == 0 ? double.NaN : ClientCpuMs / Journeys;

    /// <summary>Nearest-rank percentile of sorted values.</summary>
    public static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Length) - 1, 0, sorted.Length - 1)];
}

/// <summary>
/// Runs one journey in a closed loop: every user starts its next journey as soon as the last one ends. Users run
/// through the warm-up into the measured window; only journeys that end inside the window count, and the app's CPU
/// time is read from <c>/proc</c> at the window's two ends.
/// </summary>
public sealed class PhaseRunner(LoadSettings settings)
{
    public async Task<PhaseResult> RunAsync(string name, Uri baseAddress, int pid, Func<Citizen, Task> journey)
    {
        var stats = new Stats();
        var citizens = Enumerable.Range(0, settings.Users).Select(i => new Citizen(baseAddress, i, settings.Seed)).ToList();
        using var stop = new CancellationTokenSource();
        var loops = citizens.Select(c => Task.Run(() => LoopAsync(c, journey, stats, stop.Token))).ToArray();
        try
        {
            await Task.Delay(settings.WarmUp);
            var before = ProcessSample.Read(pid, settings.ClockTicks);
            var clientBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            stats.Recording = true;
            await Task.Delay(settings.Duration);
            stats.Recording = false;
            var seconds = clock.Elapsed.TotalSeconds;
            var after = ProcessSample.Read(pid, settings.ClockTicks);
            var clientCpu = (Process.GetCurrentProcess().TotalProcessorTime - clientBefore).TotalMilliseconds;
            stop.Cancel();
            await Task.WhenAll(loops);
            return stats.Result(name, seconds, after.CpuMs - before.CpuMs, clientCpu, after.RssKb, after.PeakRssKb);
        }
        finally
        {
            stop.Cancel();
            citizens.ForEach(c => c.Dispose());
        }
    }

    private static async Task LoopAsync(Citizen citizen, Func<Citizen, Task> journey, Stats stats, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            citizen.Steps.Clear();
            var start = Stopwatch.GetTimestamp();
            try
            {
                await journey(citizen);
                citizen.Completed++;
                stats.Completed(Stopwatch.GetElapsedTime(start).TotalMilliseconds, citizen.Steps);
            }
            catch (Exception e) when (e is JourneyException or HttpRequestException or TaskCanceledException or IOException)
            {
                stats.Failed(e is JourneyException ? e.Message : $"{e.GetType().Name}: {e.Message}");
                // A failing app answers fast; don't spin on it.
                await Task.Delay(100, CancellationToken.None);
            }
        }
    }

    private sealed class Stats
    {
        private readonly Lock gate = new();
        private readonly List<double> latencies = [];
        private readonly Dictionary<string, List<double>> steps = [];
        private readonly Dictionary<string, int> errors = [];
        private int errorCount;

        public volatile bool Recording;

        public void Completed(double ms, List<(string Step, double Ms)> journeySteps)
        {
            if (!Recording)
            {
                return;
            }

            lock (gate)
            {
                latencies.Add(ms);
                foreach (var (step, stepMs) in journeySteps)
                {
                    if (!steps.TryGetValue(step, out var list))
                    {
                        steps[step] = list = [];
                    }

                    list.Add(stepMs);
                }
            }
        }

        /// <summary>Counted in the warm-up too: an error anywhere fails the run.</summary>
        public void Failed(string reason)
        {
            lock (gate)
            {
                errorCount++;
                errors[reason] = errors.GetValueOrDefault(reason) + 1;
            }
        }

        public PhaseResult Result(string name, double seconds, double appCpuMs, double clientCpuMs, long rssKb, long peakRssKb)
        {
            lock (gate)
            {
                var sorted = latencies.Order().ToArray();
                return new PhaseResult(name, sorted.Length, seconds, sorted,
                    steps.ToDictionary(s => s.Key, s => s.Value.Order().ToArray()),
                    appCpuMs, clientCpuMs, rssKb, peakRssKb, errorCount, new Dictionary<string, int>(errors));
            }
        }
    }
}

using System.Globalization;

namespace HajDesk.Bench.Journeys;

/// <summary>CPU time and memory of a process, read from Linux's <c>/proc/&lt;pid&gt;/stat</c> and <c>status</c>.</summary>
public readonly record struct ProcessSample(double CpuMs, long RssKb, long PeakRssKb)
{
    /// <param name="pid">The process.</param>
    /// <param name="clockTicks">Clock ticks per second (<c>getconf CLK_TCK</c>, 100 on Linux).</param>
    public static ProcessSample Read(int pid, int clockTicks)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        // The command name is in parentheses and may hold spaces: fields are counted after the last ')'.
        // There, index 0 is field 3 (state); utime is field 14 and stime field 15.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        long rss = 0, peak = 0;
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                rss = Kilobytes(line);
            }
            else if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                peak = Kilobytes(line);
            }
        }

        return new ProcessSample(ticks * 1000.0 / clockTicks, rss, peak);
    }

    private static long Kilobytes(string line) =>
        long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
}

using System.Globalization;
using System.Text;

namespace HajDesk.Bench.Journeys;

/// <summary>
/// <c>load</c>: runs the phases (bare Kestrel page, home page, send journey, follow-up journey) one after another at
/// the same concurrency, prints a Markdown table per phase and the ratios of the issue's targets, and exits 1 when any
/// journey failed.
/// </summary>
public static class LoadCommand
{
    public static async Task<int> RunAsync(Arguments args)
    {
        var settings = new LoadSettings(
            args.GetInt("users", 8),
            TimeSpan.FromSeconds(args.GetDouble("warmup", 5)),
            TimeSpan.FromSeconds(args.GetDouble("seconds", 20)),
            args.GetInt("clk-tck", 100),
            args.GetInt("seed", 1405));
        var app = new Uri(args.Get("app"));
        var appPid = args.GetInt("app-pid", 0);
        var phases = args.Get("phases", "bare,home,send,follow").Split(',');
        var journeys = new Journeys(Person.ReadCsv(args.Get("people")), args.Get("code"));
        var runner = new PhaseRunner(settings);
        var results = new List<PhaseResult>();

        foreach (var phase in phases)
        {
            Console.Error.WriteLine($"phase {phase}: {settings.WarmUp.TotalSeconds:F0} s warm-up, {settings.Duration.TotalSeconds:F0} s measured…");
            results.Add(phase switch
            {
                "bare" => await runner.RunAsync("bare Kestrel page", new Uri(args.Get("bare")), args.GetInt("bare-pid", 0), Journeys.BareAsync),
                "home" => await runner.RunAsync("home page", app, appPid, Journeys.HomeAsync),
                "send" => await runner.RunAsync("send journey", app, appPid, journeys.SendAsync),
                "send-checked" => await runner.RunAsync(CheckedSend, app, appPid, journeys.SendCheckedAsync),
                "follow" => await FollowAsync(runner, app, appPid, journeys),
                _ => throw new ArgumentException($"unknown phase '{phase}'"),
            });
        }

        var report = new Report(results, settings, args.Get("database", "?"), args.GetDouble("commit-rate", double.NaN), args.Get("commit-label", ""));
        Console.WriteLine(report.Render());
        foreach (var empty in results.Where(r => r.Journeys == 0))
        {
            Console.WriteLine($"ERROR: no {empty.Name} completed in the measured window.");
        }

        return results.Sum(r => r.Errors) == 0 && results.All(r => r.Journeys > 0) ? 0 : 1;
    }

    /// <summary>The send journey with the open-request check of issue 24 asked.</summary>
    internal const string CheckedSend = "send journey, open-request check";

    private static Task<PhaseResult> FollowAsync(PhaseRunner runner, Uri app, int appPid, Journeys journeys)
    {
        var sent = journeys.Sent.ToList();
        if (sent.Count == 0)
        {
            throw new InvalidOperationException("the follow-up phase looks up requests of the send phase: run send first");
        }

        return runner.RunAsync("follow-up journey", app, appPid, c => journeys.FollowUpAsync(c, sent));
    }
}

/// <summary>The printed result: the phases' table, the issue's targets beside the measurements, and errors.</summary>
public sealed class Report(List<PhaseResult> results, LoadSettings settings, string database, double commitRate, string commitLabel)
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public string Render()
    {
        var text = new StringBuilder();
        Line(text, $"Database: {database}; {settings.Users} users in a closed loop; {settings.WarmUp.TotalSeconds:F0} s warm-up and {settings.Duration.TotalSeconds:F0} s measured per phase.");
        text.AppendLine("Latency is of the whole journey (every request of it); CPU is the server process's utime+stime over the measured window ÷ journeys.");
        text.AppendLine();
        Line(text, $"| phase | journeys/s | p50 ms | p95 ms | p99 ms | errors | server CPU ms/journey | RSS MB (end) | peak RSS MB | generator CPU ms/journey |");
        text.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var r in results)
        {
            Line(text, $"| {r.Name} | {r.PerSecond:F1} | {P(r, 50):F1} | {P(r, 95):F1} | {P(r, 99):F1} | {r.Errors} | {r.CpuMsPerJourney:F2} | {r.RssKb / 1024.0:F0} | {r.PeakRssKb / 1024.0:F0} | {r.ClientCpuMsPerJourney:F2} |");
        }

        if (!double.IsNaN(commitRate))
        {
            Line(text, $"| durable single-row commits ({commitLabel}) | {commitRate:F0} | | | | | | | | |");
        }

        text.AppendLine();
        Line(text, $"Per request, p50 / p99 ms: {string.Join("; ", results.SelectMany(r => r.StepLatenciesMs).Select(s => $"{s.Key} {PercentileOf(s.Value, 50):F1} / {PercentileOf(s.Value, 99):F1}"))}");
        text.AppendLine();
        AppendTargets(text);

        foreach (var r in results.Where(r => r.Errors > 0))
        {
            Line(text, $"ERRORS in {r.Name} ({r.Errors}, warm-up included):");
            foreach (var (reason, count) in r.ErrorReasons.OrderByDescending(e => e.Value).Take(10))
            {
                Line(text, $"  {count} × {reason}");
            }
        }

        return text.ToString();
    }

    private void AppendTargets(StringBuilder text)
    {
        var send = Find("send journey");
        var follow = Find("follow-up journey");
        var home = Find("home page");
        var bare = Find("bare Kestrel page");
        var app = results.Where(r => r != bare).ToList();
        text.AppendLine("| the issue's target | measured | target | |");
        text.AppendLine("| --- | ---: | ---: | --- |");
        if (send is not null)
        {
            Target(text, "server CPU per send journey", send.CpuMsPerJourney, "ms", "≤ 3 ms", send.CpuMsPerJourney <= 3);
            if (!double.IsNaN(commitRate))
            {
                var ratio = send.PerSecond / commitRate;
                var sqlite = database.Equals("sqlite", StringComparison.OrdinalIgnoreCase);
                Target(text, "send journeys/s ÷ durable commits/s", ratio, "×", sqlite ? "≥ 0.25 (SQLite)" : "(SQLite's target; shown for comparison)",
                    sqlite ? ratio >= 0.25 : null);
            }
        }

        if (send is not null && Find(LoadCommand.CheckedSend) is { } checkedSend)
        {
            var added = checkedSend.CpuMsPerJourney - send.CpuMsPerJourney;
            Target(text, "CPU the open-request check adds per send journey", added, "ms", "≤ 1 ms", added <= 1);
        }

        if (follow is not null)
        {
            Target(text, "server CPU per follow-up journey", follow.CpuMsPerJourney, "ms", "≤ 1.5 ms", follow.CpuMsPerJourney <= 1.5);
        }

        if (home is not null && bare is not null)
        {
            var ratio = home.PerSecond / bare.PerSecond;
            Target(text, "home page/s ÷ bare Kestrel page/s", ratio, "×", "≥ 0.5", ratio >= 0.5);
        }

        if (app.Count > 0)
        {
            var errors = results.Sum(r => r.Errors);
            Target(text, "errors (all phases)", errors, "", "0", errors == 0);
            var worst = app.MaxBy(r => P(r, 99))!;
            Target(text, $"worst p99 ({worst.Name})", P(worst, 99), "ms", "< 100 ms", P(worst, 99) < 100);
            var peak = app.Max(r => r.PeakRssKb) / 1024.0;
            Target(text, "app's peak resident memory", peak, "MB", "≤ 300 MB", peak <= 300);
        }
    }

    private static void Target(StringBuilder text, string name, double value, string unit, string target, bool? met)
    {
        var shown = unit == "×" ? value.ToString("F3", Invariant) + "×" : value.ToString(unit == "" ? "F0" : "F1", Invariant) + (unit == "" ? "" : " " + unit);
        Line(text, $"| {name} | {shown} | {target} | {(met switch { true => "met", false => "missed", null => "" })} |");
    }

    private PhaseResult? Find(string name) => results.FirstOrDefault(r => r.Name == name);

    private static double P(PhaseResult r, double p) => PhaseResult.Percentile(r.LatenciesMs, p);

    private static double PercentileOf(double[] sorted, double p) => PhaseResult.Percentile(sorted, p);

    private static void Line(StringBuilder text, FormattableString line) => text.AppendLine(line.ToString(Invariant));
}

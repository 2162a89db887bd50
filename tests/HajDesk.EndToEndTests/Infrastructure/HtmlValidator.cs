using System.Diagnostics;
using System.Text.Json;

namespace HajDesk.EndToEndTests.Infrastructure;

/// <summary>One error of the Nu Html Checker.</summary>
public sealed record HtmlError(string File, int? Line, int? Column, string Message, string? Extract)
{
    public override string ToString() =>
        $"{File}:{Line}:{Column}: {Message}" + (Extract is null ? "" : $"{Environment.NewLine}      «{Extract.ReplaceLineEndings(" ").Trim()}»");
}

/// <summary>
/// Checks saved pages with the Nu Html Checker (<c>java -jar vnu.jar --errors-only --format json</c>), all files of
/// a test in one run because the JVM's start is the slow part.
/// </summary>
public static class HtmlValidator
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNameCaseInsensitive = true };

    public static async Task<IReadOnlyList<HtmlError>> CheckAsync(IReadOnlyCollection<string> files)
    {
        if (files.Count == 0)
        {
            return [];
        }

        var start = new ProcessStartInfo("java")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // A short-lived JVM starts about twice as fast with the client compiler and the serial collector.
        foreach (var arg in new[] { "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss4m", "-jar", TestPaths.VnuJar, "--errors-only", "--format", "json", "--stdout" })
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var file in files)
        {
            start.ArgumentList.Add(file);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("java could not be started.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        var output = await stdout;
        if (output.Length == 0)
        {
            throw new InvalidOperationException($"The Nu Html Checker wrote nothing (exit code {process.ExitCode}): {await stderr}");
        }

        var report = JsonSerializer.Deserialize<Report>(output, Json)
            ?? throw new InvalidOperationException($"The Nu Html Checker's output is not JSON: {output}");
        return report.Messages
            .Where(m => m.Type is "error" or "non-document-error")
            .Select(m => new HtmlError(
                m.Url is null ? "?" : Path.GetFileName(m.Url),
                m.LastLine, m.FirstColumn ?? m.LastColumn, m.Message, m.Extract))
            .ToList();
    }

    private sealed record Report(List<CheckerMessage> Messages);

    private sealed record CheckerMessage(string Type, string? Url, int? LastLine, int? FirstColumn, int? LastColumn, string Message, string? Extract);
}

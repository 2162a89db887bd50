using System.Diagnostics;
using System.Text.RegularExpressions;
using HajDesk.Web.Operations;

namespace HajDesk.Web.Tests.Operations;

/// <summary>What an operator tries first: <c>--help</c>, <c>--version</c>, and the systemd unit in <c>deploy/</c>.</summary>
public class OperatorConventionsTests
{
    [Fact]
    public async Task Help_ListsEveryCommandTheAppKnowsAndTheMainSettings()
    {
        var (exit, help, _) = await RunAppAsync("--help");
        // The commands the app itself names when it is given one it does not know.
        var (unknownExit, _, unknown) = await RunAppAsync("no-such-command");

        Assert.Equal(0, exit);
        Assert.Equal(2, unknownExit);
        var known = Regex.Match(unknown, @"Known commands: ([^.]+)\.").Groups[1].Value
            .Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["migrate", "create-admin", "reset-admin", "create-api-key"], known);
        Assert.All(known, command => Assert.Matches($@"(?m)^\s+{Regex.Escape(command)}\s", help));
        foreach (var setting in new[]
                 {
                     "--version", "--urls", "--contentRoot", "ASPNETCORE_ENVIRONMENT", "Database:Provider", "Database:ConnectionString",
                     "Captcha:AnswerKey", "CivilRegistry:Mode", "DataProtection:CertificatePath", "Management:Urls", "Logging:Json", GracefulShutdown.TimeoutSetting,
                 })
        {
            Assert.Contains(setting, help, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Version_PrintsTheSemanticVersionAndTheCommitOfTheBuild()
    {
        var (exit, output, _) = await RunAppAsync("--version");

        Assert.Equal(0, exit);
        var match = Regex.Match(output.Trim(), @"^HajDesk (\d+\.\d+\.\d+) \(commit ([0-9a-f]{40})\)$");
        Assert.True(match.Success, output);
        Assert.Equal((AppVersion.Version, AppVersion.Commit), (match.Groups[1].Value, match.Groups[2].Value));
        Assert.Equal($"{AppVersion.Version}+{AppVersion.Commit[..12]}", AppVersion.Text);
    }

    [Fact]
    public async Task SystemdUnit_PassesSystemdAnalyzeVerifyWithTheHardeningItPromises()
    {
        var unitFile = Path.Combine(Deployment.RepositoryRoot, "deploy", "hajdesk.service");
        var folder = Directory.CreateTempSubdirectory("hajdesk-unit-");
        try
        {
            var copy = Path.Combine(folder.FullName, "hajdesk.service");
            File.Copy(unitFile, copy);
            var (exit, output, errors) = await RunAsync("systemd-analyze", ["verify", copy], folder.FullName);

            // Unknown keys and unparsable values are only warnings to systemd: any output at all fails the test.
            Assert.True(exit == 0 && output.Length == 0 && errors.Length == 0, $"exit {exit}\n{output}\n{errors}");
        }
        finally
        {
            folder.Delete(recursive: true);
        }

        var lines = File.ReadAllLines(unitFile).Select(l => l.Trim()).ToHashSet(StringComparer.Ordinal);
        foreach (var line in new[]
                 {
                     "Type=notify", "User=hajdesk", "EnvironmentFile=/etc/hajdesk/hajdesk.env", "ExecStart=/usr/bin/dotnet /opt/hajdesk/HajDesk.Web.dll",
                     "NoNewPrivileges=yes", "ProtectSystem=strict", "PrivateTmp=yes", "ProtectHome=yes", "ReadWritePaths=/var/lib/hajdesk",
                     "KillSignal=SIGTERM",
                 })
        {
            Assert.Contains(line, lines);
        }

        // systemd waits longer than the app's own drain before it kills anything.
        var stopSeconds = int.Parse(Regex.Match(File.ReadAllText(unitFile), @"(?m)^TimeoutStopSec=(\d+)s$").Groups[1].Value,
            System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(stopSeconds > GracefulShutdown.DefaultTimeoutSeconds, $"TimeoutStopSec={stopSeconds}");
    }

    private static Task<(int Exit, string Output, string Errors)> RunAppAsync(params string[] args) =>
        RunAsync("dotnet", [Deployment.AppDll, .. args], Path.GetTempPath());

    private static async Task<(int Exit, string Output, string Errors)> RunAsync(string program, string[] args, string workingDirectory)
    {
        var start = new ProcessStartInfo(program, args)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await errors);
    }
}

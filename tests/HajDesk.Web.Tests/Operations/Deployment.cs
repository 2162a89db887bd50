using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using AngleSharp.Html.Dom;
using HajDesk.Core.Captcha;
using HajDesk.Web.Tests.Infrastructure;

namespace HajDesk.Web.Tests.Operations;

/// <summary>
/// The reference deployment (<c>deploy/run.sh</c>) started for a test: Debian's nginx in front of N app processes
/// of this build on a fresh test PostgreSQL database, on free ports, with its own state folder; stopped on dispose.
/// </summary>
public sealed class Deployment : IAsyncDisposable
{
    private readonly Dictionary<string, string?> environment;
    private readonly TestDatabase database;

    private Deployment(string state, int port, int managementPort, TestDatabase database, Dictionary<string, string?> environment)
    {
        State = state;
        Url = new Uri($"http://127.0.0.1:{port}");
        ManagementPortBase = managementPort;
        this.database = database;
        this.environment = environment;
    }

    public string State { get; }

    /// <summary>nginx's address, the only public one.</summary>
    public Uri Url { get; }

    public int ManagementPortBase { get; }

    public string DatabaseConnectionString => database.ConnectionString;

    public static string RepositoryRoot
    {
        get
        {
            var folder = new DirectoryInfo(AppContext.BaseDirectory);
            while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "HajDesk.slnx")))
            {
                folder = folder.Parent;
            }

            return folder?.FullName ?? throw new InvalidOperationException("The repository root (HajDesk.slnx) was not found.");
        }
    }

    /// <summary>The app as built beside these tests (same configuration), so no publish step is needed.</summary>
    public static string AppDll
    {
        get
        {
            var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
            return Path.Combine(RepositoryRoot, "src", "HajDesk.Web", "bin", configuration, "net10.0", "HajDesk.Web.dll");
        }
    }

    public static async Task<Deployment> StartAsync(int nodes, IDictionary<string, string?>? appSettings = null)
    {
        var database = await TestDatabase.CreateAsync(DatabaseProvider.Postgres);
        var state = Path.Combine(Path.GetTempPath(), "hajdesk-deploy-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(state);
        var port = FreePortRange(nodes);
        var environment = new Dictionary<string, string?>
        {
            ["HAJDESK_DEPLOY_DIR"] = state,
            ["HAJDESK_DEPLOY_DB"] = database.ConnectionString,
            ["HAJDESK_DEPLOY_APP"] = AppDll,
            ["HAJDESK_DEPLOY_PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["HAJDESK_DEPLOY_APP_PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["HAJDESK_DEPLOY_MANAGEMENT_PORT"] = (port + 50).ToString(System.Globalization.CultureInfo.InvariantCulture),
            // The one-time code by SMS (on by default in Production) is off unless a test passes it on: the drills
            // post the send form in one step.
            ["MobileVerification__Enabled"] = "false",
        };
        foreach (var (key, value) in appSettings ?? new Dictionary<string, string?>())
        {
            environment[key] = value;
        }

        var deployment = new Deployment(state, port, port + 50, database, environment);
        var (exitCode, output) = await deployment.RunAsync("start", nodes.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (exitCode != 0)
        {
            // Nodes that did start are stopped, not left running after the test.
            var logs = deployment.Logs();
            await deployment.DisposeAsync();
            Assert.Fail($"deploy/run.sh start failed ({exitCode}):\n{output}\n{logs}");
        }

        return deployment;
    }

    /// <summary>The digits of a security code, derived from the deployment's key as every node derives them.</summary>
    public string CaptchaAnswer(IHtmlFormElement form) =>
        CaptchaAnswer(Guid.Parse(((IHtmlInputElement)form.QuerySelector("[name=CaptchaId]")!).Value));

    /// <summary>The digits of challenge <paramref name="id"/> (a browser journey reads the id from the page).</summary>
    public string CaptchaAnswer(Guid id) =>
        CaptchaAnswerKey.FromBase64(File.ReadAllText(Path.Combine(State, "captcha-answer.key")))!.DigitsOf(id, 5);

    /// <summary>Runs <c>deploy/run.sh</c> (or another repository script) with the deployment's environment.</summary>
    public async Task<(int ExitCode, string Output)> RunAsync(params string[] arguments) =>
        await RunScriptAsync(RunScript, arguments);

    public static string RunScript => Path.Combine(RepositoryRoot, "deploy", "run.sh");

    public Task<(int ExitCode, string Output)> RunScriptAsync(string script, IEnumerable<string> arguments,
        IDictionary<string, string?>? more = null) =>
        RunBashAsync(script, arguments, environment.Concat(more ?? new Dictionary<string, string?>()));

    /// <summary>Runs a repository script with bash and extra environment; its exit code and everything it wrote.</summary>
    public static async Task<(int ExitCode, string Output)> RunBashAsync(string script, IEnumerable<string> arguments,
        IEnumerable<KeyValuePair<string, string?>>? environment = null)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(script);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment ?? [])
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }

    /// <summary>Every node's log, for a failure message.</summary>
    public string Logs() => string.Join('\n', Directory.Exists(State)
        ? Directory.GetFiles(State, "*.log").Select(f => $"--- {Path.GetFileName(f)}\n{TailOf(f)}")
        : []);

    public async ValueTask DisposeAsync()
    {
        await RunAsync("stop");
        await database.DisposeAsync();
        try
        {
            Directory.Delete(State, recursive: true);
        }
        catch (IOException)
        {
            // nginx's temp folders may still be closing; the OS cleans /tmp.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static string TailOf(string file)
    {
        var text = File.ReadAllText(file);
        return text.Length > 4000 ? text[^4000..] : text;
    }

    /// <summary>A port whose next <paramref name="nodes"/> and the same 50 further on are all free.</summary>
    private static int FreePortRange(int nodes)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            // Below the ephemeral range (32768 and up): a node restarted by a test must get its port back.
            var start = Random.Shared.Next(20_000, 32_000);
            var ports = Enumerable.Range(start, nodes + 1).Concat(Enumerable.Range(start + 50, nodes + 1));
            if (ports.All(IsFree))
            {
                return start;
            }
        }

        throw new InvalidOperationException("No free ports for the deployment.");
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}

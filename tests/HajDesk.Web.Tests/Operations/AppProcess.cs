using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using HajDesk.Web.Tests.Infrastructure;

namespace HajDesk.Web.Tests.Operations;

/// <summary>
/// The app as an operator runs it: <c>dotnet HajDesk.Web.dll</c> of this build in its own process, on a free port of
/// 127.0.0.1, started from a working folder of the test's choosing; stopped with signals, as systemd stops it.
/// </summary>
public sealed class AppProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly StringBuilder log = new();

    private AppProcess(Process process, int port)
    {
        this.process = process;
        Port = port;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public int Port { get; }

    public Uri Url => new($"http://127.0.0.1:{Port}");

    public int Id => process.Id;

    public bool HasExited => process.HasExited;

    public int ExitCode => process.ExitCode;

    public string Log
    {
        get
        {
            lock (log)
            {
                return log.ToString();
            }
        }
    }

    /// <summary>Starts the app with these environment variables and waits until <c>/health/ready</c> answers 200.</summary>
    public static async Task<AppProcess> StartAsync(string workingDirectory, IDictionary<string, string?> environment)
    {
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet", [Deployment.AppDll, "--urls", $"http://127.0.0.1:{port}"])
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        start.Environment["Captcha__TestCode"] = HajDeskFactory.TestCaptchaCode;
        // As in every test app: the one-time SMS code on the send form is off unless the test turns it on.
        start.Environment["MobileVerification__Enabled"] = "false";
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var app = new AppProcess(Process.Start(start)!, port);
        using var http = new HttpClient();
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (true)
        {
            if (app.HasExited)
            {
                Assert.Fail($"The app exited at start-up ({app.ExitCode}):\n{app.Log}");
            }

            try
            {
                if ((await http.GetAsync(new Uri(app.Url, "/health/ready"))).StatusCode == HttpStatusCode.OK)
                {
                    return app;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"The app did not become ready:\n{app.Log}");
            }

            await Task.Delay(200);
        }
    }

    /// <summary>Sends a signal (TERM, INT, KILL) to the process, as <c>kill</c> does.</summary>
    public async Task SignalAsync(string signal)
    {
        using var kill = Process.Start("kill", [$"-{signal}", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!;
        await kill.WaitForExitAsync();
        Assert.Equal(0, kill.ExitCode);
    }

    /// <summary>Waits for the process to exit (at most <paramref name="limit"/>); its exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan limit)
    {
        using var timeout = new CancellationTokenSource(limit);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"The app had not exited after {limit}:\n{Log}");
        }

        return process.ExitCode;
    }

    /// <summary>Whether a new TCP connection to the app's port is refused.</summary>
    public async Task<bool> RefusesConnectionsAsync()
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, Port);
            return false;
        }
        catch (SocketException)
        {
            return true;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (log)
        {
            log.AppendLine(line);
        }
    }
}

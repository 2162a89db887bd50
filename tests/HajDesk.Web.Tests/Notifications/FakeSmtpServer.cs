using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using MimeKit;
using SmtpServer;
using SmtpServer.Mail;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace HajDesk.Web.Tests.Notifications;

/// <summary>What the SMTP server accepted: the envelope and the parsed message.</summary>
public sealed record ReceivedMail(string From, IReadOnlyList<string> To, MimeMessage Message);

/// <summary>
/// A real SMTP server (the SmtpServer library) on 127.0.0.1 and a port of the system's choosing. Each accepted message
/// is parsed with MimeKit; <see cref="DelayBeforeReply"/> makes it slow to acknowledge DATA.
/// </summary>
public sealed class FakeSmtpServer : IAsyncDisposable
{
    private readonly CancellationTokenSource stop = new();
    private readonly Store store;
    private readonly Task running;

    private FakeSmtpServer(TimeSpan delayBeforeReply, int port)
    {
        store = new Store(delayBeforeReply);
        Port = port;
        var options = new SmtpServerOptionsBuilder()
            .ServerName("localhost")
            .Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, port)))
            .Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(store);
        var server = new SmtpServer.SmtpServer(options, services);
        running = server.StartAsync(stop.Token);
    }

    public int Port { get; }

    public TimeSpan DelayBeforeReply => store.Delay;

    public IReadOnlyList<ReceivedMail> Received => [.. store.Received];

    public static async Task<FakeSmtpServer> StartAsync(TimeSpan? delayBeforeReply = null, int? port = null)
    {
        var server = new FakeSmtpServer(delayBeforeReply ?? TimeSpan.Zero, port ?? FreePort());
        // Wait until it accepts connections.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, server.Port);
                return server;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(20);
            }
        }
    }

    /// <summary>A loopback port nothing listens on (taken from the system, then given back).</summary>
    public static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>Settings that point the app's e-mail sender at a server on this port.</summary>
    public static Dictionary<string, string?> Settings(int port, double timeoutSeconds = 3) => new()
    {
        ["Notifications:Email:Mode"] = "Smtp",
        ["Notifications:Email:Host"] = "127.0.0.1",
        ["Notifications:Email:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Notifications:Email:UseStartTls"] = "None",
        ["Notifications:Email:FromAddress"] = "no-reply@hajdesk.example",
        ["Notifications:Email:FromName"] = "میز خدمت الکترونیک",
        ["Notifications:Email:TimeoutSeconds"] = timeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    public Dictionary<string, string?> Settings(double timeoutSeconds = 3) => Settings(Port, timeoutSeconds);

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        try
        {
            await running.WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (Exception e) when (e is OperationCanceledException or TimeoutException)
        {
            // Stopped.
        }

        stop.Dispose();
    }

    private sealed class Store(TimeSpan delay) : MessageStore
    {
        public TimeSpan Delay { get; } = delay;

        public ConcurrentQueue<ReceivedMail> Received { get; } = new();

        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction,
            ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            if (Delay > TimeSpan.Zero)
            {
                await Task.Delay(Delay, cancellationToken);
            }

            await using var stream = new MemoryStream(buffer.ToArray());
            var message = await MimeMessage.LoadAsync(stream, cancellationToken);
            Received.Enqueue(new ReceivedMail(
                transaction.From.AsAddress(),
                transaction.To.Select(t => t.AsAddress()).ToList(),
                message));
            return SmtpResponse.Ok;
        }
    }
}

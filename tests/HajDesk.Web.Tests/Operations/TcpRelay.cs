using System.Net;
using System.Net.Sockets;

namespace HajDesk.Web.Tests.Operations;

/// <summary>
/// A TCP relay on 127.0.0.1 in front of a server, which a test can cut like a network outage: <see cref="Cut"/> closes
/// every relayed connection and refuses new ones.
/// </summary>
public sealed class TcpRelay : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly List<TcpClient> connections = [];
    private readonly CancellationTokenSource stopping = new();
    private readonly Task accepting;

    public TcpRelay(string host, int port)
    {
        listener.Start();
        accepting = AcceptAsync(host, port);
    }

    public int Port => ((IPEndPoint)listener.LocalEndpoint).Port;

    public void Cut()
    {
        stopping.Cancel();
        listener.Stop();
        lock (connections)
        {
            foreach (var connection in connections)
            {
                connection.Dispose();
            }

            connections.Clear();
        }
    }

    public async ValueTask DisposeAsync()
    {
        Cut();
        try
        {
            await accepting;
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopped.
        }

        stopping.Dispose();
    }

    private async Task AcceptAsync(string host, int port)
    {
        while (!stopping.IsCancellationRequested)
        {
            var client = await listener.AcceptTcpClientAsync(stopping.Token);
            var server = new TcpClient();
            await server.ConnectAsync(host, port, stopping.Token);
            lock (connections)
            {
                connections.Add(client);
                connections.Add(server);
            }

            _ = PumpAsync(client.GetStream(), server.GetStream());
            _ = PumpAsync(server.GetStream(), client.GetStream());
        }
    }

    private async Task PumpAsync(NetworkStream from, NetworkStream to)
    {
        try
        {
            await from.CopyToAsync(to, stopping.Token);
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException or SocketException)
        {
            // The relay was cut or a side closed.
        }
    }
}

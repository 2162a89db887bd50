using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace HajDesk.Web.Tests.Webhooks;

/// <summary>One POST the receiver got: its path, headers and body exactly as sent.</summary>
public sealed record WebhookCall(string Path, IReadOnlyDictionary<string, string> Headers, string Body)
{
    public string Header(string name) => Headers.TryGetValue(name, out var value) ? value : throw new KeyNotFoundException(name);
}

/// <summary>
/// A real HTTP server on 127.0.0.1 standing in for a webhook subscriber. It records every POST and answers the n-th
/// (from 1) as the test scripts; by default 204.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentQueue<WebhookCall> received = new();
    private int calls;

    private WebhookReceiver(Func<int, HttpContext, Task> respond)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(2));
        app = builder.Build();
        app.MapPost("/{**path}", async context =>
        {
            var call = Interlocked.Increment(ref calls);
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync(context.RequestAborted);
            received.Enqueue(new WebhookCall(context.Request.Path,
                context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase), body));
            await respond(call, context);
        });
    }

    /// <summary>The address the server listens on, e.g. <c>http://127.0.0.1:40123</c>.</summary>
    public string BaseUrl => app.Urls.Single();

    public int Calls => Volatile.Read(ref calls);

    public IReadOnlyList<WebhookCall> Received => [.. received];

    public static async Task<WebhookReceiver> StartAsync(Func<int, HttpContext, Task>? respond = null)
    {
        var server = new WebhookReceiver(respond ?? ((_, context) => Status(context, 204)));
        await server.app.StartAsync();
        return server;
    }

    public static Task Status(HttpContext context, int status)
    {
        context.Response.StatusCode = status;
        return Task.CompletedTask;
    }

    /// <summary>Never answers: waits until the client gives up and drops the connection.</summary>
    public static async Task Hang(HttpContext context)
    {
        try
        {
            await Task.Delay(Timeout.Infinite, context.RequestAborted);
        }
        catch (OperationCanceledException)
        {
            // The dispatcher timed out, as it should.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}

using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace HajDesk.Web.Tests.CivilRegistry;

/// <summary>What the fake registry received.</summary>
public sealed record ReceivedInquiry(string Path, string? ContentType, string? ApiKey, string Body);

/// <summary>
/// A real HTTP server on 127.0.0.1 standing in for the civil registry service. It takes every POST, records it, and
/// answers the n-th call (from 1) as the test scripts.
/// </summary>
public sealed class FakeRegistryServer : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentQueue<ReceivedInquiry> received = new();
    private int calls;

    private FakeRegistryServer(Func<int, HttpContext, Task> respond)
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
            received.Enqueue(new ReceivedInquiry(context.Request.Path, context.Request.ContentType,
                context.Request.Headers["X-Api-Key"].FirstOrDefault(), body));
            await respond(call, context);
        });
    }

    /// <summary>The address the server listens on, e.g. <c>http://127.0.0.1:40123</c>.</summary>
    public string BaseUrl => app.Urls.Single();

    public int Calls => Volatile.Read(ref calls);

    public IReadOnlyList<ReceivedInquiry> Received => [.. received];

    public static async Task<FakeRegistryServer> StartAsync(Func<int, HttpContext, Task> respond)
    {
        var server = new FakeRegistryServer(respond);
        await server.app.StartAsync();
        return server;
    }

    /// <summary>Always answers with this status and JSON body.</summary>
    public static Task<FakeRegistryServer> StartAsync(int status, string? json = null) =>
        StartAsync((_, context) => RespondAsync(context, status, json));

    /// <summary>An address on which nothing listens: a server's port, taken and given back.</summary>
    public static async Task<string> UnusedAddressAsync()
    {
        await using var server = await StartAsync(200);
        return server.BaseUrl;
    }

    public static async Task RespondAsync(HttpContext context, int status, string? json = null)
    {
        context.Response.StatusCode = status;
        if (json is not null)
        {
            context.Response.ContentType = "application/json; charset=utf-8";
            await context.Response.WriteAsync(json);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}

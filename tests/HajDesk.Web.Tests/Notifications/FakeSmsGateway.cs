using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace HajDesk.Web.Tests.Notifications;

/// <summary>One call the fake gateway received: its path and form fields.</summary>
public sealed record SmsCall(string Path, string? ContentType, IReadOnlyDictionary<string, string> Form)
{
    public string LocalId => Form["localid"];
}

/// <summary>
/// A real HTTP server on 127.0.0.1 standing in for the SMS gateway (Kavenegar's contract). It records every call and
/// answers the n-th (from 1) as the test scripts; by default it accepts with message id 1000 + n.
/// </summary>
public sealed class FakeSmsGateway : IAsyncDisposable
{
    public const string ApiKey = "test-api-key-5f2c";

    private readonly WebApplication app;
    private readonly ConcurrentQueue<SmsCall> received = new();
    private int calls;

    private FakeSmsGateway(Func<int, SmsCall, HttpContext, Task> respond)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(2));
        app = builder.Build();
        app.MapPost("/{**path}", async context =>
        {
            var call = Interlocked.Increment(ref calls);
            var form = await context.Request.ReadFormAsync(context.RequestAborted);
            var sms = new SmsCall(context.Request.Path, context.Request.ContentType,
                form.ToDictionary(f => f.Key, f => f.Value.ToString(), StringComparer.Ordinal));
            received.Enqueue(sms);
            await respond(call, sms, context);
        });
    }

    /// <summary>The address the server listens on, e.g. <c>http://127.0.0.1:40123</c>.</summary>
    public string BaseUrl => app.Urls.Single();

    public int Calls => Volatile.Read(ref calls);

    public IReadOnlyList<SmsCall> Received => [.. received];

    public static async Task<FakeSmsGateway> StartAsync(Func<int, SmsCall, HttpContext, Task>? respond = null)
    {
        var server = new FakeSmsGateway(respond ?? ((n, _, context) => AcceptAsync(context, 1000 + n)));
        await server.app.StartAsync();
        return server;
    }

    /// <summary>The gateway's success answer.</summary>
    public static Task AcceptAsync(HttpContext context, long messageId) =>
        JsonAsync(context, 200, new
        {
            @return = new { status = 200, message = "تایید شد" },
            entries = new[]
            {
                new { messageid = messageId, status = 1, statustext = "در صف ارسال", sender = "10004346", cost = 120 },
            },
        });

    /// <summary>The gateway's refusal: Kavenegar answers with the same HTTP status as <c>return.status</c>.</summary>
    public static Task RefuseAsync(HttpContext context, int status, string message) =>
        JsonAsync(context, status, new { @return = new { status, message }, entries = (object?)null });

    public static async Task JsonAsync(HttpContext context, int status, object body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.WriteAsync(JsonSerializer.Serialize(body));
    }

    /// <summary>Settings that point the app's SMS sender here.</summary>
    public Dictionary<string, string?> Settings(double timeoutSeconds = 2) => new()
    {
        ["Notifications:Sms:Mode"] = "Http",
        ["Notifications:Sms:BaseUrl"] = BaseUrl,
        ["Notifications:Sms:ApiKey"] = ApiKey,
        ["Notifications:Sms:Sender"] = "10004346",
        ["Notifications:Sms:TimeoutSeconds"] = timeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}

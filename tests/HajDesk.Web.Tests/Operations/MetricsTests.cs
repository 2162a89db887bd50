using System.Net;
using HajDesk.Web.Operations;
using HajDesk.Web.Tests.Infrastructure;
using HajDesk.Web.Tests.PageTests.Requests;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace HajDesk.Web.Tests.Operations;

public class MetricsTests
{
    private const int ManagementPort = 9464;

    [Fact]
    public async Task GetMetrics_WithoutManagementUrls_IsNotFound()
    {
        await using var app = await HajDeskFactory.CreateAsync();

        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateClient().GetAsync("/metrics")).StatusCode);
    }

    [Fact]
    public async Task GetMetrics_OnTheManagementPortOnly_ShowsTheDesksOwnMetrics()
    {
        await using var app = await HajDeskFactory.CreateAsync(settings: new Dictionary<string, string?>
        {
            [Observability.ManagementUrlsSetting] = $"http://127.0.0.1:{ManagementPort}",
        });
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var send = await SendPage.OpenAsync(client);
        Assert.Equal(HttpStatusCode.Redirect, (await send.PostAsync(send.ValidValues())).StatusCode);
        await app.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<DeskGaugeSampler>().Single()
            .SampleAsync(DateTime.UtcNow, withOverdue: true, CancellationToken.None);

        // The public port (every request of the test client): no metrics, the Persian 404 page.
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/metrics")).StatusCode);

        var metrics = await GetOnManagementPortAsync(app, "/metrics");
        Assert.Equal(StatusCodes.Status200OK, metrics.Response.StatusCode);
        var text = await new StreamReader(metrics.Response.Body).ReadToEndAsync();
        // The counters are checked on real processes (DeploymentTests): with many test hosts in one process, EF's
        // shared internal services may hand a request to another host's interceptor.
        Assert.Contains("hajdesk_outbox_pending", text, StringComparison.Ordinal);
        Assert.Contains("hajdesk_requests_overdue", text, StringComparison.Ordinal);
        Assert.Contains("http_server_request_duration_seconds", text, StringComparison.Ordinal);
        Assert.DoesNotContain(SendPage.NationalCode, text, StringComparison.Ordinal);

        // The management port serves metrics and health, nothing of the desk itself.
        Assert.Equal(StatusCodes.Status404NotFound, (await GetOnManagementPortAsync(app, "/requests/send")).Response.StatusCode);
        Assert.Equal(StatusCodes.Status200OK, (await GetOnManagementPortAsync(app, "/health/ready")).Response.StatusCode);
    }

    private static Task<HttpContext> GetOnManagementPortAsync(HajDeskFactory app, string path) =>
        app.Server.SendAsync(context =>
        {
            context.Request.Method = HttpMethods.Get;
            context.Request.Path = path;
            context.Connection.LocalPort = ManagementPort;
        });
}

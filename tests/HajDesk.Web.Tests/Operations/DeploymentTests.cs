using System.Net;
using HajDesk.Web.Tests.Infrastructure;
using HajDesk.Web.Tests.PageTests.Requests;
using Npgsql;

namespace HajDesk.Web.Tests.Operations;

/// <summary>
/// Two app processes behind Debian's nginx on one PostgreSQL (<c>deploy/run.sh</c>): round robin, so consecutive
/// requests of one client land on alternate nodes, and everything a journey carries from one request to the next
/// (antiforgery cookie and token, receipt, sign-in, security codes, limits) must work across them.
/// </summary>
public class DeploymentTests
{
    private const string AdminPassword = "Deploy-Test-Passw0rd!";

    [Fact]
    public async Task TwoNodesBehindNginx_CitizenAndStaffJourneys_WorkAcrossNodesWithSharedLimitsAndNoPublicMetrics()
    {
        await using var deployment = await Deployment.StartAsync(2, new Dictionary<string, string?>
        {
            ["RateLimits__TrackByClient"] = "4",
        });
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() })
        {
            BaseAddress = deployment.Url,
        };

        // A citizen sends a request: the form comes from one node, the post goes to the other.
        var send = await SendPage.OpenAsync(client);
        // Its stylesheets and scripts come from a build, not a publish: served with their bodies all the same.
        foreach (var asset in send.Document.QuerySelectorAll("link[rel=stylesheet], script[src]")
            .Select(e => e.GetAttribute("href") ?? e.GetAttribute("src")!))
        {
            var served = await client.GetAsync(asset);
            Assert.Equal(HttpStatusCode.OK, served.StatusCode);
            Assert.True((await served.Content.ReadAsByteArrayAsync()).Length > 100, $"{asset} came without its content");
        }

        var sent = await send.PostAsync(send.ValidValues(new Dictionary<string, string?> { ["CaptchaAnswer"] = deployment.CaptchaAnswer(send.Form) }));
        Assert.True(sent.StatusCode == HttpStatusCode.Redirect, $"send: {(int)sent.StatusCode}\n{deployment.Logs()}");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(sent.Headers.Location)).StatusCode);
        var trackingCode = await SingleTrackingCodeAsync(deployment.DatabaseConnectionString);

        // And follows it up (lookup 1 of the 4 this address may make).
        var trackForm = (await client.GetDocumentAsync("/requests/track")).Form("#track-form");
        var tracked = await client.SubmitAsync(trackForm, new Dictionary<string, string?>
        {
            ["NationalCode"] = SendPage.NationalCode,
            ["TrackingCode"] = trackingCode,
            ["CaptchaAnswer"] = deployment.CaptchaAnswer(trackForm),
        });
        Assert.Equal(HttpStatusCode.Redirect, tracked.StatusCode);
        for (var i = 0; i < 2; i++)
        {
            // The follow-up cookie is read by both nodes.
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/requests/track/result")).StatusCode);
        }

        // Lookups 2 to 4 go through (wrong codes), alternating nodes; the fifth is refused whichever node gets it.
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            var form = (await client.GetDocumentAsync("/requests/track")).Form("#track-form");
            statuses.Add((await client.SubmitAsync(form, new Dictionary<string, string?>
            {
                ["NationalCode"] = SendPage.NationalCode,
                ["TrackingCode"] = TestRequests.TrackingCodeOtherThan(trackingCode),
                ["CaptchaAnswer"] = deployment.CaptchaAnswer(form),
            })).StatusCode);
        }

        Assert.Equal([HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.TooManyRequests], statuses);

        // Staff: an administrator signs in on one node and works on both.
        var (created, output) = await deployment.RunScriptAsync(Deployment.RunScript,
            ["create-admin", "admin", "مدیر سامانه"], new Dictionary<string, string?> { ["HAJDESK_ADMIN_PASSWORD"] = AdminPassword });
        Assert.True(created == 0, output);
        var signInPage = await client.GetDocumentAsync("/staff/sign-in");
        var signedIn = await client.SubmitAsync(signInPage.Form("[data-testid=sign-in-form]"), new Dictionary<string, string?>
        {
            ["UserName"] = "admin",
            ["Password"] = AdminPassword,
        });
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var landing = signedIn.Headers.Location!.OriginalString;
        Assert.DoesNotContain("sign-in", landing, StringComparison.OrdinalIgnoreCase);
        for (var i = 0; i < 2; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(landing)).StatusCode);
        }

        // Metrics: never through nginx; on each node's management address, with the desk's own.
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/metrics")).StatusCode);
        using var management = new HttpClient();
        // The request went to one of the two nodes: together they counted it once.
        var metrics = await management.GetStringAsync($"http://127.0.0.1:{deployment.ManagementPortBase + 1}/metrics")
            + await management.GetStringAsync($"http://127.0.0.1:{deployment.ManagementPortBase + 2}/metrics");
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(metrics, """hajdesk_requests_submitted_total\{[^}]*channel="web"[^}]*\} 1"""));
        Assert.Contains("hajdesk_outbox_pending", metrics, StringComparison.Ordinal);
        Assert.Contains("http_server_request_duration", metrics, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound,
            (await management.GetAsync($"http://127.0.0.1:{deployment.ManagementPortBase + 1}/requests/send")).StatusCode);
    }

    [Fact]
    public async Task RollingRestart_TwoNodes_RestartsEachInTurnReadyBeforeTheNextWhileNginxAnswersEveryRequest()
    {
        await using var deployment = await Deployment.StartAsync(2);
        var pidsBefore = NodePids(deployment);
        using var client = new HttpClient { BaseAddress = deployment.Url };

        // A visitor keeps reading pages through nginx for the whole restart; none may fail.
        using var restarted = new CancellationTokenSource();
        var outcomes = new List<string>();
        var reading = Task.Run(async () =>
        {
            while (!restarted.IsCancellationRequested)
            {
                // Pages without a per-address limit (the send form's security codes have one).
                foreach (var path in new[] { "/", "/health/ready" })
                {
                    try
                    {
                        outcomes.Add($"{path} {(int)(await client.GetAsync(path)).StatusCode}");
                    }
                    catch (HttpRequestException e)
                    {
                        outcomes.Add($"{path} {e.Message}");
                    }
                }

                await Task.Delay(20);
            }
        });
        var (exit, output) = await deployment.RunAsync("rolling-restart");
        await restarted.CancelAsync();
        await reading;

        Assert.True(exit == 0, $"rolling-restart failed ({exit}):\n{output}\n{deployment.Logs()}");
        // One node at a time: out of the pool, stopped, back and ready, and only then the next one.
        var steps = new[]
        {
            "node 1 out of nginx's pool", "node 1 stopped in", "node 1 ready", "node 1 back and ready",
            "node 2 out of nginx's pool", "node 2 stopped in", "node 2 ready", "node 2 back and ready",
        };
        var positions = steps.Select(step => output.IndexOf(step, StringComparison.Ordinal)).ToList();
        Assert.True(positions.All(p => p >= 0) && positions.SequenceEqual(positions.Order()), output);
        var pidsAfter = NodePids(deployment);
        Assert.Equal(2, pidsAfter.Count);
        Assert.Empty(pidsAfter.Intersect(pidsBefore));
        // Each node drained gracefully (SIGTERM, not killed) and logged it.
        Assert.Equal(2, Directory.GetFiles(deployment.State, "node*.log")
            .Sum(log => System.Text.RegularExpressions.Regex.Count(File.ReadAllText(log), "draining took")));
        Assert.NotEmpty(outcomes);
        Assert.All(outcomes, o => Assert.EndsWith(" 200", o, StringComparison.Ordinal));
    }

    private static List<string> NodePids(Deployment deployment) =>
        Directory.GetFiles(deployment.State, "node*.pid").Select(f => File.ReadAllText(f).Trim()).ToList();

    private static async Task<string> SingleTrackingCodeAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""SELECT "TrackingCode" FROM "Requests" """, connection);
        return (string)(await command.ExecuteScalarAsync())!;
    }
}

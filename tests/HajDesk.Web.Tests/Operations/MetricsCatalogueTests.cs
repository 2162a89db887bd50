using System.Diagnostics;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using AngleSharp.Html.Dom;
using HajDesk.Web.Operations;
using HajDesk.Web.Tests.Infrastructure;
using HajDesk.Web.Tests.PageTests.Requests;

namespace HajDesk.Web.Tests.Operations;

/// <summary>
/// The metrics an operator is told about (docs/operations.md, "Metrics") are the ones a node serves, and the
/// submitted-requests counter says through which channel each request really came: a real node on PostgreSQL behind
/// nginx (counters are per process, so the test scrapes a real one).
/// </summary>
public class MetricsCatalogueTests
{
    private const string AdminPassword = "Metrics-Test-Passw0rd!";

    [Fact]
    public async Task OneNode_ServesEveryMetricTheOperationsDocListsAndCountsRequestsByTheirOwnChannel()
    {
        await using var deployment = await Deployment.StartAsync(1, new Dictionary<string, string?>
        {
            ["RateLimits__TrackByClient"] = "2",
        });
        using var citizen = NewClient(deployment);

        // A citizen's form: channel web.
        var send = await SendPage.OpenAsync(citizen);
        var tehran = send.OptionValue("Input_ProvinceId", "تهران");
        var sent = await send.PostAsync(send.ValidValues(new Dictionary<string, string?> { ["CaptchaAnswer"] = deployment.CaptchaAnswer(send.Form) }));
        Assert.True(sent.StatusCode == HttpStatusCode.Redirect, $"send: {(int)sent.StatusCode}\n{deployment.Logs()}");

        // Another system through Open311: channel api.
        var issued = await RunAppAsync(deployment, "create-api-key", "--name", "metrics-test");
        var key = Regex.Match(issued, @"(?m)^(hdk_\S+)\s*$").Groups[1].Value;
        Assert.True(key.Length > 10, issued);
        using var api = new HttpClient { BaseAddress = deployment.Url };
        var services = JsonDocument.Parse(await api.GetStringAsync($"/open311/v2/services.json?api_key={Uri.EscapeDataString(key)}")).RootElement;
        var service = services.EnumerateArray().First(s => s.GetProperty("service_name").GetString() == "سایر").GetProperty("service_code").ToString();
        var posted = await api.PostAsync("/open311/v2/requests.json", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["api_key"] = key,
            ["service_code"] = service,
            ["description"] = "درخواست از سامانهٔ دیگر برای آزمون سنجه‌ها.",
            ["attribute[national_code]"] = SendPage.NationalCode,
            ["attribute[birth_date]"] = "1365/04/12",
            ["attribute[province]"] = tehran,
            ["attribute[mobile]"] = "09121234567",
        }));
        Assert.True(posted.IsSuccessStatusCode, $"API: {(int)posted.StatusCode} {await posted.Content.ReadAsStringAsync()}");

        // An administrator registers a caller of the 111 line: channel phone111.
        var (created, output) = await deployment.RunScriptAsync(Deployment.RunScript,
            ["create-admin", "admin", "مدیر سامانه"], new Dictionary<string, string?> { ["HAJDESK_ADMIN_PASSWORD"] = AdminPassword });
        Assert.True(created == 0, output);
        using var staff = NewClient(deployment);
        var signedIn = await staff.SubmitAsync((await staff.GetDocumentAsync("/staff/sign-in")).Form("[data-testid=sign-in-form]"),
            new Dictionary<string, string?> { ["UserName"] = "admin", ["Password"] = AdminPassword });
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var register = (await staff.GetDocumentAsync("/staff/requests/register")).Form("[data-testid=register-form]");
        var registered = await staff.SubmitMultipartAsync(register, new Dictionary<string, string?>
        {
            ["Channel"] = "Phone111",
            ["Input.BirthDay"] = "12",
            ["Input.BirthMonth"] = "4",
            ["Input.BirthYear"] = "1365",
            ["Input.NationalCode"] = SendPage.NationalCode,
            ["Input.ProvinceId"] = tehran,
            ["Input.Mobile"] = "09121234567",
            ["Input.SubjectId"] = OptionValue(register, "Input_SubjectId", "سایر"),
            ["Input.Text"] = "تماس‌گیرنده ۱۱۱ درباره ثبت‌نام پرسید.",
        });
        Assert.True(registered.StatusCode == HttpStatusCode.Redirect, $"register: {(int)registered.StatusCode}\n{deployment.Logs()}");

        // Follow-up lookups from one address until a shared limit refuses one (two are allowed).
        var statuses = new List<HttpStatusCode>();
        while (statuses.Count < 6 && !statuses.Contains(HttpStatusCode.TooManyRequests))
        {
            var track = (await citizen.GetDocumentAsync("/requests/track")).Form("#track-form");
            statuses.Add((await citizen.SubmitAsync(track, new Dictionary<string, string?>
            {
                ["NationalCode"] = SendPage.NationalCode,
                ["TrackingCode"] = TestRequests.TrackingCodeOtherThan(string.Empty),
                ["CaptchaAnswer"] = deployment.CaptchaAnswer(track),
            })).StatusCode);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
        Assert.True(statuses.Count > 1, string.Join(", ", statuses));

        using var management = new HttpClient();
        var metrics = await management.GetStringAsync($"http://127.0.0.1:{deployment.ManagementPortBase + 1}/metrics");
        var listed = ListedMetricNames();
        Assert.True(listed.Count >= 10, $"only {listed.Count} names found in docs/operations.md: {string.Join(", ", listed)}");
        var missing = listed.Where(name => !Regex.IsMatch(metrics, name.EndsWith('*')
            ? $@"(?m)^# TYPE {Regex.Escape(name.TrimEnd('*'))}"
            : $@"(?m)^# TYPE {Regex.Escape(name)} ")).ToList();
        Assert.True(missing.Count == 0, $"listed in docs/operations.md but not served: {string.Join(", ", missing)}\n{metrics}");

        foreach (var channel in new[] { "web", "api", "phone111" })
        {
            Assert.Matches($$"""(?m)^hajdesk_requests_submitted_total\{[^}]*channel="{{channel}}"[^}]*\} 1(\s|$)""", metrics);
        }

        Assert.Equal(3, Regex.Count(metrics, @"(?m)^hajdesk_requests_submitted_total\{"));
        Assert.Matches($$"""(?m)^hajdesk_build_info\{(?=[^}]*commit="{{AppVersion.Commit}}")(?=[^}]*version="{{Regex.Escape(AppVersion.Version)}}")[^}]*\} 1(\s|$)""", metrics);
    }

    /// <summary>Every name in the first column of the table under docs/operations.md's "## Metrics".</summary>
    private static List<string> ListedMetricNames()
    {
        var doc = File.ReadAllText(Path.Combine(Deployment.RepositoryRoot, "docs", "operations.md"));
        var section = Regex.Match(doc, @"(?ms)^## Metrics\n(.*?)(?=^## )").Groups[1].Value;
        return Regex.Matches(section, @"(?m)^\| (.*?) \|").Select(row => row.Groups[1].Value)
            .SelectMany(cell => Regex.Matches(cell, "`([a-z_*]+)(?:\\{[^}]*\\})?`").Select(m => m.Groups[1].Value))
            .Distinct(StringComparer.Ordinal).ToList();
    }

    private static HttpClient NewClient(Deployment deployment) =>
        new(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() }) { BaseAddress = deployment.Url };

    private static string OptionValue(IHtmlFormElement form, string selectId, string text) =>
        form.QuerySelectorAll($"#{selectId} option").OfType<IHtmlOptionElement>().First(o => o.TextContent.Trim() == text).Value;

    /// <summary>A command of the app with the deployment's database and key, as an operator runs it; its output.</summary>
    private static async Task<string> RunAppAsync(Deployment deployment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet", [Deployment.AppDll, .. args]) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Database__Provider"] = "Postgres";
        start.Environment["Database__ConnectionString"] = deployment.DatabaseConnectionString;
        start.Environment["Captcha__AnswerKey"] = File.ReadAllText(Path.Combine(deployment.State, "captcha-answer.key")).Trim();
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"{string.Join(' ', args)}: exit {process.ExitCode}\n{await output}\n{await errors}");
        return await output;
    }
}

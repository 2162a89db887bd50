using HajDesk.Core.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace HajDesk.EndToEndTests.Infrastructure;

/// <summary>
/// The real app served by Kestrel on 127.0.0.1 (a free port), in the <c>Testing</c> environment, on a fresh SQLite
/// file in a temporary folder, with <c>Captcha:TestCode</c> set so that the browser can pass the security code.
/// </summary>
public sealed class KestrelApp : WebApplicationFactory<Program>
{
    /// <summary>The security code every challenge accepts in these tests.</summary>
    public const string TestCaptchaCode = "24680";

    private readonly string folder = Path.Combine(Path.GetTempPath(), "hajdesk-e2e", Guid.NewGuid().ToString("N"));

    private readonly IDictionary<string, string?> settings;

    /// <param name="settings">Settings on top of the journeys' own (e.g. <c>Directory:*</c> for an app of one journey).</param>
    public KestrelApp(IDictionary<string, string?>? settings = null)
    {
        this.settings = settings ?? new Dictionary<string, string?>();
        Directory.CreateDirectory(folder);
        UseKestrel(0);
    }

    /// <summary>The app's address, such as <c>http://127.0.0.1:40123</c>, without a trailing slash.</summary>
    public string BaseUrl { get; private set; } = string.Empty;

    /// <summary>Starts Kestrel and reads the address it listens on.</summary>
    public void Start()
    {
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses
            ?? throw new InvalidOperationException("Kestrel reported no addresses.");
        BaseUrl = addresses.FirstOrDefault(a => a.StartsWith("http://127.0.0.1:", StringComparison.Ordinal))?.TrimEnd('/')
            ?? throw new InvalidOperationException($"Kestrel does not listen on 127.0.0.1: {string.Join(", ", addresses)}");
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        // The build's static web assets: Program.cs reads the build's manifest outside Development by itself.
        // Kestrel on the loopback address only; port 0 lets the OS choose a free one.
        builder.UseSetting("urls", "http://127.0.0.1:0");
        builder.UseSetting("Database:Provider", "Sqlite");
        builder.UseSetting("Database:ConnectionString", $"Data Source={Path.Combine(folder, "hajdesk.db")}");
        builder.UseSetting("Database:MigrateAtStartup", "true");
        builder.UseSetting("Captcha:TestCode", TestCaptchaCode);
        // Every journey comes from 127.0.0.1 and uses the same demo person: the per-client and per-national-code
        // limits would otherwise stop the suite half-way. The limits themselves are tested in HajDesk.Web.Tests.
        foreach (var limit in new[]
        {
            "FormPostsPerMinute", "CaptchaPerMinute", "RegistryByClient", "RegistryByNationalCode", "TrackByClient", "TrackByNationalCode",
            "SendFormsByClient", "RegistryLookupsPerForm", "CaptchaAudioByClient",
        })
        {
            builder.UseSetting($"RateLimits:{limit}", "100000");
        }

        // The one-time code by SMS on the send form is off in the shared app (the journeys of other things send in
        // one step); MobileVerificationJourneyTests start their own app with it on.
        builder.UseSetting("MobileVerification:Enabled", "false");
        // So is the open-request notice (the journeys send the demo person on «سایر» again and again);
        // OpenRequestJourneyTests start their own app with it on.
        builder.UseSetting("OpenRequestNotice:Enabled", "false");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Logging:LogLevel:Microsoft.AspNetCore", "Error");
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }
    }

    /// <summary>A scope with the app's DbContext, to arrange what no citizen page can (an expert's answer).</summary>
    public async Task<T> WithDbAsync<T>(Func<HajDeskDbContext, Task<T>> action)
    {
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<HajDeskDbContext>());
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by a finishing background task; the OS cleans its temporary folder.
        }
    }
}

using HajDesk.Core.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace HajDesk.Web.Tests.Infrastructure;

/// <summary>
/// The real app, in the <c>Testing</c> environment, on a real database of the chosen provider.
/// The database is dropped with the factory unless <paramref name="ownsDatabase"/> is false (to restart an app
/// on the same database).
/// </summary>
public class HajDeskFactory(TestDatabase database, IDictionary<string, string?>? settings = null, bool ownsDatabase = true)
    : WebApplicationFactory<Program>
{
    public const string TestCaptchaCode = "24680";

    public TestDatabase Database { get; } = database;

    public static async Task<HajDeskFactory> CreateAsync(
        DatabaseProvider provider = DatabaseProvider.Sqlite, IDictionary<string, string?>? settings = null)
    {
        var database = await TestDatabase.CreateAsync(provider);
        return new HajDeskFactory(database, settings);
    }

    /// <summary>Every log line the app wrote, formatted, to check that nothing personal is logged.</summary>
    public System.Collections.Concurrent.ConcurrentQueue<string> Logs { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.ConfigureLogging(logging => logging.AddProvider(new CollectingLoggerProvider(Logs)));
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", Database.Provider.ToString());
        builder.UseSetting("Database:ConnectionString", Database.ConnectionString);
        builder.UseSetting("Database:MigrateAtStartup", "true");
        // Forms in page tests are sent with this security code; tests of the CAPTCHA itself use real answers.
        builder.UseSetting("Captcha:TestCode", TestCaptchaCode);
        // Escalation runs on the real clock in the background; its tests turn it on or drive it by hand.
        builder.UseSetting("Escalation:Enabled", "false");
        // So does retention; its tests run it by hand.
        builder.UseSetting("Retention:Enabled", "false");
        // The one-time code by SMS on the send form (on by default outside Development) is off unless a test turns
        // it on, so the many tests of other things post the form in one step; its own tests set it true.
        builder.UseSetting("MobileVerification:Enabled", "false");
        // So is the open-request notice: many tests send the demo person on «سایر» twice; its own tests set it true.
        builder.UseSetting("OpenRequestNotice:Enabled", "false");
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            builder.UseSetting(key, value);
        }
    }

    /// <summary>A scope with the app's DbContext, to arrange and assert on the database directly.</summary>
    public async Task<T> WithDbAsync<T>(Func<HajDeskDbContext, Task<T>> action)
    {
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<HajDeskDbContext>());
    }

    public async Task WithDbAsync(Func<HajDeskDbContext, Task> action)
    {
        await using var scope = Services.CreateAsyncScope();
        await action(scope.ServiceProvider.GetRequiredService<HajDeskDbContext>());
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (ownsDatabase)
        {
            await Database.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }
}

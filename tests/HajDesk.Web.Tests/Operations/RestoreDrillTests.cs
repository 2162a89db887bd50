using System.Net;
using HajDesk.Web.Tests.Infrastructure;
using HajDesk.Web.Tests.PageTests.Requests;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace HajDesk.Web.Tests.Operations;

/// <summary>
/// The restore drill of docs/operations.md: a citizen sends a request, the database is backed up while the app runs
/// (scripts/backup.sh), restored into a fresh database (scripts/restore.sh), and a new app on the restored database
/// follows the request up.
/// </summary>
public class RestoreDrillTests
{
    public static TheoryData<DatabaseProvider> Providers => [DatabaseProvider.Sqlite, DatabaseProvider.Postgres];

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task BackupWhileRunningThenRestore_IntoAFreshDatabase_TheRequestCanBeFollowedUp(DatabaseProvider provider)
    {
        var backup = Path.Combine(Path.GetTempPath(), "hajdesk-backup-" + Guid.NewGuid().ToString("N")[..12]);
        try
        {
            string trackingCode;
            await using (var app = await HajDeskFactory.CreateAsync(provider))
            {
                var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
                var send = await SendPage.OpenAsync(client);
                Assert.Equal(HttpStatusCode.Redirect, (await send.PostAsync(send.ValidValues())).StatusCode);
                trackingCode = await app.WithDbAsync(db => db.Requests.Select(r => r.TrackingCode).SingleAsync());

                // Taken while the app is up, as an operator would.
                var (backedUp, output) = await Deployment.RunBashAsync(Script("backup.sh"),
                    [provider == DatabaseProvider.Postgres ? "postgres" : "sqlite", Source(app.Database), backup]);
                Assert.True(backedUp == 0, output);
            }

            var restored = await TestDatabase.CreateAsync(provider);
            var (restoredCode, restoreOutput) = provider == DatabaseProvider.Postgres
                ? await Deployment.RunBashAsync(Script("restore.sh"), ["postgres", restored.ConnectionString, backup])
                : await Deployment.RunBashAsync(Script("restore.sh"), ["sqlite", backup, Source(restored)]);
            Assert.True(restoredCode == 0, restoreOutput);

            await using var restoredApp = new HajDeskFactory(restored);
            var follower = restoredApp.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
            var trackForm = (await follower.GetDocumentAsync("/requests/track")).Form("#track-form");
            var tracked = await follower.SubmitAsync(trackForm, new Dictionary<string, string?>
            {
                ["NationalCode"] = SendPage.NationalCode,
                ["TrackingCode"] = trackingCode,
                ["CaptchaAnswer"] = HajDeskFactory.TestCaptchaCode,
            });
            Assert.Equal(HttpStatusCode.Redirect, tracked.StatusCode);
            var result = await follower.GetAsync("/requests/track/result");
            Assert.Equal(HttpStatusCode.OK, result.StatusCode);
            Assert.Contains("برای ثبت‌نام عمره راهنمایی می‌خواهم.", await result.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(backup);
        }
    }

    private static string Script(string name) => Path.Combine(Deployment.RepositoryRoot, "scripts", name);

    private static string Source(TestDatabase database) => database.Provider == DatabaseProvider.Postgres
        ? database.ConnectionString
        : new SqliteConnectionStringBuilder(database.ConnectionString).DataSource;
}

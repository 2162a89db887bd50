using System.Net;
using HajDesk.Web.Operations;
using HajDesk.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace HajDesk.Web.Tests.Operations;

public class HealthTests
{
    public static TheoryData<DatabaseProvider> Providers => [DatabaseProvider.Sqlite, DatabaseProvider.Postgres];

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Get_LiveAndReady_OnAMigratedDatabase_AreHealthy(DatabaseProvider provider)
    {
        await using var app = await HajDeskFactory.CreateAsync(provider);
        var client = app.CreateClient();

        var live = await client.GetAsync("/health/live");
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal("Healthy", await live.Content.ReadAsStringAsync());
        // Readiness also names the build, so a rolling restart shows which version each node runs.
        foreach (var path in new[] { "/health/ready", "/health" })
        {
            var response = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal($"Healthy\nversion: {AppVersion.Text}\n", await response.Content.ReadAsStringAsync());
        }

        Assert.Matches(@"^\d+\.\d+\.\d+\+[0-9a-f]{12}$", AppVersion.Text);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task GetReady_WithAPendingMigration_IsUnavailableWithAPlainBodyWhileLiveStaysHealthy(DatabaseProvider provider)
    {
        await using var app = await HajDeskFactory.CreateAsync(provider);
        var client = app.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);

        // The newest migration forgotten, as after deploying a build whose `migrate` step was skipped.
        await app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(
            """DELETE FROM "__EFMigrationsHistory" WHERE "MigrationId" = (SELECT max("MigrationId") FROM "__EFMigrationsHistory")"""));

        await AssertUnavailableAsync(client);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
    }

    [Fact]
    public async Task GetReady_WhenThePostgresDatabaseIsGone_IsUnavailableWhileLiveStaysHealthy()
    {
        await using var app = await HajDeskFactory.CreateAsync(DatabaseProvider.Postgres);
        var client = app.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);

        var name = new NpgsqlConnectionStringBuilder(app.Database.ConnectionString).Database;
        NpgsqlConnection.ClearAllPools();
        await using (var connection = new NpgsqlConnection(TestDatabase.PostgresServerConnectionString()))
        {
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE {name} WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }

        await AssertUnavailableAsync(client);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
    }

    /// <summary>503 with the plain word a load balancer reads: not the Persian error page, no exception text.</summary>
    private static async Task AssertUnavailableAsync(HttpClient client)
    {
        var response = await client.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"Unhealthy\nversion: {AppVersion.Text}\n", await response.Content.ReadAsStringAsync());
    }
}

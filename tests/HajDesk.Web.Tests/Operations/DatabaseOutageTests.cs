using System.Net;
using HajDesk.Web.Tests.Infrastructure;
using HajDesk.Web.Tests.PageTests.Requests;
using Microsoft.AspNetCore.Mvc.Testing;
using Npgsql;

namespace HajDesk.Web.Tests.Operations;

public class DatabaseOutageTests
{
    [Fact]
    public async Task Send_WhilePostgresIsUnreachable_AnswersThePersian503PageSayingNothingWasSaved()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Postgres);
        var server = new NpgsqlConnectionStringBuilder(database.ConnectionString);
        await using var relay = new TcpRelay(server.Host!, server.Port);
        var throughRelay = new NpgsqlConnectionStringBuilder(database.ConnectionString) { Port = relay.Port, Pooling = false, Timeout = 3 };
        await using var app = new HajDeskFactory(database, new Dictionary<string, string?>
        {
            ["Database:ConnectionString"] = throughRelay.ConnectionString,
        }, ownsDatabase: false);
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var send = await SendPage.OpenAsync(client);

        relay.Cut();
        var posted = await send.PostAsync(send.ValidValues());

        Assert.Equal(HttpStatusCode.ServiceUnavailable, posted.StatusCode);
        Assert.Equal("60", posted.Headers.RetryAfter?.ToString());
        Assert.Contains("سامانه موقتاً در دسترس نیست", send.Document.Title, StringComparison.Ordinal);
        Assert.NotNull(send.Document.QuerySelector("[data-testid=nothing-saved]"));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/requests/send")).StatusCode);
    }
}

using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using HajDesk.Core.Notifications;
using HajDesk.Web.Tests.Infrastructure;
using HajDesk.Web.Tests.Notifications;
using HajDesk.Web.Tests.PageTests.Requests;
using Microsoft.Data.Sqlite;

namespace HajDesk.Web.Tests.Operations;

/// <summary>
/// What SIGTERM (systemd's stop, a rolling restart) does to a node: it stops taking connections, finishes what is in
/// flight and gives back what it holds, then exits.
/// </summary>
public class GracefulShutdownTests
{
    public static TheoryData<DatabaseProvider> Providers => [DatabaseProvider.Sqlite, DatabaseProvider.Postgres];

    [Fact]
    public async Task Sigterm_WhileASendWithADocumentIsUploading_RefusesNewConnectionsFinishesTheSendAndExits()
    {
        // Started from an empty folder that is not the app's: the app finds its files in its own folder and
        // writes nothing where it was started.
        var startedFrom = Directory.CreateTempSubdirectory("hajdesk-cwd-");
        var data = Directory.CreateTempSubdirectory("hajdesk-data-");
        try
        {
            var databaseFile = Path.Combine(data.FullName, "hajdesk.db");
            await using var app = await AppProcess.StartAsync(startedFrom.FullName, new Dictionary<string, string?>
            {
                ["Database__Provider"] = "Sqlite",
                ["Database__ConnectionString"] = $"Data Source={databaseFile}",
                // Long enough never to cut the upload below: the test waits for it, not for a clock.
                ["Shutdown__TimeoutSeconds"] = "300",
            });
            using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() })
            {
                BaseAddress = app.Url,
                Timeout = TimeSpan.FromMinutes(5),
            };
            var send = await SendPage.OpenAsync(client);
            var document = SampleFiles.Pdf(2 * 1024 * 1024);
            var multipart = new MultipartFormDataContent();
            foreach (var (name, value) in Html.FormValues(send.Form, send.ValidValues()))
            {
                multipart.Add(new StringContent(value), name);
            }

            var file = new ByteArrayContent(document);
            file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
            multipart.Add(file, "Files", "madrak.pdf");
            using var paused = new PausedContent(await multipart.ReadAsByteArrayAsync(), multipart.Headers.ContentType!);

            // Half of the form is on its way when the node is told to stop.
            var posting = client.PostAsync("/requests/send", paused);
            await paused.HalfSent.WaitAsync(TimeSpan.FromMinutes(2));
            await app.SignalAsync("TERM");

            // No new connections, while the send in flight is still being received.
            await Eventually.UntilAsync(app.RefusesConnectionsAsync, TimeSpan.FromMinutes(2), "the port to refuse connections");
            Assert.False(app.HasExited, app.Log);

            paused.Resume();
            var response = await posting;
            Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{(int)response.StatusCode}\n{app.Log}");
            Assert.StartsWith("/requests/send/receipt", response.Headers.Location!.OriginalString, StringComparison.Ordinal);

            Assert.Equal(0, await app.WaitForExitAsync(TimeSpan.FromMinutes(2)));
            Assert.Contains("draining took", app.Log, StringComparison.Ordinal);
            await using (var db = new SqliteConnection($"Data Source={databaseFile};Pooling=false"))
            {
                await db.OpenAsync();
                await using var query = db.CreateCommand();
                query.CommandText = """
                    SELECT count(*), min(a."Sha256"), min(length(c."Data"))
                    FROM "Requests" r JOIN "Attachments" a ON a."RequestId" = r."Id" JOIN "AttachmentContents" c ON c."AttachmentId" = a."Id"
                    """;
                await using var row = await query.ExecuteReaderAsync();
                Assert.True(await row.ReadAsync());
                Assert.Equal(1L, row.GetInt64(0));
                Assert.Equal(Convert.ToHexString(SHA256.HashData(document)), row.GetString(1), ignoreCase: true);
                Assert.Equal(document.Length, row.GetInt64(2));
            }

            Assert.Empty(startedFrom.EnumerateFileSystemInfos());
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            startedFrom.Delete(recursive: true);
            data.Delete(recursive: true);
        }
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Stopping_WhileABatchIsBeingSent_ReleasesEveryUnsentClaimAtOnce(DatabaseProvider provider)
    {
        // The gateway takes the first message and never answers, as a slow provider does during a restart.
        var firstCall = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var gateway = await FakeSmsGateway.StartAsync(async (_, _, context) =>
        {
            firstCall.TrySetResult();
            await Task.Delay(Timeout.Infinite, context.RequestAborted);
        });
        await using var app = await NotificationTestApp.CreateAsync(provider, gateway.Settings(timeoutSeconds: 60));
        for (var i = 0; i < 3; i++)
        {
            await app.CreateRequestAsync();
        }

        using var stopping = new CancellationTokenSource();
        var dispatching = app.Dispatcher.DispatchDueAsync(stopping.Token);
        await firstCall.Task.WaitAsync(TimeSpan.FromMinutes(1));
        Assert.All(await app.OutboxAsync(), m => Assert.NotNull(m.LockedUntil));
        await stopping.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => dispatching);

        // All three back in the queue with no attempt counted: another node sends them now, not when the lease ends.
        var messages = await app.OutboxAsync();
        Assert.Equal(3, messages.Count);
        Assert.All(messages, m => Assert.Equal((OutboxStatus.Pending, (DateTime?)null, 0), (m.Status, m.LockedUntil, m.Attempts)));
        Assert.Equal(1, gateway.Calls);
    }

    /// <summary>A request body sent in two halves: the second only after <see cref="Resume"/>.</summary>
    private sealed class PausedContent : HttpContent
    {
        private readonly byte[] body;
        private readonly TaskCompletionSource halfSent = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource resume = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public PausedContent(byte[] body, MediaTypeHeaderValue contentType)
        {
            this.body = body;
            Headers.ContentType = contentType;
        }

        public Task HalfSent => halfSent.Task;

        public void Resume() => resume.TrySetResult();

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            var half = body.Length / 2;
            await stream.WriteAsync(body.AsMemory(0, half));
            await stream.FlushAsync();
            halfSent.TrySetResult();
            await resume.Task;
            await stream.WriteAsync(body.AsMemory(half));
        }

        protected override bool TryComputeLength(out long length)
        {
            length = body.Length;
            return true;
        }
    }
}

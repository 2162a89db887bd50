using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using HajDesk.Core.CivilRegistry;
using HajDesk.Core.Requests;
using HajDesk.Web.CivilRegistry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace HajDesk.Web.Tests.CivilRegistry;

/// <summary>The HTTP client, with its real resilience pipeline, against a real server on 127.0.0.1.</summary>
public class HttpCivilRegistryTests
{
    private const string Code = "0499370899";
    private static readonly DateOnly BirthDate = new(1986, 7, 3);

    private const string FoundJson = """{"found":true,"firstName":"محمد","lastName":"رضایی","gender":"M"}""";

    [Fact]
    public async Task LookupAsync_PersonFound_ReturnsThePersonAndSendsTheContractsRequest()
    {
        await using var server = await FakeRegistryServer.StartAsync(200, FoundJson);
        await using var registry = Registry(server.BaseUrl, new() { ["CivilRegistry:ApiKey"] = "test-key" });

        var result = await registry.LookupAsync(Code, BirthDate);

        Assert.Equal(RegistryResult.Found(new RegistryPerson(Code, BirthDate, "محمد", "رضایی", Gender.Male)), result);
        var inquiry = Assert.Single(server.Received);
        Assert.Equal("/v1/person-inquiry", inquiry.Path);
        Assert.Equal("application/json; charset=utf-8", inquiry.ContentType);
        Assert.Equal("test-key", inquiry.ApiKey);
        Assert.Equal("""{"nationalCode":"0499370899","birthDate":"1986-07-03"}""", inquiry.Body);
        // HttpClient's trace log lists request headers; the key's value must be redacted there.
        Assert.Contains(registry.Logs, line => line.Contains("X-Api-Key", StringComparison.Ordinal));
        Assert.DoesNotContain(registry.Logs, line => line.Contains("test-key", StringComparison.Ordinal));
    }

    [Fact]
    public async Task LookupAsync_BaseUrlWithPathAndNoApiKey_PostsUnderThePathWithoutTheHeader()
    {
        await using var server = await FakeRegistryServer.StartAsync(200, FoundJson);
        await using var registry = Registry(server.BaseUrl + "/registry/api");

        var result = await registry.LookupAsync(Code, BirthDate);

        Assert.Equal(RegistryOutcome.Found, result.Outcome);
        var inquiry = Assert.Single(server.Received);
        Assert.Equal("/registry/api/v1/person-inquiry", inquiry.Path);
        Assert.Null(inquiry.ApiKey);
    }

    [Fact]
    public async Task LookupAsync_ArabicLettersAndSpacesInNames_AreNormalizedToPersian()
    {
        await using var server = await FakeRegistryServer.StartAsync(200,
            """{"found":true,"firstName":" علي ","lastName":"كريمى","gender":"F"}""");
        await using var registry = Registry(server.BaseUrl);

        var person = (await registry.LookupAsync(Code, BirthDate)).Person!;

        Assert.Equal("علی", person.FirstName);
        Assert.Equal("کریمی", person.LastName);
        Assert.Equal(Gender.Female, person.Gender);
    }

    [Fact]
    public async Task LookupAsync_FoundFalse_ReturnsNotFound()
    {
        await using var server = await FakeRegistryServer.StartAsync(200, """{"found":false}""");
        await using var registry = Registry(server.BaseUrl);

        Assert.Equal(RegistryResult.NotFound, await registry.LookupAsync(Code, BirthDate));
        Assert.Equal(1, server.Calls);
    }

    [Fact]
    public async Task LookupAsync_Status404_ReturnsNotFoundWithoutRetrying()
    {
        await using var server = await FakeRegistryServer.StartAsync(404);
        await using var registry = Registry(server.BaseUrl);

        Assert.Equal(RegistryResult.NotFound, await registry.LookupAsync(Code, BirthDate));
        Assert.Equal(1, server.Calls);
    }

    [Fact]
    public async Task LookupAsync_NothingListening_ReturnsUnavailable()
    {
        var address = await FakeRegistryServer.UnusedAddressAsync();
        await using var registry = Registry(address);

        Assert.Equal(RegistryResult.Unavailable, await registry.LookupAsync(Code, BirthDate));
    }

    [Fact]
    public async Task LookupAsync_ServerSlowerThanTheTimeout_ReturnsUnavailableInBoundedTime()
    {
        await using var server = await FakeRegistryServer.StartAsync(async (_, context) =>
        {
            await Task.Delay(TimeSpan.FromSeconds(30), context.RequestAborted);
            await FakeRegistryServer.RespondAsync(context, 200, FoundJson);
        });
        await using var registry = Registry(server.BaseUrl, new()
        {
            ["CivilRegistry:TimeoutSeconds"] = "0.3",
            ["CivilRegistry:Retries"] = "1",
        });

        var clock = Stopwatch.StartNew();
        var result = await registry.LookupAsync(Code, BirthDate);

        Assert.Equal(RegistryResult.Unavailable, result);
        // Two attempts of 0.3 s and one short wait between them; generous for a loaded machine.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
        // Never more than the two attempts (on a loaded machine an attempt may time out before the server sees it).
        Assert.InRange(server.Calls, 0, 2);
    }

    [Fact]
    public async Task LookupAsync_500Then200_RetriesAndReturnsFound()
    {
        await using var server = await FakeRegistryServer.StartAsync((call, context) =>
            call == 1 ? FakeRegistryServer.RespondAsync(context, 500) : FakeRegistryServer.RespondAsync(context, 200, FoundJson));
        await using var registry = Registry(server.BaseUrl);

        var result = await registry.LookupAsync(Code, BirthDate);

        Assert.Equal(RegistryOutcome.Found, result.Outcome);
        Assert.Equal(2, server.Calls);
        Assert.Equal(server.Received[0].Body, server.Received[1].Body);
    }

    [Theory]
    [InlineData(500)]
    [InlineData(503)]
    [InlineData(429)]
    [InlineData(408)]
    public async Task LookupAsync_AlwaysTransientError_ReturnsUnavailableAfterEveryAttempt(int status)
    {
        await using var server = await FakeRegistryServer.StartAsync(status);
        await using var registry = Registry(server.BaseUrl);

        Assert.Equal(RegistryResult.Unavailable, await registry.LookupAsync(Code, BirthDate));
        Assert.Equal(3, server.Calls);
    }

    [Theory]
    [InlineData(400)]
    [InlineData(401)]
    [InlineData(403)]
    public async Task LookupAsync_ClientError_ReturnsUnavailableWithoutRetrying(int status)
    {
        await using var server = await FakeRegistryServer.StartAsync(status);
        await using var registry = Registry(server.BaseUrl);

        Assert.Equal(RegistryResult.Unavailable, await registry.LookupAsync(Code, BirthDate));
        Assert.Equal(1, server.Calls);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("")]
    [InlineData("null")]
    [InlineData("[]")]
    [InlineData("{}")]
    [InlineData("""{"found":"yes"}""")]
    [InlineData("""{"found":true}""")]
    [InlineData("""{"found":true,"firstName":"  ","lastName":"رضایی","gender":"M"}""")]
    [InlineData("""{"found":true,"firstName":"محمد","lastName":"رضایی","gender":"X"}""")]
    [InlineData("""{"found":true,"firstName":"محمد","lastName":"رضایی","gender":"m"}""")]
    [InlineData("""{"found":true,"firstName":"محمد","lastName":"رضا\u0000یی","gender":"M"}""")]
    public async Task LookupAsync_MalformedOrInvalidAnswer_ReturnsUnavailable(string body)
    {
        await using var server = await FakeRegistryServer.StartAsync(200, body);
        await using var registry = Registry(server.BaseUrl);

        Assert.Equal(RegistryResult.Unavailable, await registry.LookupAsync(Code, BirthDate));
    }

    [Fact]
    public async Task LookupAsync_NameLongerThan100Characters_ReturnsUnavailable()
    {
        var answer = JsonSerializer.Serialize(new { found = true, firstName = new string('ا', 101), lastName = "رضایی", gender = "M" });
        await using var server = await FakeRegistryServer.StartAsync(200, answer);
        await using var registry = Registry(server.BaseUrl);

        Assert.Equal(RegistryResult.Unavailable, await registry.LookupAsync(Code, BirthDate));
    }

    [Fact]
    public async Task LookupAsync_RepeatedFailures_OpenTheCircuitAndStopCallingTheServer()
    {
        await using var server = await FakeRegistryServer.StartAsync(500);
        await using var registry = Registry(server.BaseUrl, new()
        {
            ["CivilRegistry:Retries"] = "1",
            ["CivilRegistry:CircuitBreakerMinimumThroughput"] = "2",
        });

        Assert.Equal(RegistryResult.Unavailable, await registry.LookupAsync(Code, BirthDate));
        Assert.Equal(2, server.Calls);

        var clock = Stopwatch.StartNew();
        Assert.Equal(RegistryResult.Unavailable, await registry.LookupAsync(Code, BirthDate));
        Assert.Equal(2, server.Calls);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"took {clock.Elapsed}");
        Assert.Contains(registry.Logs, line => line.Contains("circuit open", StringComparison.Ordinal));
    }

    [Fact]
    public async Task LookupAsync_Failures_LogNeitherTheNationalCodeNorTheBirthDate()
    {
        var address = await FakeRegistryServer.UnusedAddressAsync();
        await using var down = Registry(address);
        await using var server = await FakeRegistryServer.StartAsync(500);
        await using var failing = Registry(server.BaseUrl);

        await down.LookupAsync(Code, BirthDate);
        await failing.LookupAsync(Code, BirthDate);

        var logs = down.Logs.Concat(failing.Logs).ToList();
        Assert.Contains(logs, line => line.Contains("Civil registry unavailable", StringComparison.Ordinal));
        Assert.DoesNotContain(logs, line => line.Contains(Code, StringComparison.Ordinal)
            || line.Contains("1986-07-03", StringComparison.Ordinal));
    }

    [Fact]
    public async Task LookupAsync_CallerCancels_ThrowsOperationCanceled()
    {
        await using var server = await FakeRegistryServer.StartAsync(async (_, context) =>
        {
            await Task.Delay(TimeSpan.FromSeconds(30), context.RequestAborted);
        });
        await using var registry = Registry(server.BaseUrl);
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => registry.Registry.LookupAsync(Code, BirthDate, cancellation.Token));
    }

    [Fact]
    public void AddCivilRegistry_HttpMode_RegistersTheHttpClient()
    {
        using var registry = Registry("http://127.0.0.1:1");

        Assert.IsType<HttpCivilRegistry>(registry.Registry);
    }

    /// <summary>An HTTP-mode registry as the app registers it; 2 s per attempt, 2 retries unless overridden.</summary>
    private static TestRegistry Registry(string baseUrl, Dictionary<string, string?>? settings = null)
    {
        var all = new Dictionary<string, string?>
        {
            ["CivilRegistry:Mode"] = "Http",
            ["CivilRegistry:BaseUrl"] = baseUrl,
            ["CivilRegistry:TimeoutSeconds"] = "2",
            ["CivilRegistry:Retries"] = "2",
        };
        foreach (var (key, value) in settings ?? [])
        {
            all[key] = value;
        }

        var logs = new LogCollector();
        var services = new ServiceCollection()
            .AddLogging(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(logs))
            .AddCivilRegistry(new ConfigurationBuilder().AddInMemoryCollection(all).Build());
        return new TestRegistry(services.BuildServiceProvider(), logs);
    }

    private sealed class TestRegistry(ServiceProvider services, LogCollector logs) : IAsyncDisposable, IDisposable
    {
        public ICivilRegistry Registry { get; } = services.GetRequiredService<ICivilRegistry>();

        public IReadOnlyList<string> Logs => logs.Lines;

        public Task<RegistryResult> LookupAsync(string nationalCode, DateOnly birthDate) =>
            Registry.LookupAsync(nationalCode, birthDate, CancellationToken.None);

        public ValueTask DisposeAsync() => services.DisposeAsync();

        public void Dispose() => services.Dispose();
    }

    /// <summary>Every log line at every level, with its exception, as text.</summary>
    private sealed class LogCollector : ILoggerProvider
    {
        private readonly ConcurrentQueue<string> lines = new();

        public IReadOnlyList<string> Lines => [.. lines];

        public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

        public void Dispose()
        {
        }

        private sealed class Logger(LogCollector collector, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception,
                Func<TState, Exception?, string> formatter)
            {
                collector.lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)} {exception} {state}");
            }
        }
    }
}

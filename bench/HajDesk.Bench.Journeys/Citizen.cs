using System.Diagnostics;
using System.Globalization;
using System.Net;

namespace HajDesk.Bench.Journeys;

/// <summary>
/// One simulated user of the closed loop: a browser-like client with its own cookies and keep-alive connection,
/// no automatic redirects (the journey follows them itself and checks them), and the timings of its current journey.
/// </summary>
public sealed class Citizen : IDisposable
{
    private readonly HttpClient http;

    public Citizen(Uri baseAddress, int index, int seed)
    {
        Index = index;
        Random = new Random(seed + index);
        http = new HttpClient(new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = true,
            CookieContainer = new CookieContainer(),
            AutomaticDecompression = DecompressionMethods.All,
        })
        {
            BaseAddress = baseAddress,
            Timeout = TimeSpan.FromSeconds(30),
        };
        http.DefaultRequestHeaders.AcceptEncoding.ParseAdd("gzip, deflate, br");
        http.DefaultRequestHeaders.AcceptLanguage.ParseAdd("fa-IR,fa;q=0.9");
        http.DefaultRequestHeaders.UserAgent.ParseAdd("HajDesk.Bench.Journeys/1.0");
    }

    public int Index { get; }

    /// <summary>Seeded per user: two runs send the same sequence of people, provinces and subjects.</summary>
    public Random Random { get; }

    /// <summary>Journeys this user has completed; varies the texts.</summary>
    public int Completed { get; set; }

    /// <summary>Milliseconds of each request of the journey in progress, by step name.</summary>
    public List<(string Step, double Ms)> Steps { get; } = [];

    public Task<Response> GetAsync(string step, string url) =>
        SendAsync(step, new HttpRequestMessage(HttpMethod.Get, url));

    public Task<Response> PostAsync(string step, string url, HttpContent content) =>
        SendAsync(step, new HttpRequestMessage(HttpMethod.Post, url) { Content = content });

    private async Task<Response> SendAsync(string step, HttpRequestMessage request)
    {
        using (request)
        {
            var start = Stopwatch.GetTimestamp();
            using var response = await http.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            Steps.Add((step, Stopwatch.GetElapsedTime(start).TotalMilliseconds));
            return new Response(step, (int)response.StatusCode, response.Headers.Location?.OriginalString, body);
        }
    }

    public void Dispose() => http.Dispose();
}

/// <summary>A response read whole, with checks that fail the journey with a short reason.</summary>
public sealed record Response(string Step, int Status, string? Location, string Body)
{
    public Response Expect200(string mustContain)
    {
        if (Status != 200)
        {
            throw new JourneyException($"{Step}: HTTP {Status}{Why()}");
        }

        if (!Body.Contains(mustContain, StringComparison.Ordinal))
        {
            throw new JourneyException($"{Step}: page without {mustContain}");
        }

        return this;
    }

    /// <summary>A 302/303 after a post; the address it leads to.</summary>
    public string ExpectRedirect(string toPath)
    {
        if (Status is not (302 or 303) || Location is null)
        {
            throw new JourneyException($"{Step}: HTTP {Status} instead of a redirect{Why()}");
        }

        if (!Location.Contains(toPath, StringComparison.OrdinalIgnoreCase))
        {
            throw new JourneyException($"{Step}: redirected to {Location}, not {toPath}");
        }

        return Location;
    }

    private string Why() => Html.FirstSummaryError(Body) is { } error
        ? string.Create(CultureInfo.InvariantCulture, $" («{error}»)")
        : "";
}

/// <summary>A journey that did not reach its page: a wrong status, a missing redirect or missing content.</summary>
public sealed class JourneyException(string message) : Exception(message);

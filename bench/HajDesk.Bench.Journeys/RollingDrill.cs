using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;

namespace HajDesk.Bench.Journeys;

/// <summary>
/// The citizens of bench/rolling-restart-drill.sh: until <c>--stop-file</c> appears (or <c>--seconds</c> pass), each
/// makes whole journeys through nginx — the send form with one document, the receipt, then the follow-up of that
/// request with its national code and tracking code — while the nodes behind nginx are restarted one after the
/// other. Nothing is retried: a journey with any failed step (an error status, a cut connection, a page without its
/// content) counts as failed, with its first failing step. Every tracking code a receipt showed is written to
/// <c>--acknowledged FILE</c> for the script to look up in the database.
/// </summary>
public static class RollingDrill
{
    public static async Task<int> RunAsync(Arguments args)
    {
        var app = new Uri(args.Get("app"));
        var users = args.GetInt("users", 4);
        var seconds = args.GetInt("seconds", 600);
        var stopFile = args.Get("stop-file");
        var run = args.Get("run", DateTime.UtcNow.ToString("HHmmss", CultureInfo.InvariantCulture));
        var people = Person.ReadCsv(args.Get("people"));
        var securityCode = args.Get("code", "24680");
        var failures = new Dictionary<string, int>(StringComparer.Ordinal);
        var acknowledged = new List<string>();
        var gate = new Lock();
        var journeys = 0;
        var longest = 0.0;
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        var watcher = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested && !File.Exists(stopFile))
            {
                await Task.Delay(200);
            }

            await stop.CancelAsync();
        });

        await Task.WhenAll(Enumerable.Range(0, users).Select(async index =>
        {
            var attempt = 0;
            while (!stop.IsCancellationRequested)
            {
                using var citizen = new Citizen(app, index, 104729);
                var marker = string.Create(CultureInfo.InvariantCulture, $"rolling-{run}-{index}-{attempt++}");
                var document = CrashDrill.Document(marker);
                var person = people[citizen.Random.Next(people.Count)];
                var started = Stopwatch.GetTimestamp();
                string? failure = null;
                try
                {
                    var code = await CrashDrill.SendWithDocumentAsync(citizen, [person], securityCode, marker, document);
                    lock (gate)
                    {
                        acknowledged.Add(string.Join('\t', code, marker, Convert.ToHexString(SHA256.HashData(document))));
                    }

                    await FollowUpAsync(citizen, person.NationalCode, code, securityCode);
                }
                catch (JourneyException e)
                {
                    failure = e.Message.Length > 120 ? e.Message[..120] : e.Message;
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
                {
                    failure = "connection: " + e.GetType().Name + " " + (e.InnerException ?? e).Message;
                }

                var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                lock (gate)
                {
                    journeys++;
                    longest = Math.Max(longest, ms);
                    if (failure is not null)
                    {
                        failures[failure] = failures.GetValueOrDefault(failure) + 1;
                    }
                }
            }
        }));
        await watcher;

        await File.WriteAllLinesAsync(args.Get("acknowledged"), acknowledged);
        var failed = failures.Values.Sum();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"journeys {journeys}  completed {journeys - failed}  failed {failed}  acknowledged sends {acknowledged.Count}  longest journey {longest / 1000:F1} s"));
        foreach (var (failure, count) in failures.OrderByDescending(f => f.Value))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {count,6}  {failure}"));
        }

        return 0;
    }

    /// <summary>The follow-up form with the request's national code and tracking code, then the result page.</summary>
    private static async Task FollowUpAsync(Citizen citizen, string nationalCode, string trackingCode, string securityCode)
    {
        var page = (await citizen.GetAsync("GET track", "/requests/track")).Expect200("id=\"track-form\"");
        var form = Html.Form(page.Body, "track-form") ?? throw new JourneyException("GET track: no form #track-form");
        var fields = Html.HiddenInputs(form);
        fields.Add(KeyValuePair.Create("NationalCode", nationalCode));
        fields.Add(KeyValuePair.Create("TrackingCode", trackingCode));
        fields.Add(KeyValuePair.Create("CaptchaAnswer", securityCode));
        using var content = new FormUrlEncodedContent(fields);
        var posted = await citizen.PostAsync("POST track", Html.Action(form) ?? "/requests/track", content);
        var resultUrl = posted.ExpectRedirect("/requests/track/result");
        (await citizen.GetAsync("GET result", resultUrl)).Expect200("data-testid=\"status\"");
    }
}

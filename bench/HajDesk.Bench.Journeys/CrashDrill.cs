using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;

namespace HajDesk.Bench.Journeys;

/// <summary>
/// The citizens of bench/crash-drill.sh: for a fixed time, each sends requests with one document through the real
/// send form, never retrying a post (a citizen who saw an error has no receipt and nothing to claim), and writes
/// every tracking code a receipt showed — with the request's unique text marker and the document's SHA-256 — to
/// <c>--acknowledged FILE</c>, which the script then checks against the database. Errors while the app or the
/// database is down are counted by kind, not fatal.
/// </summary>
public static class CrashDrill
{
    public static async Task<int> RunAsync(Arguments args)
    {
        var app = new Uri(args.Get("app"));
        var users = args.GetInt("users", 4);
        var seconds = args.GetInt("seconds", 60);
        var run = args.Get("run", DateTime.UtcNow.ToString("HHmmss", CultureInfo.InvariantCulture));
        var people = Person.ReadCsv(args.Get("people"));
        var securityCode = args.Get("code", "24680");
        var outcomes = new Dictionary<string, int>(StringComparer.Ordinal);
        var acknowledged = new List<string>();
        var gate = new Lock();
        var persianUnavailable = 0;
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));

        await Task.WhenAll(Enumerable.Range(0, users).Select(async index =>
        {
            var attempt = 0;
            while (!stop.IsCancellationRequested)
            {
                using var citizen = new Citizen(app, index, 7919);
                var marker = string.Create(CultureInfo.InvariantCulture, $"drill-{run}-{index}-{attempt++}");
                var document = Document(marker);
                string outcome;
                try
                {
                    var code = await SendWithDocumentAsync(citizen, people, securityCode, marker, document);
                    lock (gate)
                    {
                        acknowledged.Add(string.Join('\t', code, marker, Convert.ToHexString(SHA256.HashData(document))));
                    }

                    outcome = "acknowledged";
                }
                catch (JourneyException e)
                {
                    outcome = e.Message.Split(':')[0] + ": " + Status(e.Message);
                    if (e.Message.Contains("HTTP 503", StringComparison.Ordinal) && e.Message.Contains("persian-503", StringComparison.Ordinal))
                    {
                        Interlocked.Increment(ref persianUnavailable);
                    }
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
                {
                    outcome = "connection: " + e.GetType().Name + " " + (e.InnerException ?? e).Message;
                    await Task.Delay(200);
                }

                lock (gate)
                {
                    outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
                }
            }
        }));

        await File.WriteAllLinesAsync(args.Get("acknowledged"), acknowledged);
        foreach (var (outcome, count) in outcomes.OrderByDescending(o => o.Value))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {count,6}  {outcome}"));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {persianUnavailable,6}  of the 503s were the Persian page"));
        return 0;
    }

    /// <summary>A small, valid PDF whose bytes differ per request, so the check can tell every document apart.</summary>
    internal static byte[] Document(string marker) => Encoding.ASCII.GetBytes(
        "%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n" +
        $"% {marker}\ntrailer << /Root 1 0 R >>\n%%EOF\n");

    /// <summary>The send journey of <see cref="Journeys.SendAsync"/> with a document attached and a marked text.</summary>
    internal static async Task<string> SendWithDocumentAsync(Citizen citizen, List<Person> people, string securityCode, string marker, byte[] document)
    {
        var page = await citizen.GetAsync("GET send", "/requests/send");
        if (page.Status == 503)
        {
            throw new JourneyException($"GET send: HTTP 503{(IsPersianUnavailable(page) ? " persian-503" : "")}");
        }

        page.Expect200("id=\"send-form\"");
        var form = Html.Form(page.Body, "send-form") ?? throw new JourneyException("GET send: no form #send-form");
        var options = SendChoices.Read(form);
        var person = people[citizen.Random.Next(people.Count)];
        using var content = new MultipartFormDataContent();
        foreach (var (name, value) in Html.HiddenInputs(form))
        {
            Add(content, name, value);
        }

        Add(content, "Input.BirthDay", person.BirthDay.ToString(CultureInfo.InvariantCulture));
        Add(content, "Input.BirthMonth", person.BirthMonth.ToString(CultureInfo.InvariantCulture));
        Add(content, "Input.BirthYear", person.BirthYear.ToString(CultureInfo.InvariantCulture));
        Add(content, "Input.NationalCode", person.NationalCode);
        Add(content, "Input.ProvinceId", options.Provinces[0]);
        Add(content, "Input.Email", "");
        Add(content, "Input.Mobile", "09121234567");
        Add(content, "Input.LandlineNumber", "");
        Add(content, "Input.LandlineAreaCode", "");
        Add(content, "Input.SubjectId", options.Subjects[0].Subject);
        Add(content, "Input.SubSubjectId", options.Subjects[0].SubSubject);
        // Required since the request type came to every intake (the form offers none chosen).
        Add(content, "Input.RequestType", "Request");
        Add(content, "Input.Text", "درخواست آزمایش خرابی " + marker);
        var file = new ByteArrayContent(document);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        file.Headers.ContentDisposition = new ContentDispositionHeaderValue("form-data") { Name = "\"Files\"", FileName = "\"madrak.pdf\"" };
        content.Add(file);
        Add(content, "CaptchaAnswer", securityCode);

        var posted = await citizen.PostAsync("POST send", Html.Action(form) ?? "/requests/send", content);
        if (posted.Status == 503)
        {
            throw new JourneyException($"POST send: HTTP 503{(IsPersianUnavailable(posted) ? " persian-503" : "")}");
        }

        var receiptUrl = posted.ExpectRedirect("/requests/send/receipt");
        var receipt = (await citizen.GetAsync("GET receipt", receiptUrl)).Expect200("data-testid=\"tracking-code\"");
        var code = string.Concat((Html.TestIdText(receipt.Body, "tracking-code") ?? "")
            .Select(c => c is >= '۰' and <= '۹' ? (char)('0' + (c - '۰')) : c).Where(char.IsAsciiDigit));
        return code.Length == 12 ? code : throw new JourneyException($"GET receipt: tracking code '{code}'");
    }

    private static bool IsPersianUnavailable(Response response) =>
        response.Body.Contains("سامانه موقتاً در دسترس نیست", StringComparison.Ordinal);

    private static string Status(string message) =>
        message.Contains("HTTP ", StringComparison.Ordinal) ? message[message.IndexOf("HTTP ", StringComparison.Ordinal)..].Split(' ', 3)[1] : "content";

    private static void Add(MultipartFormDataContent content, string name, string value)
    {
        var part = new StringContent(value);
        part.Headers.ContentType = null;
        content.Add(part, name);
    }
}

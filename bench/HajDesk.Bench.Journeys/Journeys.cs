using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Http.Headers;

namespace HajDesk.Bench.Journeys;

/// <summary>A person of the demo civil registry (<c>demo-people.csv</c>).</summary>
public sealed record Person(string NationalCode, int BirthYear, int BirthMonth, int BirthDay)
{
    public static List<Person> ReadCsv(string path) =>
        File.ReadLines(path).Skip(1).Where(l => l.Length > 0).Select(line =>
        {
            var fields = line.Split(',');
            var date = fields[1].Split('/').Select(p => int.Parse(p, CultureInfo.InvariantCulture)).ToArray();
            return new Person(fields[0], date[0], date[1], date[2]);
        }).ToList();
}

/// <summary>
/// The citizens' journeys as a browser makes them. A journey throws <see cref="JourneyException"/> when a page is
/// not what a citizen would get: a status other than the expected 200 or redirect, or a page without its content.
/// </summary>
public sealed class Journeys(IReadOnlyList<Person> people, string securityCode)
{
    private static readonly string[] Texts =
    [
        "برای ثبت‌نام عمره راهنمایی می‌خواهم.",
        "زمان اعزام کاروان ما چه روزی است؟",
        "مدارک لازم برای ثبت‌نام حج تمتع را بفرمایید.",
        "مبلغ واریزی من در سامانه دیده نمی‌شود؛ لطفاً بررسی کنید.",
    ];

    private readonly ConcurrentQueue<(string NationalCode, string TrackingCode)> sent = new();
    private SendChoices? choices;

    /// <summary>Requests created by the send journeys: what the follow-up journeys look up.</summary>
    public IReadOnlyCollection<(string NationalCode, string TrackingCode)> Sent => sent;

    /// <summary>The home page.</summary>
    public static async Task HomeAsync(Citizen citizen) =>
        (await citizen.GetAsync("GET /", "/")).Expect200("href=\"/requests/send\"");

    /// <summary>The bare Kestrel page.</summary>
    public static async Task BareAsync(Citizen citizen) =>
        (await citizen.GetAsync("GET bare", "/")).Expect200(BarePage.Marker);

    /// <summary>
    /// GET the form → POST it (multipart, as the browser sends it: hidden fields with the antiforgery token, a demo
    /// person, province, subject, text, the test security code, an empty file input) → follow the redirect → GET the
    /// receipt, which must show a twelve-digit tracking code. The form says the citizen chose to send despite an
    /// open request (<c>Input.NewDespiteOpenRequest</c>), so the open-request check (issue 24) is skipped: the journey
    /// as it was before that check, the denominator of <see cref="SendCheckedAsync"/>.
    /// </summary>
    public Task SendAsync(Citizen citizen) => SendJourneyAsync(citizen, checkOpenRequests: false);

    /// <summary>
    /// The same send journey with the open-request check asked (as a citizen's first post asks it). The benchmark
    /// closes every request as it is stored, so the check finds nothing and the journey ends at the receipt as
    /// before; being told of an open request fails the journey.
    /// </summary>
    public Task SendCheckedAsync(Citizen citizen) => SendJourneyAsync(citizen, checkOpenRequests: true);

    private async Task SendJourneyAsync(Citizen citizen, bool checkOpenRequests)
    {
        var page = (await citizen.GetAsync("GET send", "/requests/send")).Expect200("id=\"send-form\"");
        var form = Html.Form(page.Body, "send-form") ?? throw new JourneyException("GET send: no form #send-form");
        var options = choices ??= SendChoices.Read(form);
        var random = citizen.Random;
        var person = people[random.Next(people.Count)];
        var province = options.Provinces[random.Next(options.Provinces.Count)];
        var (subject, subSubject) = options.Subjects[random.Next(options.Subjects.Count)];

        using var content = new MultipartFormDataContent();
        foreach (var (name, value) in Html.HiddenInputs(form))
        {
            AddField(content, name, value);
        }

        AddField(content, "Input.BirthDay", person.BirthDay.ToString(CultureInfo.InvariantCulture));
        AddField(content, "Input.BirthMonth", person.BirthMonth.ToString(CultureInfo.InvariantCulture));
        AddField(content, "Input.BirthYear", person.BirthYear.ToString(CultureInfo.InvariantCulture));
        AddField(content, "Input.NationalCode", person.NationalCode);
        AddField(content, "Input.ProvinceId", province);
        AddField(content, "Input.Email", "");
        AddField(content, "Input.Mobile", string.Create(CultureInfo.InvariantCulture, $"0912{random.Next(10_000_000):D7}"));
        AddField(content, "Input.LandlineNumber", "");
        AddField(content, "Input.LandlineAreaCode", "");
        AddField(content, "Input.SubjectId", subject);
        AddField(content, "Input.RequestType", "Request");
        AddField(content, "Input.SubSubjectId", subSubject);
        AddField(content, "Input.Text", string.Create(CultureInfo.InvariantCulture,
            $"{Texts[citizen.Completed % Texts.Length]} (کاربر {citizen.Index}، بار {citizen.Completed})"));
        // A file input with nothing chosen still sends an empty part, as browsers do.
        var noFile = new ByteArrayContent([]);
        noFile.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        noFile.Headers.ContentDisposition = new ContentDispositionHeaderValue("form-data") { Name = "\"Files\"", FileName = "\"\"" };
        content.Add(noFile);
        AddField(content, "CaptchaAnswer", securityCode);
        if (!checkOpenRequests)
        {
            AddField(content, "Input.NewDespiteOpenRequest", "true");
        }

        var posted = await citizen.PostAsync("POST send", Html.Action(form) ?? "/requests/send", content);
        if (posted.Status == 200 && posted.Body.Contains("id=\"open-request-form\"", StringComparison.Ordinal))
        {
            throw new JourneyException("POST send: told of an open request (the benchmark's requests should all be closed)");
        }

        var receiptUrl = posted.ExpectRedirect("/requests/send/receipt");
        var receipt = (await citizen.GetAsync("GET receipt", receiptUrl)).Expect200("data-testid=\"tracking-code\"");
        var code = AsciiDigits(Html.TestIdText(receipt.Body, "tracking-code") ?? "");
        if (code.Length != 12)
        {
            throw new JourneyException($"GET receipt: tracking code '{code}' is not twelve digits");
        }

        sent.Enqueue((person.NationalCode, code));
    }

    /// <summary>
    /// GET the follow-up form → POST national code, tracking code (of a request sent earlier) and the test security
    /// code → follow the redirect → GET the result, which must show the request's status.
    /// </summary>
    public async Task FollowUpAsync(Citizen citizen, IReadOnlyList<(string NationalCode, string TrackingCode)> requests)
    {
        var page = (await citizen.GetAsync("GET track", "/requests/track")).Expect200("id=\"track-form\"");
        var form = Html.Form(page.Body, "track-form") ?? throw new JourneyException("GET track: no form #track-form");
        var (nationalCode, trackingCode) = requests[citizen.Random.Next(requests.Count)];
        var fields = Html.HiddenInputs(form);
        fields.Add(KeyValuePair.Create("NationalCode", nationalCode));
        fields.Add(KeyValuePair.Create("TrackingCode", trackingCode));
        fields.Add(KeyValuePair.Create("CaptchaAnswer", securityCode));
        using var content = new FormUrlEncodedContent(fields);
        var posted = await citizen.PostAsync("POST track", Html.Action(form) ?? "/requests/track", content);
        var resultUrl = posted.ExpectRedirect("/requests/track/result");
        (await citizen.GetAsync("GET result", resultUrl)).Expect200("data-testid=\"status\"");
    }

    private static void AddField(MultipartFormDataContent content, string name, string value)
    {
        // Browsers send text parts without a Content-Type of their own.
        var part = new StringContent(value);
        part.Headers.ContentType = null;
        content.Add(part, name);
    }

    private static string AsciiDigits(string text) => string.Concat(text
        .Select(c => c switch
        {
            >= '۰' and <= '۹' => (char)('0' + (c - '۰')),
            >= '٠' and <= '٩' => (char)('0' + (c - '٠')),
            _ => c,
        })
        .Where(char.IsAsciiDigit));
}

/// <summary>
/// What the send form offers: provinces, and subject choices that need no document (a main subject without
/// sub-subjects, or a sub-subject with its parent), read once from the first form.
/// </summary>
public sealed record SendChoices(List<string> Provinces, List<(string Subject, string SubSubject)> Subjects)
{
    public static SendChoices Read(string form)
    {
        var provinces = Html.Options(form, "Input.ProvinceId").Select(o => o.Value).ToList();
        var mains = Html.Options(form, "Input.SubjectId").Where(o => o["data-attachment-required"] != "true").ToList();
        var subjects = mains.Where(o => o["data-has-children"] != "true").Select(o => (o.Value, "")).ToList();
        var mainIds = mains.Select(o => o.Value).ToHashSet();
        subjects.AddRange(Html.Options(form, "Input.SubSubjectId")
            .Where(o => o["data-attachment-required"] != "true" && o["data-parent"] is { } parent && mainIds.Contains(parent))
            .Select(o => (o["data-parent"]!, o.Value)));
        if (provinces.Count == 0 || subjects.Count == 0)
        {
            throw new JourneyException($"GET send: the form offers {provinces.Count} provinces and {subjects.Count} subjects without documents");
        }

        return new SendChoices(provinces, subjects);
    }
}

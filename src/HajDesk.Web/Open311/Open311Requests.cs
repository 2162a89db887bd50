using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using HajDesk.Core.ApiKeys;
using HajDesk.Core.Persian;
using HajDesk.Core.Requests;
using HajDesk.Core.Requests.Submission;
using HajDesk.Web.Infrastructure;

namespace HajDesk.Web.Open311;

/// <summary>
/// <c>POST requests</c>: a new request through <see cref="SubmissionService"/> — the same field rules, registry
/// confirmation, per-national-code lookup limit, idempotency and outbox messages as the web form, without the
/// security code (the API key stands for it) and recorded as the <see cref="RequestChannel.Api"/> channel.
/// </summary>
public sealed class Open311Requests(SubmissionService submission, Throttle throttle, Open311Api api)
{
    public const int MaxIdempotencyKeyLength = 200;

    /// <summary>The attributes of a service definition and the input property each fills.</summary>
    private static readonly Dictionary<string, Action<SubmissionInput, string>> Attributes = new(StringComparer.Ordinal)
    {
        ["national_code"] = (i, v) => i.NationalCode = v,
        ["birth_date"] = (i, v) => SetBirthDate(i, v),
        ["province"] = (i, v) => i.ProvinceId = v,
        ["mobile"] = (i, v) => i.Mobile = v,
        ["email"] = (i, v) => i.Email = v,
        ["landline_area_code"] = (i, v) => i.LandlineAreaCode = v,
        ["landline_number"] = (i, v) => i.LandlineNumber = v,
        ["request_type"] = (i, v) => i.RequestType = v,
    };

    /// <summary>The API's name of each input property, to say which parameter an error is about.</summary>
    private static readonly Dictionary<string, string> ParameterNames = new(StringComparer.Ordinal)
    {
        [nameof(SubmissionInput.NationalCode)] = "attribute[national_code]",
        [nameof(SubmissionInput.BirthDay)] = "attribute[birth_date]",
        [nameof(SubmissionInput.BirthMonth)] = "attribute[birth_date]",
        [nameof(SubmissionInput.BirthYear)] = "attribute[birth_date]",
        [nameof(SubmissionInput.ProvinceId)] = "attribute[province]",
        [nameof(SubmissionInput.Mobile)] = "attribute[mobile]",
        [nameof(SubmissionInput.Email)] = "attribute[email]",
        [nameof(SubmissionInput.LandlineAreaCode)] = "attribute[landline_area_code]",
        [nameof(SubmissionInput.LandlineNumber)] = "attribute[landline_number]",
        [nameof(SubmissionInput.RequestType)] = "attribute[request_type]",
        [nameof(SubmissionInput.SubjectId)] = "service_code",
        [nameof(SubmissionInput.SubSubjectId)] = "service_code",
        [nameof(SubmissionInput.Text)] = "description",
        [SubmissionFields.Files] = "service_code",
    };

    public async Task<IResult> CreateAsync(HttpContext http, Open311Format format, IFormCollection form, ApiKey key)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(key);
        var cancellationToken = http.RequestAborted;
        var problems = new List<string>();
        // attribute[request_type] is optional for GeoReport clients, which do not know it: a request unless said otherwise.
        var input = new SubmissionInput
        {
            Text = form["description"],
            Email = form["email"],
            Mobile = form["phone"],
            RequestType = nameof(RequestType.Request),
        };
        foreach (var name in form.Keys.Where(k => k.StartsWith("attribute[", StringComparison.Ordinal)))
        {
            var code = name.EndsWith(']') ? name["attribute[".Length..^1] : string.Empty;
            if (Attributes.TryGetValue(code, out var set))
            {
                set(input, form[name].ToString());
            }
            else if (code.StartsWith(Open311Catalog.FieldPrefix, StringComparison.Ordinal)
                && int.TryParse(code[Open311Catalog.FieldPrefix.Length..], NumberStyles.None, CultureInfo.InvariantCulture, out var fieldId)
                && input.Fields.Count < MaxFieldAttributes)
            {
                // The service's extra fields: checked by the submission's FieldRules like the forms' (a field the
                // service does not ask is refused below, once the service is known).
                input.Fields[fieldId.ToString(CultureInfo.InvariantCulture)] = form[name].ToString();
            }
            else
            {
                problems.Add(Open311Errors.UnknownAttribute(name));
            }
        }

        var choices = await submission.ChoicesAsync(cancellationToken);
        var serviceCode = form["service_code"].ToString();
        if (string.IsNullOrWhiteSpace(serviceCode))
        {
            problems.Add(Open311Errors.ServiceCodeRequired);
        }
        else if (Open311Catalog.Find(choices, serviceCode) is { } service)
        {
            input.SubjectId = service.Subject.Id.ToString(CultureInfo.InvariantCulture);
            input.SubSubjectId = service.SubSubject?.Id.ToString(CultureInfo.InvariantCulture);
        }
        else
        {
            problems.Add(Open311Errors.UnknownServiceCode(serviceCode));
        }

        if (input.Fields.Count > 0 && input.SubjectId is not null)
        {
            var asked = await submission.FieldsAsync(input, cancellationToken);
            foreach (var code in input.Fields.Keys.ToList())
            {
                if (asked.FirstOrDefault(f => f.Code == code) is not { } field)
                {
                    problems.Add(Open311Errors.UnknownAttribute($"attribute[{Open311Catalog.FieldPrefix}{code}]"));
                }
                else if (field.Kind == Core.Fields.FieldKind.Date && IsoDateToJalali(input.Fields[code]) is { } jalali)
                {
                    input.Fields[code] = jalali;
                }
            }
        }

        if (input.BirthDay == "?")
        {
            problems.Add(Open311Errors.BirthDateFormat);
            input.BirthDay = null;
        }

        if (!TrySubmissionKey(http.Request.Headers["Idempotency-Key"], key, out var submissionKey))
        {
            problems.Add(Open311Errors.IdempotencyKeyInvalid);
        }

        if (problems.Count > 0)
        {
            return Open311Errors.Result(format, StatusCodes.Status400BadRequest, problems);
        }

        var origin = new SubmissionOrigin(RequestChannel.Api, ApiKeyId: key.Id);
        var result = await submission.SubmitAsync(new SubmissionCommand(submissionKey, input)
        {
            MayAskRegistry = (nationalCode, _, ct) => throttle.TryAcquireAsync(SharedLimit.RegistryByNationalCode, nationalCode, ct),
            Origin = origin,
        }, cancellationToken);
        api.AuditRequestId = result.RequestId;
        return result.Outcome switch
        {
            SubmissionOutcome.Created or SubmissionOutcome.AlreadySubmitted => Open311Writer.Result(format, "service_requests",
                new Open311List("request",
                [
                    new Open311Object()
                        .Set("service_request_id", result.TrackingCode)
                        .Set("service_notice", result.Outcome == SubmissionOutcome.Created
                            ? "درخواست ثبت شد؛ کد پیگیری با پیامک برای متقاضی فرستاده می‌شود."
                            : "این درخواست پیش‌تر با همین Idempotency-Key ثبت شده بود؛ همان درخواست برگردانده شد.")
                        .Set("account_id", null),
                ])),
            SubmissionOutcome.Throttled => Open311Errors.TooMany(http, format, Open311Errors.RegistryThrottled, TimeSpan.FromHours(1)),
            SubmissionOutcome.RegistryUnavailable => Open311Errors.Result(format, StatusCodes.Status503ServiceUnavailable, Open311Errors.RegistryUnavailable),
            _ => Open311Errors.Result(format, StatusCodes.Status400BadRequest, result.Errors.Select(Describe)),
        };
    }

    private static string Describe(KeyValuePair<string, string> error) =>
        $"{(error.Key == SubmissionFields.Files ? Open311Errors.AttachmentRequired : error.Value)} ({ParameterName(error.Key)})";

    /// <summary>The most extra-field attributes one POST may carry (more are ignored, and a required one then missing is refused).</summary>
    private const int MaxFieldAttributes = 100;

    private static string ParameterName(string key) =>
        key.StartsWith("Fields[", StringComparison.Ordinal) && key.EndsWith(']')
            ? $"attribute[{Open311Catalog.FieldPrefix}{key["Fields[".Length..^1]}]"
            : ParameterNames.GetValueOrDefault(key, key);

    /// <summary>
    /// A Gregorian ISO 8601 date (<c>2025-06-05</c>, a time after it allowed), as GeoReport's <c>datetime</c> suggests,
    /// as the Jalali date the field rules read; null when the value is not one (a Jalali date is passed on as it is).
    /// </summary>
    private static string? IsoDateToJalali(string? value)
    {
        var text = PersianText.NormalizeNumeric(value);
        if (text.Length < 10 || !int.TryParse(text.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var year) || year < 1700
            || !DateOnly.TryParseExact(text[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return null;
        }

        var (y, m, d) = JalaliDate.ToJalali(date);
        return string.Create(CultureInfo.InvariantCulture, $"{y:D4}/{m:D2}/{d:D2}");
    }

    /// <summary>
    /// <c>1365/04/12</c> (Persian digits too) into the form's three parts; any other shape is marked with <c>?</c>
    /// for <see cref="CreateAsync"/> to refuse with the API's own message.
    /// </summary>
    private static void SetBirthDate(SubmissionInput input, string value)
    {
        var parts = PersianText.NormalizeNumeric(value).Split('/', '-');
        if (parts is [var year, var month, var day] && parts.All(p => p.Length is > 0 and <= 4 && p.All(char.IsAsciiDigit)))
        {
            (input.BirthYear, input.BirthMonth, input.BirthDay) = (year, month, day);
        }
        else if (!string.IsNullOrWhiteSpace(value))
        {
            input.BirthDay = "?";
        }
    }

    /// <summary>
    /// The submission key: from the client's <c>Idempotency-Key</c> header (scoped to the API key, so two clients
    /// never share one), else a fresh one. A retried POST with the same header finds the first request.
    /// </summary>
    private static bool TrySubmissionKey(string? header, ApiKey key, out Guid submissionKey)
    {
        if (string.IsNullOrEmpty(header))
        {
            submissionKey = Guid.NewGuid();
            return true;
        }

        submissionKey = Guid.Empty;
        if (header.Length > MaxIdempotencyKeyLength || !header.All(c => c is >= ' ' and <= '~'))
        {
            return false;
        }

        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"open311:{key.Id}:{header}"));
        submissionKey = new Guid(hash.AsSpan(0, 16));
        return true;
    }
}

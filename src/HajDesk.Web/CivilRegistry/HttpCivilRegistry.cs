using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using HajDesk.Core.CivilRegistry;
using HajDesk.Core.Requests;
using HajDesk.Web.Infrastructure;
using Polly;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace HajDesk.Web.CivilRegistry;

/// <summary>
/// The client of the real civil registry service (contract in docs/civil-registry.md). Timeouts, retries and the
/// circuit breaker live in the HttpClient's resilience handler (see <see cref="CivilRegistryServiceCollectionExtensions"/>);
/// this class turns every failure into <see cref="RegistryResult.Unavailable"/> and never logs who was looked up.
/// </summary>
internal sealed class HttpCivilRegistry(HttpClient http, ILogger<HttpCivilRegistry> logger) : ICivilRegistry
{
    public const string InquiryPath = "v1/person-inquiry";

    public const string ApiKeyHeader = "X-Api-Key";

    /// <summary>Larger answers are refused: the real one is a few hundred bytes.</summary>
    public const int MaxResponseBytes = 64 * 1024;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<RegistryResult> LookupAsync(string nationalCode, DateOnly birthDate, CancellationToken cancellationToken)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, InquiryPath)
            {
                Content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(new InquiryRequest(nationalCode, birthDate), Json))
                {
                    Headers = { ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" } },
                },
            };
            using var response = await http.SendAsync(request, cancellationToken);

            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                return RegistryResult.NotFound;
            }

            if (response.StatusCode != HttpStatusCode.OK)
            {
                return Unavailable(nationalCode, $"HTTP {(int)response.StatusCode}",
                    response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden);
            }

            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            var answer = JsonSerializer.Deserialize<InquiryResponse>(body, Json);
            return answer?.Found switch
            {
                null => Unavailable(nationalCode, "the answer has no 'found' field"),
                false => RegistryResult.NotFound,
                true => ToPerson(answer, nationalCode, birthDate) is { } person
                    ? RegistryResult.Found(person)
                    : Unavailable(nationalCode, "the answer's names or gender are invalid"),
            };
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e) when (e is HttpRequestException or IOException or OperationCanceledException
                                      or ExecutionRejectedException or JsonException or NotSupportedException)
        {
            return Unavailable(nationalCode, Describe(e));
        }
    }

    private static RegistryPerson? ToPerson(InquiryResponse answer, string nationalCode, DateOnly birthDate)
    {
        var firstName = RegistryText.NormalizeName(answer.FirstName ?? string.Empty);
        var lastName = RegistryText.NormalizeName(answer.LastName ?? string.Empty);
        Gender? gender = answer.Gender switch
        {
            "M" => Gender.Male,
            "F" => Gender.Female,
            _ => null,
        };

        return RegistryText.IsValidName(firstName) && RegistryText.IsValidName(lastName) && gender is { } g
            ? new RegistryPerson(nationalCode, birthDate, firstName, lastName, g)
            : null;
    }

    private RegistryResult Unavailable(string nationalCode, string reason, bool credentials = false)
    {
        if (credentials)
        {
            logger.LogError("Civil registry refused lookup {LookupRef} ({Reason}); check CivilRegistry:ApiKey",
                LookupRef(nationalCode), reason);
        }
        else
        {
            logger.LogWarning("Civil registry unavailable for lookup {LookupRef}: {Reason}", LookupRef(nationalCode), reason);
        }

        return RegistryResult.Unavailable;
    }

    /// <summary>Why a call failed, in words that hold nothing of the request.</summary>
    private static string Describe(Exception e) => e switch
    {
        BrokenCircuitException => "circuit open",
        TimeoutRejectedException or OperationCanceledException => "timed out",
        HttpRequestException { StatusCode: { } status } => $"HTTP {(int)status}",
        HttpRequestException http => $"network error ({http.HttpRequestError})",
        IOException => "network error",
        JsonException or NotSupportedException => "malformed answer",
        _ => e.GetType().Name,
    };

    /// <summary>
    /// Tells log lines of the same lookup apart within this process's life (6 hex digits of an HMAC with a random
    /// key) without recording the national code or anything from which it could be recovered.
    /// </summary>
    private static string LookupRef(string nationalCode) =>
        LogReference.Of("national-code", nationalCode);

    private sealed record InquiryRequest(string NationalCode, DateOnly BirthDate);

    private sealed record InquiryResponse(bool? Found, string? FirstName, string? LastName, string? Gender);
}

using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization;
using HajDesk.Core.Notifications;
using Microsoft.Extensions.Options;

namespace HajDesk.Web.Notifications;

/// <summary>
/// The SMS gateway client (Kavenegar's REST contract, see docs/notifications.md): one form-encoded POST to
/// <c>{BaseUrl}/v1/{ApiKey}/sms/send.json</c> per message, with the outbox's idempotency key as <c>localid</c> so the
/// gateway drops a message it has already accepted. There are no retries here: a failure goes back to the outbox,
/// which tries again later. The API key is part of the path, so this client's HttpClient logging is turned off and
/// nothing here logs an address.
/// </summary>
internal sealed class KavenegarSmsSender(HttpClient http, IOptions<SmsOptions> options) : INotificationSender
{
    /// <summary>Larger answers are refused: the real one is a few hundred bytes.</summary>
    public const int MaxResponseBytes = 64 * 1024;

    public async Task<SendResult> SendAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var path = $"v1/{Uri.EscapeDataString(settings.ApiKey!)}/sms/send.json";
        using var content = new FormUrlEncodedContent(
        [
            new("receptor", message.Recipient),
            new("message", message.Body),
            new("sender", settings.Sender!),
            new("localid", LocalId(message.IdempotencyKey)),
        ]);

        HttpResponseMessage response;
        try
        {
            response = await http.PostAsync(path, content, cancellationToken);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return SendResult.Failure($"SMS gateway timed out after {settings.TimeoutSeconds.ToString(CultureInfo.InvariantCulture)} s");
        }
        catch (HttpRequestException e)
        {
            return SendResult.Failure($"SMS gateway unreachable ({e.HttpRequestError})");
        }

        using (response)
        {
            var status = (int)response.StatusCode;
            if (status >= 500)
            {
                return SendResult.Failure($"SMS gateway answered HTTP {status}");
            }

            GatewayResponse? answer;
            try
            {
                var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
                answer = JsonSerializer.Deserialize<GatewayResponse>(body);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return SendResult.Failure($"SMS gateway timed out after {settings.TimeoutSeconds.ToString(CultureInfo.InvariantCulture)} s");
            }
            catch (Exception e) when (e is JsonException or HttpRequestException or IOException or NotSupportedException)
            {
                return SendResult.Failure($"SMS gateway answered HTTP {status} with a malformed body");
            }

            if (answer?.Return is not { } result)
            {
                return SendResult.Failure($"SMS gateway answered HTTP {status} without a 'return' status");
            }

            if (result.Status != 200 || response.StatusCode != HttpStatusCode.OK)
            {
                // The gateway's message explains the status (credit, key, line...); it is kept short and scrubbed.
                var explanation = string.IsNullOrWhiteSpace(result.Message) ? string.Empty : ": " + result.Message.Trim();
                return SendResult.Failure($"SMS gateway refused the message, status {result.Status}{explanation}");
            }

            var id = answer.Entries?.FirstOrDefault()?.MessageId;
            return SendResult.Success(id?.ToString(CultureInfo.InvariantCulture));
        }
    }

    /// <summary>The <c>localid</c> sent for an idempotency key: its 32 hexadecimal digits.</summary>
    public static string LocalId(Guid idempotencyKey) => idempotencyKey.ToString("N");

    private sealed record GatewayResponse(
        [property: JsonPropertyName("return")] GatewayReturn? Return,
        [property: JsonPropertyName("entries")] List<GatewayEntry>? Entries);

    private sealed record GatewayReturn(
        [property: JsonPropertyName("status")] int Status,
        [property: JsonPropertyName("message")] string? Message);

    private sealed record GatewayEntry([property: JsonPropertyName("messageid")] long? MessageId);
}

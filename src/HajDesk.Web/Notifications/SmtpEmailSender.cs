using System.Globalization;
using System.Net.Sockets;
using HajDesk.Core.Notifications;
using HajDesk.Web.Infrastructure;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace HajDesk.Web.Notifications;

/// <summary>
/// Sends e-mail through an SMTP server with MailKit: one connection per message, the whole exchange bounded by
/// <c>Notifications:Email:TimeoutSeconds</c>. The <c>Message-Id</c> is derived from the outbox's idempotency key, so a
/// message sent twice (at-least-once) carries the same id and mail systems can tell the copies apart.
/// </summary>
internal sealed class SmtpEmailSender(IOptions<EmailOptions> options, IOptions<OrganizationOptions> organization) : INotificationSender
{
    public async Task<SendResult> SendAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!MailboxAddress.TryParse(message.Recipient, out var to) || string.IsNullOrEmpty(to.Domain))
        {
            return SendResult.Failure("the recipient is not a valid e-mail address");
        }

        using var mime = Build(message, to, settings);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(settings.Timeout);
        using var client = new SmtpClient { Timeout = (int)Math.Ceiling(settings.Timeout.TotalMilliseconds) };
        var stage = "connect";
        try
        {
            await client.ConnectAsync(settings.Host!, settings.Port, SocketOptions(settings.UseStartTls), timeout.Token);
            if (!string.IsNullOrEmpty(settings.UserName))
            {
                stage = "authenticate";
                await client.AuthenticateAsync(settings.UserName, settings.Password ?? string.Empty, timeout.Token);
            }

            stage = "send";
            await client.SendAsync(mime, timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return TimedOut(settings, stage);
        }
        catch (TimeoutException)
        {
            return TimedOut(settings, stage);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return SendResult.Failure(Describe(e, stage));
        }

        try
        {
            await client.DisconnectAsync(quit: true, timeout.Token);
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or TimeoutException
                                      or ProtocolException or ServiceNotConnectedException)
        {
            // The server already accepted the message; a failed QUIT changes nothing.
        }

        return SendResult.Success(Truncate("<" + mime.MessageId + ">", 100));
    }

    private MimeMessage Build(OutboxMessage message, MailboxAddress to, EmailOptions settings)
    {
        var from = MailboxAddress.Parse(settings.FromAddress!);
        from.Name = string.IsNullOrWhiteSpace(settings.FromName) ? organization.Value.Name : settings.FromName;
        var mime = new MimeMessage
        {
            Subject = message.Subject ?? string.Empty,
            MessageId = MessageId(message.IdempotencyKey, from.Domain),
            Date = DateTimeOffset.UtcNow,
        };
        mime.From.Add(from);
        mime.To.Add(to);
        mime.Headers.Add("Auto-Submitted", "auto-generated");
        mime.Headers.Add("Content-Language", "fa");
        var body = new BodyBuilder { TextBody = message.Body, HtmlBody = message.HtmlBody };
        mime.Body = body.ToMessageBody();
        return mime;
    }

    /// <summary>The <c>Message-Id</c> (without angle brackets) of a message: its idempotency key at the sender's domain.</summary>
    public static string MessageId(Guid idempotencyKey, string domain) =>
        $"{idempotencyKey:N}@{(string.IsNullOrEmpty(domain) ? "hajdesk.localhost" : domain)}";

    private static SecureSocketOptions SocketOptions(string mode) => mode switch
    {
        "None" => SecureSocketOptions.None,
        "SslOnConnect" => SecureSocketOptions.SslOnConnect,
        _ => SecureSocketOptions.StartTls,
    };

    private static SendResult TimedOut(EmailOptions settings, string stage) =>
        SendResult.Failure($"SMTP timed out after {settings.TimeoutSeconds.ToString(CultureInfo.InvariantCulture)} s ({stage})");

    /// <summary>Why sending failed, in words that hold no address: server replies are reduced to their codes.</summary>
    private static string Describe(Exception e, string stage) => e switch
    {
        SocketException s => $"SMTP connection failed ({s.SocketErrorCode})",
        SmtpCommandException c => $"SMTP server refused at {stage}: {(int)c.StatusCode} {c.ErrorCode}",
        AuthenticationException => "SMTP authentication failed; check Notifications:Email:UserName and Password",
        SslHandshakeException => "SMTP TLS handshake failed",
        NotSupportedException when stage == "connect" => "SMTP server does not support STARTTLS; check Notifications:Email:UseStartTls",
        SmtpProtocolException => $"SMTP protocol error at {stage}",
        IOException => $"SMTP connection lost at {stage}",
        _ => $"SMTP {e.GetType().Name} at {stage}",
    };

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length];
}

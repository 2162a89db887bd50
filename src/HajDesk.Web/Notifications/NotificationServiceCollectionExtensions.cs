using HajDesk.Core.Notifications;
using HajDesk.Web.Notifications;
using Microsoft.Extensions.Options;

// In the DI namespace, like the framework's own Add* methods, so Program.cs needs no using for it.
namespace Microsoft.Extensions.DependencyInjection;

public static class NotificationServiceCollectionExtensions
{
    /// <summary>
    /// Registers notifications: <see cref="RequestNotifications"/> and <see cref="OutboxAdmin"/> (scoped), the
    /// template store, the senders chosen by <c>Notifications:Sms:Mode</c> and <c>Notifications:Email:Mode</c>, the
    /// start-up template seeding and the hosted <see cref="OutboxDispatcher"/> (idle when
    /// <c>Notifications:DispatcherEnabled</c> is false). Settings are validated at start-up.
    /// </summary>
    public static IServiceCollection AddNotifications(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<NotificationOptions>().Bind(configuration.GetSection(NotificationOptions.Section))
            .ValidateDataAnnotations()
            .Validate<IOptions<SmsOptions>, IOptions<EmailOptions>>(
                (n, sms, email) => n.LeaseSeconds >= 2 * Math.Max(sms.Value.TimeoutSeconds, email.Value.TimeoutSeconds) + 1,
                "Notifications:LeaseSeconds must be more than twice the longer of Notifications:Sms:TimeoutSeconds and " +
                "Notifications:Email:TimeoutSeconds.")
            .ValidateOnStart();
        services.AddOptions<SmsOptions>().Bind(configuration.GetSection(SmsOptions.Section))
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<EmailOptions>().Bind(configuration.GetSection(EmailOptions.Section))
            .ValidateDataAnnotations().ValidateOnStart();

        services.AddScoped<RequestNotifications>();
        services.AddScoped<StaffEmails>();
        services.AddScoped<OutboxAdmin>();
        services.AddSingleton<MessageTemplateStore>();
        services.AddSingleton<OutboxSignal>();
        services.AddSingleton<OutboxDispatcher>();
        services.AddHostedService<NotificationStartup>();
        services.AddHostedService(sp => sp.GetRequiredService<OutboxDispatcher>());
        services.AddScoped<RecordingSender>();

        // Read eagerly: the modes decide what is registered.
        var smsMode = configuration[SmsOptions.Section + ":Mode"] ?? SmsOptions.RecordingMode;
        switch (smsMode)
        {
            case SmsOptions.RecordingMode:
                services.AddKeyedScoped<INotificationSender>(NotificationChannel.Sms, (sp, _) => sp.GetRequiredService<RecordingSender>());
                break;
            case SmsOptions.HttpMode:
                services.AddHttpClient<KavenegarSmsSender>((sp, client) =>
                    {
                        var options = sp.GetRequiredService<IOptions<SmsOptions>>().Value;
                        client.BaseAddress = new Uri(options.BaseUrl!.TrimEnd('/') + "/");
                        client.Timeout = options.Timeout;
                        client.MaxResponseContentBufferSize = KavenegarSmsSender.MaxResponseBytes;
                    })
                    // The API key is part of every request's path: no HttpClient log line may show it.
                    .RemoveAllLoggers();
                services.AddKeyedTransient<INotificationSender>(NotificationChannel.Sms, (sp, _) => sp.GetRequiredService<KavenegarSmsSender>());
                break;
            default:
                throw new OptionsValidationException(SmsOptions.Section, typeof(SmsOptions),
                    [$"Notifications:Sms:Mode is '{smsMode}'; it must be 'Recording' or 'Http'."]);
        }

        var emailMode = configuration[EmailOptions.Section + ":Mode"] ?? EmailOptions.RecordingMode;
        switch (emailMode)
        {
            case EmailOptions.RecordingMode:
                services.AddKeyedScoped<INotificationSender>(NotificationChannel.Email, (sp, _) => sp.GetRequiredService<RecordingSender>());
                break;
            case EmailOptions.SmtpMode:
                services.AddKeyedTransient<INotificationSender, SmtpEmailSender>(NotificationChannel.Email);
                break;
            default:
                throw new OptionsValidationException(EmailOptions.Section, typeof(EmailOptions),
                    [$"Notifications:Email:Mode is '{emailMode}'; it must be 'Recording' or 'Smtp'."]);
        }

        return services;
    }
}

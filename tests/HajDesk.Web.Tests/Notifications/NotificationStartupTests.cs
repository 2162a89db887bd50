using HajDesk.Core.Notifications;
using HajDesk.Web.Notifications;
using HajDesk.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace HajDesk.Web.Tests.Notifications;

/// <summary>Registration and the start-up checks of the notification settings.</summary>
public class NotificationStartupTests
{
    [Fact]
    public async Task Start_DefaultSettings_RecordsBothChannels()
    {
        await using var app = await HajDeskFactory.CreateAsync();

        await using var scope = app.Services.CreateAsyncScope();

        Assert.IsType<RecordingSender>(scope.ServiceProvider.GetRequiredKeyedService<INotificationSender>(NotificationChannel.Sms));
        Assert.IsType<RecordingSender>(scope.ServiceProvider.GetRequiredKeyedService<INotificationSender>(NotificationChannel.Email));
    }

    [Fact]
    public async Task Start_HttpAndSmtpModes_UseTheRealSenders()
    {
        var settings = FakeSmtpServer.Settings(25);
        settings["Notifications:Sms:Mode"] = "Http";
        settings["Notifications:Sms:BaseUrl"] = "http://127.0.0.1:1";
        settings["Notifications:Sms:ApiKey"] = "key";
        settings["Notifications:Sms:Sender"] = "10004346";
        await using var app = await NotificationTestApp.CreateAsync(settings: settings);

        await using var scope = app.Services.CreateAsyncScope();

        Assert.IsType<KavenegarSmsSender>(scope.ServiceProvider.GetRequiredKeyedService<INotificationSender>(NotificationChannel.Sms));
        Assert.IsType<SmtpEmailSender>(scope.ServiceProvider.GetRequiredKeyedService<INotificationSender>(NotificationChannel.Email));
    }

    [Theory]
    [InlineData("Notifications:Sms:Mode", "Http", "Notifications:Sms:BaseUrl is required when Notifications:Sms:Mode is 'Http'.")]
    [InlineData("Notifications:Email:Mode", "Smtp", "Notifications:Email:Host is required when Notifications:Email:Mode is 'Smtp'.")]
    [InlineData("Notifications:Sms:Mode", "Pigeon", "Notifications:Sms:Mode is 'Pigeon'; it must be 'Recording' or 'Http'.")]
    [InlineData("Notifications:Email:Mode", "Fax", "Notifications:Email:Mode is 'Fax'; it must be 'Recording' or 'Smtp'.")]
    [InlineData("Notifications:PublicBaseUrl", "", "Notifications:PublicBaseUrl is required")]
    [InlineData("Notifications:PublicBaseUrl", "hajdesk.haj.ir", "Notifications:PublicBaseUrl 'hajdesk.haj.ir' must be an absolute http or https address")]
    [InlineData("Notifications:PollSeconds", "0", "Notifications:PollSeconds must be between")]
    [InlineData("Notifications:MaxAttempts", "0", "Notifications:MaxAttempts must be between")]
    [InlineData("Notifications:LeaseSeconds", "30", "Notifications:LeaseSeconds must be more than twice")]
    [InlineData("Notifications:Email:UseStartTls", "Maybe", "Notifications:Email:UseStartTls must be 'None', 'StartTls' or 'SslOnConnect'.")]
    public async Task Start_BadSetting_FailsNamingTheSetting(string setting, string value, string message)
    {
        await using var app = await HajDeskFactory.CreateAsync(settings: new Dictionary<string, string?> { [setting] = value });

        var error = Assert.ThrowsAny<Exception>(() => app.Server);

        Assert.Contains(message, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_SmtpWithoutFromAddressAndHalfACredential_NamesBoth()
    {
        await using var app = await HajDeskFactory.CreateAsync(settings: new Dictionary<string, string?>
        {
            ["Notifications:Email:Mode"] = "Smtp",
            ["Notifications:Email:Host"] = "smtp.example",
            ["Notifications:Email:UserName"] = "hajdesk",
        });

        var error = Assert.ThrowsAny<Exception>(() => app.Server).ToString();

        Assert.Contains("Notifications:Email:FromAddress is required when Notifications:Email:Mode is 'Smtp'.", error, StringComparison.Ordinal);
        Assert.Contains("Notifications:Email:UserName and Notifications:Email:Password must be given together.", error, StringComparison.Ordinal);
    }
}

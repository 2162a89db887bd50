using HajDesk.Core.Requests;
using HajDesk.Core.Requests.Submission;
using HajDesk.Web.Notifications;
using HajDesk.Web.Pages.Requests.Send;
using HajDesk.Web.Uploads;

namespace HajDesk.Web.Submission;

public static class SubmissionServiceCollectionExtensions
{
    /// <summary>
    /// Sending requests: the submission service every intake channel calls, the upload staging of forms, the
    /// send form's lookup tokens, the upload limits (<c>Uploads:*</c>) and the cleaning of abandoned uploads.
    /// </summary>
    public static IServiceCollection AddSubmission(this IServiceCollection services)
    {
        services.AddMemoryCache();
        services.AddScoped<ISubmissionNotifications, OutboxSubmissionNotifications>();
        services.AddScoped<SubmissionService>();
        services.AddScoped<Core.Requests.Verification.MobileVerificationService>();
        services.AddScoped<MobileCodes>();
        services.AddScoped<LostTrackingCodes>();
        services.AddScoped<OpenRequestReminders>();
        services.AddOptions<OpenRequestNoticeOptions>().BindConfiguration(OpenRequestNoticeOptions.Section);
        services.AddOptions<MobileVerificationOptions>().BindConfiguration(MobileVerificationOptions.Section);
        services.AddOptions<UploadOptions>().BindConfiguration(UploadOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<UploadStaging>();
        services.AddHostedService<StagedUploadCleaner>();
        services.AddSingleton<SendFormLookups>();
        services.AddScoped<SendRegistryGate>();
        services.AddScoped<SubmissionForm>();
        services.AddScoped<CitizenSend>();
        services.AddHttpContextAccessor();
        return services;
    }

    /// <summary>The outbox messages of <see cref="RequestNotifications"/>, added to the submission's unit of work.</summary>
    private sealed class OutboxSubmissionNotifications(RequestNotifications notifications) : ISubmissionNotifications
    {
        public void RequestReceived(ServiceRequest request) => notifications.RequestReceived(request);
    }
}

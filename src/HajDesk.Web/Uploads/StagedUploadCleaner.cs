using HajDesk.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace HajDesk.Web.Uploads;

/// <summary>
/// Deletes files staged by send forms that were never sent (the citizen gave up), a day after they were uploaded.
/// Safe on several nodes at once: each run is one idempotent DELETE. The one-time-code rows of forms («کد تأیید»)
/// go with them, a day after their last code was sent.
/// </summary>
public sealed class StagedUploadCleaner(IServiceScopeFactory scopes, TimeProvider time, ILogger<StagedUploadCleaner> logger)
    : BackgroundService
{
    public static readonly TimeSpan KeepFor = TimeSpan.FromDays(1);
    private static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        do
        {
            try
            {
                var deleted = await CleanAsync(stoppingToken);
                if (deleted > 0)
                {
                    logger.LogInformation("Deleted {Count} abandoned staged uploads", deleted);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Cleaning abandoned staged uploads failed; will try again");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    public async Task<int> CleanAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HajDeskDbContext>();
        await scope.ServiceProvider.GetRequiredService<Core.Requests.Verification.MobileVerificationService>().DeleteOldAsync(cancellationToken);
        var before = time.GetUtcNow().UtcDateTime - KeepFor;
        var stale = db.Attachments.Where(a => a.RequestId == null && a.StagingKey != null && a.CreatedAt < before);
        await db.AttachmentContents.Where(c => stale.Any(a => a.Id == c.AttachmentId)).ExecuteDeleteAsync(cancellationToken);
        return await stale.ExecuteDeleteAsync(cancellationToken);
    }
}

using HajDesk.Core.Data;
using HajDesk.Web.Infrastructure.Background;
using Microsoft.EntityFrameworkCore;

namespace HajDesk.Web.Uploads;

/// <summary>
/// Deletes files staged by send forms that were never sent (the citizen gave up), a day after they were uploaded.
/// Safe on several nodes at once: each run is one idempotent DELETE. The one-time-code rows of forms («کد تأیید»)
/// go with them, a day after their last code was sent.
/// </summary>
public sealed class StagedUploadCleaner(IServiceScopeFactory scopes, TimeProvider time, ILogger<StagedUploadCleaner> logger)
    : PeriodicWorker<int>(scopes, time, logger)
{
    public static readonly TimeSpan KeepFor = TimeSpan.FromDays(1);

    protected override TimeSpan? Interval => TimeSpan.FromHours(1);

    /// <summary>One round now; returns how many staged files went.</summary>
    public Task<int> CleanAsync(CancellationToken cancellationToken) => RunOnceAsync(cancellationToken);

    protected override async Task<int> RoundAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<HajDeskDbContext>();
        await services.GetRequiredService<Core.Requests.Verification.MobileVerificationService>().DeleteOldAsync(cancellationToken);
        var before = Time.GetUtcNow().UtcDateTime - KeepFor;
        var stale = db.Attachments.Where(a => a.RequestId == null && a.StagingKey != null && a.CreatedAt < before);
        await db.AttachmentContents.Where(c => stale.Any(a => a.Id == c.AttachmentId)).ExecuteDeleteAsync(cancellationToken);
        return await stale.ExecuteDeleteAsync(cancellationToken);
    }

    protected override bool AfterRound(int deleted)
    {
        if (deleted > 0)
        {
            Logger.LogInformation("Deleted {Count} abandoned staged uploads", deleted);
        }

        return false;
    }
}

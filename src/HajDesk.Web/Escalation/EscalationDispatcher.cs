using System.Linq.Expressions;
using HajDesk.Core.Calendar;
using HajDesk.Core.Data;
using HajDesk.Core.Escalation;
using HajDesk.Core.Persian;
using HajDesk.Core.Requests;
using HajDesk.Core.Staff;
using HajDesk.Web.Infrastructure.Background;
using HajDesk.Web.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HajDesk.Web.Escalation;

/// <summary>What one round of the escalation dispatcher did.</summary>
public sealed record EscalationRound(int Warnings, int OverdueAlerts, int AdministratorAlerts, int Digests)
{
    public int Total => Warnings + OverdueAlerts + AdministratorAlerts + Digests;
}

/// <summary>
/// Escalation, every <c>Escalation:PollSeconds</c> on every node: warns the assigned expert some working days
/// before a deadline, tells the province's supervisors when it passed and the administrators some working days
/// later, and sends each province's daily digest of overdue requests. Only requests whose clock runs
/// (<see cref="RequestRules.ClockStatuses"/>) are escalated: answered, closed and waiting-for-the-citizen ones never.
/// </summary>
/// <remarks>
/// Once across processes: each step inserts its <see cref="EscalationMark"/> (unique per request and threshold) —
/// or a digest its <see cref="EscalationDigest"/> (unique per province and Tehran day) — in the same transaction as
/// its timeline event and outbox messages. A second dispatcher that chose the same step fails on the key and rolls
/// back, sending nothing. The clock is the app's <see cref="TimeProvider"/>, so tests drive it.
/// </remarks>
public sealed partial class EscalationDispatcher(
    IServiceScopeFactory scopes,
    WorkingCalendarStore calendars,
    OutboxSignal signal,
    TimeProvider time,
    IOptions<EscalationOptions> options,
    ILogger<EscalationDispatcher> logger) : PeriodicWorker<EscalationRound>(scopes, time, logger)
{
    protected override bool Enabled => options.Value.Enabled;

    protected override TimeSpan? Interval => options.Value.PollInterval;

    protected override bool AfterRound(EscalationRound round)
    {
        if (round.Total > 0)
        {
            LogRound(Logger, round.Warnings, round.OverdueAlerts, round.AdministratorAlerts, round.Digests);
        }

        return false;
    }

    /// <summary>One round over every province at the clock's now. Safe to run in several processes at once.</summary>
    protected override async Task<EscalationRound> RoundAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<HajDeskDbContext>();
        var emails = services.GetRequiredService<StaffEmails>();
        var thresholds = await services.GetRequiredService<EscalationRules>().ByProvinceAsync(cancellationToken);
        var calendar = await calendars.GetAsync(db, cancellationToken);
        var now = Time.GetUtcNow().UtcDateTime;
        var provinces = await db.Provinces.AsNoTracking().ToDictionaryAsync(p => p.Id, p => p.Name, cancellationToken);

        int warnings = 0, overdue = 0, administrators = 0, digests = 0;
        foreach (var (provinceId, t) in thresholds)
        {
            var name = provinces[provinceId];
            var warnUntil = calendar.AddWorkingDays(now, t.WarnDaysBefore);
            foreach (var r in await CandidatesAsync(db, provinceId, RequestRules.DueSoon(now, warnUntil), EscalationThreshold.Warning, cancellationToken))
            {
                if (r.AssignedToId is null)
                {
                    continue;
                }

                var expert = await EmailsAsync(db, u => u.Id == r.AssignedToId, cancellationToken);
                warnings += await StepAsync(db, emails, r, name, EscalationThreshold.Warning, MessageTemplates.StaffDueSoon, expert, now, cancellationToken);
            }

            var supervisors = await EmailsAsync(db, u => u.Role == StaffRole.Supervisor && u.ProvinceId == provinceId, cancellationToken);
            foreach (var r in await CandidatesAsync(db, provinceId, RequestRules.OverdueAt(now), EscalationThreshold.Overdue, cancellationToken))
            {
                overdue += await StepAsync(db, emails, r, name, EscalationThreshold.Overdue, MessageTemplates.StaffOverdue, supervisors, now, cancellationToken);
            }

            // M working days are at least M calendar days: the query narrows by that, the calendar decides exactly.
            var admins = (List<string>?)null;
            var longOverdue = RequestRules.OverdueAt(now.AddDays(-t.AdministratorsAfterDays));
            foreach (var r in await CandidatesAsync(db, provinceId, longOverdue, EscalationThreshold.Administrators, cancellationToken))
            {
                if (calendar.AddWorkingDays(r.DueAt, t.AdministratorsAfterDays) >= now)
                {
                    continue;
                }

                admins ??= await EmailsAsync(db, u => u.Role == StaffRole.Administrator, cancellationToken);
                administrators += await StepAsync(db, emails, r, name, EscalationThreshold.Administrators, MessageTemplates.StaffOverdueAdministrators, admins, now, cancellationToken);
            }

            digests += await DigestAsync(db, emails, provinceId, name, supervisors, now, cancellationToken);
        }

        return new EscalationRound(warnings, overdue, administrators, digests);
    }

    private sealed record Candidate(long Id, string TrackingCode, DateTime DueAt, string? AssignedToId);

    private Task<List<Candidate>> CandidatesAsync(HajDeskDbContext db, int provinceId,
        Expression<Func<ServiceRequest, bool>> condition, string threshold, CancellationToken cancellationToken) =>
        db.Requests.AsNoTracking()
            .Where(r => r.ProvinceId == provinceId)
            .Where(condition)
            .Where(r => !db.EscalationMarks.Any(m => m.RequestId == r.Id && m.Threshold == threshold))
            .OrderBy(r => r.DueAt)
            .Select(r => new Candidate(r.Id, r.TrackingCode, r.DueAt, r.AssignedToId))
            .Take(options.Value.BatchSize)
            .ToListAsync(cancellationToken);

    private static Task<List<string>> EmailsAsync(HajDeskDbContext db, Expression<Func<StaffUser, bool>> who, CancellationToken cancellationToken) =>
        db.Users.AsNoTracking().Where(who).Where(u => !u.IsDisabled && u.Email != null && u.Email != string.Empty)
            .Select(u => u.Email!).Distinct().ToListAsync(cancellationToken);

    /// <summary>The step's mark, timeline event and messages in one transaction; 0 when another process took it first.</summary>
    private async Task<int> StepAsync(HajDeskDbContext db, StaffEmails emails, Candidate r, string provinceName, string threshold, string template, List<string> recipients, DateTime now, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        db.EscalationMarks.Add(new EscalationMark { RequestId = r.Id, Threshold = threshold, At = now });
        db.RequestEvents.Add(EscalationThreshold.TimelineEntry(r.Id, threshold, now));
        var values = emails.Values(provinceName);
        values[MessageTemplates.Placeholders.TrackingCode] = MessageTemplates.FormatTrackingCode(r.TrackingCode);
        values[MessageTemplates.Placeholders.DueDate] = JalaliDate.FormatDateTime(r.DueAt);
        db.OutboxMessages.AddRange(emails.Build(template, recipients, values, r.Id));
        return await SaveOnceAsync(db, cancellationToken);
    }

    /// <summary>The province's digest of overdue requests for today (Tehran), once, from <c>Escalation:DigestHour</c>.</summary>
    private async Task<int> DigestAsync(HajDeskDbContext db, StaffEmails emails, int provinceId, string provinceName, List<string> supervisors,
        DateTime now, CancellationToken cancellationToken)
    {
        var local = JalaliDate.ToTehranLocal(now);
        var today = DateOnly.FromDateTime(local);
        if (local.Hour < options.Value.DigestHour
            || await db.EscalationDigests.AnyAsync(d => d.ProvinceId == provinceId && d.Day == today, cancellationToken))
        {
            return 0;
        }

        var overdue = db.Requests.AsNoTracking().Where(r => r.ProvinceId == provinceId).Where(RequestRules.OverdueAt(now));
        var count = await overdue.CountAsync(cancellationToken);
        if (count == 0)
        {
            return 0;
        }

        // The codes only (never a name or a national code): the first hundred, oldest deadline first.
        var codes = await overdue.OrderBy(r => r.DueAt).Select(r => r.TrackingCode).Take(100).ToListAsync(cancellationToken);
        db.ChangeTracker.Clear();
        db.EscalationDigests.Add(new EscalationDigest { ProvinceId = provinceId, Day = today, OverdueCount = count, At = now });
        var values = emails.Values(provinceName);
        values[MessageTemplates.Placeholders.OverdueCount] = PersianText.ToPersianDigits(count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        values[MessageTemplates.Placeholders.TrackingCodes] = string.Join("\n", codes.Select(MessageTemplates.FormatTrackingCode));
        db.OutboxMessages.AddRange(emails.Build(MessageTemplates.StaffOverdueDigest, supervisors, values, null));
        return await SaveOnceAsync(db, cancellationToken);
    }

    private async Task<int> SaveOnceAsync(HajDeskDbContext db, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            signal.Notify();
            return 1;
        }
        catch (DbUpdateException)
        {
            // Another process took this step first (its key is taken): nothing of ours was written.
            db.ChangeTracker.Clear();
            return 0;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Escalation: {Warnings} warning(s), {Overdue} overdue alert(s), {Administrators} administrator alert(s), {Digests} digest(s)")]
    private static partial void LogRound(ILogger logger, int warnings, int overdue, int administrators, int digests);
}

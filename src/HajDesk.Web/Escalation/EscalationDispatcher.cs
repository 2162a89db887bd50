using System.Linq.Expressions;
using HajDesk.Core.Calendar;
using HajDesk.Core.Data;
using HajDesk.Core.Notifications;
using HajDesk.Core.Persian;
using HajDesk.Core.Requests;
using HajDesk.Core.Staff;
using HajDesk.Web.Infrastructure;
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
    IOptions<NotificationOptions> notificationOptions,
    IOptions<OrganizationOptions> organization,
    ILogger<EscalationDispatcher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            LogDisabled();
            return;
        }

        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var round = await RunOnceAsync(stoppingToken);
                if (round.Total > 0)
                {
                    LogRound(round.Warnings, round.OverdueAlerts, round.AdministratorAlerts, round.Digests);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                LogFailed(e);
            }

            try
            {
                await Task.Delay(options.Value.PollInterval, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    /// <summary>One round over every province at the clock's now. Safe to run in several processes at once.</summary>
    public async Task<EscalationRound> RunOnceAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HajDeskDbContext>();
        var thresholds = await scope.ServiceProvider.GetRequiredService<EscalationRules>().ByProvinceAsync(cancellationToken);
        var calendar = await calendars.GetAsync(db, cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
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
                warnings += await StepAsync(db, r, name, EscalationThreshold.Warning, RequestEventKind.DueSoonWarning,
                    "مهلت پاسخ نزدیک است؛ به کارشناس هشدار داده شد.", MessageTemplates.StaffDueSoon, expert, now, cancellationToken);
            }

            var supervisors = await EmailsAsync(db, u => u.Role == StaffRole.Supervisor && u.ProvinceId == provinceId, cancellationToken);
            foreach (var r in await CandidatesAsync(db, provinceId, RequestRules.OverdueAt(now), EscalationThreshold.Overdue, cancellationToken))
            {
                overdue += await StepAsync(db, r, name, EscalationThreshold.Overdue, RequestEventKind.OverdueAlert,
                    "مهلت پاسخ گذشت؛ به سرپرستان استان اطلاع داده شد.", MessageTemplates.StaffOverdue, supervisors, now, cancellationToken);
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
                administrators += await StepAsync(db, r, name, EscalationThreshold.Administrators, RequestEventKind.AdminAlert,
                    "دیرکرد ادامه یافت؛ به مدیران سامانه اطلاع داده شد.", MessageTemplates.StaffOverdueAdministrators, admins, now, cancellationToken);
            }

            digests += await DigestAsync(db, provinceId, name, supervisors, now, cancellationToken);
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
    private async Task<int> StepAsync(HajDeskDbContext db, Candidate r, string provinceName, string threshold, RequestEventKind kind,
        string eventText, string template, List<string> recipients, DateTime now, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        db.EscalationMarks.Add(new EscalationMark { RequestId = r.Id, Threshold = threshold, At = now });
        db.RequestEvents.Add(new RequestEvent { RequestId = r.Id, Kind = kind, At = now, VisibleToCitizen = false, Text = eventText });
        var values = Values(provinceName);
        values[MessageTemplates.Placeholders.TrackingCode] = MessageTemplates.FormatTrackingCode(r.TrackingCode);
        values[MessageTemplates.Placeholders.DueDate] = JalaliDate.FormatDateTime(r.DueAt);
        db.OutboxMessages.AddRange(await EmailsToAsync(recipients, template, values, r.Id, now, cancellationToken));
        return await SaveOnceAsync(db, cancellationToken);
    }

    /// <summary>The province's digest of overdue requests for today (Tehran), once, from <c>Escalation:DigestHour</c>.</summary>
    private async Task<int> DigestAsync(HajDeskDbContext db, int provinceId, string provinceName, List<string> supervisors,
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
        var values = Values(provinceName);
        values[MessageTemplates.Placeholders.OverdueCount] = PersianText.ToPersianDigits(count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        values[MessageTemplates.Placeholders.TrackingCodes] = string.Join("\n", codes.Select(MessageTemplates.FormatTrackingCode));
        db.OutboxMessages.AddRange(await EmailsToAsync(supervisors, MessageTemplates.StaffOverdueDigest, values, null, now, cancellationToken));
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

    private Dictionary<string, string> Values(string provinceName) => new()
    {
        [MessageTemplates.Placeholders.ProvinceName] = provinceName,
        [MessageTemplates.Placeholders.StaffUrl] = notificationOptions.Value.StaffUrl,
        [MessageTemplates.Placeholders.Organization] = organization.Value.Name,
        [MessageTemplates.Placeholders.ServiceName] = organization.Value.ServiceName,
    };

    private async Task<List<OutboxMessage>> EmailsToAsync(List<string> recipients, string key, Dictionary<string, string> values,
        long? requestId, DateTime now, CancellationToken cancellationToken)
    {
        if (recipients.Count == 0)
        {
            return [];
        }

        await using var scope = scopes.CreateAsyncScope();
        var template = scope.ServiceProvider.GetRequiredService<MessageTemplateStore>().Get(key);
        var subject = MessageTemplates.Render(template.EmailSubject, values).ReplaceLineEndings(" ").Trim();
        var text = MessageTemplates.Render(template.EmailText, values);
        var html = MessageTemplates.RenderHtml(template.EmailText, values, subject, $"{organization.Value.ServiceName} {organization.Value.Name}");
        return recipients.Select(email => new OutboxMessage
        {
            Channel = NotificationChannel.Email,
            Template = key,
            Recipient = email.Trim(),
            Subject = subject.Length > 300 ? subject[..300] : subject,
            Body = text,
            HtmlBody = html,
            RequestId = requestId,
            Status = OutboxStatus.Pending,
            CreatedAt = now,
            NextAttemptAt = now,
        }).ToList();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "The escalation dispatcher is off in this process (Escalation:Enabled)")]
    private partial void LogDisabled();

    [LoggerMessage(Level = LogLevel.Information, Message = "Escalation: {Warnings} warning(s), {Overdue} overdue alert(s), {Administrators} administrator alert(s), {Digests} digest(s)")]
    private partial void LogRound(int warnings, int overdue, int administrators, int digests);

    [LoggerMessage(Level = LogLevel.Error, Message = "The escalation dispatcher failed; it tries again at its next round")]
    private partial void LogFailed(Exception e);
}

using System.Collections.Frozen;
using HajDesk.Core.Data;
using HajDesk.Core.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HajDesk.Web.Notifications;

/// <summary>
/// The message templates as administrators left them, kept in memory so that writing a notification (which happens
/// inside a page's save) never waits for the database. The copy is reloaded in the background when it is older
/// than <see cref="MaxAge"/>, and at once on this node when an administrator saves a template; other nodes see the
/// edit within <see cref="MaxAge"/>. Until the first load the seeded defaults are used.
/// </summary>
public sealed class MessageTemplateStore(IServiceScopeFactory scopes, TimeProvider time, ILogger<MessageTemplateStore> logger)
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(30);

    private FrozenDictionary<string, MessageTemplate> templates = MessageTemplates.Defaults;
    private long loadedAtTicks;
    private int refreshing;

    /// <summary>The template for <paramref name="key"/>: the database's, or the default when the row is missing.</summary>
    public MessageTemplate Get(string key)
    {
        if (time.GetUtcNow().UtcTicks - Volatile.Read(ref loadedAtTicks) > MaxAge.Ticks && Interlocked.CompareExchange(ref refreshing, 1, 0) == 0)
        {
            _ = Task.Run(async () =>
            {
                try
                {
                    await RefreshAsync(CancellationToken.None);
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    logger.LogWarning(e, "Could not reload the message templates; the previous copy stays in use");
                }
                finally
                {
                    Volatile.Write(ref refreshing, 0);
                }
            });
        }

        return Volatile.Read(ref templates).TryGetValue(key, out var template) ? template
            : MessageTemplates.Defaults.TryGetValue(key, out var fallback) ? fallback
            : throw new ArgumentException($"Unknown message template '{key}'.", nameof(key));
    }

    /// <summary>Reads every template from the database now.</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HajDeskDbContext>();
        var rows = await db.MessageTemplates.AsNoTracking().ToListAsync(cancellationToken);
        var merged = new Dictionary<string, MessageTemplate>(MessageTemplates.Defaults, StringComparer.Ordinal);
        foreach (var row in rows)
        {
            merged[row.Key] = row;
        }

        Volatile.Write(ref templates, merged.ToFrozenDictionary(StringComparer.Ordinal));
        Volatile.Write(ref loadedAtTicks, time.GetUtcNow().UtcTicks);
    }

    /// <summary>
    /// Inserts the default of every missing template; never changes an existing row, so administrators' edits survive
    /// restarts and upgrades. Returns how many were inserted.
    /// </summary>
    public static async Task<int> SeedAsync(HajDeskDbContext db, DateTime now, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var existing = await db.MessageTemplates.Select(t => t.Key).ToListAsync(cancellationToken);
                var missing = MessageTemplates.Keys.Where(k => !existing.Contains(k)).ToList();
                foreach (var key in missing)
                {
                    var template = MessageTemplates.Defaults[key];
                    db.MessageTemplates.Add(new MessageTemplate
                    {
                        Key = key,
                        SmsText = template.SmsText,
                        EmailSubject = template.EmailSubject,
                        EmailText = template.EmailText,
                        UpdatedAt = now,
                    });
                }

                await db.SaveChangesAsync(cancellationToken);
                return missing.Count;
            }
            catch (DbUpdateException) when (attempt < 3)
            {
                // Another app process seeded the same keys at the same moment; look again.
                db.ChangeTracker.Clear();
            }
        }
    }
}

/// <summary>
/// Seeds the templates and loads them as the host starts, and says, loudly outside development, when messages are
/// only recorded or point to a local address.
/// </summary>
internal sealed class NotificationStartup(
    IServiceScopeFactory scopes,
    MessageTemplateStore store,
    TimeProvider time,
    IHostEnvironment environment,
    IOptions<NotificationOptions> options,
    IOptions<SmsOptions> sms,
    IOptions<EmailOptions> email,
    ILogger<NotificationStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (environment.IsProduction())
        {
            if (sms.Value.Mode == SmsOptions.RecordingMode)
            {
                logger.LogWarning("Notifications:Sms:Mode is 'Recording': SMS are kept in the database, not sent");
            }

            if (email.Value.Mode == EmailOptions.RecordingMode)
            {
                logger.LogWarning("Notifications:Email:Mode is 'Recording': e-mail is kept in the database, not sent");
            }

            if (Uri.TryCreate(options.Value.PublicBaseUrl, UriKind.Absolute, out var address) && address.IsLoopback)
            {
                logger.LogWarning("Notifications:PublicBaseUrl is {Address}: messages point citizens to a local address",
                    options.Value.PublicBaseUrl);
            }
        }

        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<HajDeskDbContext>();
            var seeded = await MessageTemplateStore.SeedAsync(db, time.GetUtcNow().UtcDateTime, cancellationToken);
            if (seeded > 0)
            {
                logger.LogInformation("Seeded {Count} message templates", seeded);
            }
        }

        await store.RefreshAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

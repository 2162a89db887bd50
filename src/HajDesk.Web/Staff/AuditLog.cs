using System.Text;
using HajDesk.Core.Audit;
using HajDesk.Core.Data;

namespace HajDesk.Web.Staff;

public sealed class AuditLog(HajDeskDbContext db, IHttpContextAccessor http, TimeProvider time)
{
    public const int MaxDetailsLength = 1000;

    /// <summary>How much of a typed (unknown) user name a failed sign-in keeps.</summary>
    public const int MaxTypedUserNameLength = 64;

    /// <summary>Adds an entry for the signed-in staff member and saves it (and anything else pending) now.</summary>
    public async Task WriteAsync(string action, long? requestId, string? details)
    {
        Add(action, requestId, details);
        await db.SaveChangesAsync();
    }

    /// <summary>Adds an entry for the given account (sign-in, where nobody is signed in yet) and saves it now.</summary>
    public async Task WriteForAsync(string? userId, string? userName, string action, string? details)
    {
        AddFor(userId, userName, action, null, details);
        await db.SaveChangesAsync();
    }

    /// <summary>Stages an entry for the signed-in staff member; the caller's <c>SaveChanges</c> writes it.</summary>
    public AuditEntry Add(string action, long? requestId, string? details)
    {
        var user = http.HttpContext?.User;
        return AddFor(user?.UserId(), user?.Identity?.Name, action, requestId, details);
    }

    public AuditEntry AddFor(string? userId, string? userName, string action, long? requestId, string? details)
    {
        var entry = new AuditEntry
        {
            At = time.GetUtcNow().UtcDateTime,
            UserId = userId,
            UserName = userName is null ? null : Truncate(userName, 256),
            Action = action,
            RequestId = requestId,
            Details = details is null ? null : MaskLongDigitRuns(Truncate(details, MaxDetailsLength)),
            IpAddress = http.HttpContext?.Connection.RemoteIpAddress?.ToString(),
        };
        db.AuditEntries.Add(entry);
        return entry;
    }

    /// <summary>
    /// A user name as typed at sign-in, fit for the audit log: cut to <see cref="MaxTypedUserNameLength"/>
    /// characters, control characters dropped, long digit runs masked (see <see cref="MaskLongDigitRuns"/>).
    /// </summary>
    public static string SafeUserName(string? typed)
    {
        var text = new string((typed ?? string.Empty).Trim().Where(c => !char.IsControl(c)).ToArray());
        return MaskLongDigitRuns(Truncate(text, MaxTypedUserNameLength));
    }

    /// <summary>
    /// Replaces every run of eight or more digits (of any script) with asterisks: a national code (10 digits), a
    /// mobile number (11) or a tracking code (12) typed or pasted into a detail never reaches the log in clear.
    /// </summary>
    public static string MaskLongDigitRuns(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var builder = new StringBuilder(text);
        var runStart = -1;
        for (var i = 0; i <= builder.Length; i++)
        {
            var isDigit = i < builder.Length && char.IsDigit(builder[i]);
            if (isDigit && runStart < 0)
            {
                runStart = i;
            }
            else if (!isDigit && runStart >= 0)
            {
                if (i - runStart >= 8)
                {
                    for (var j = runStart; j < i; j++)
                    {
                        builder[j] = '*';
                    }
                }

                runStart = -1;
            }
        }

        return builder.ToString();
    }

    private static string Truncate(string value, int length) => value.Length <= length ? value : value[..length];
}

using HajDesk.Core.Data;
using HajDesk.Core.Staff;
using HajDesk.Core.Staff.Directory;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HajDesk.Web.Staff.Directory;

public enum DirectorySignInOutcome
{
    /// <summary>Bound and mapped: the local account is created or brought up to date; sign it in.</summary>
    Accepted,

    /// <summary>Refused: wrong password, unknown, disabled, locked out or in no mapped group (one message for all).</summary>
    Refused,

    /// <summary>The directory could not be asked.</summary>
    Unavailable,
}

public sealed record DirectorySignInResult(DirectorySignInOutcome Outcome, StaffUser? User, string? Reason);

/// <summary>What a session's re-check did.</summary>
public enum DirectoryRecheck
{
    /// <summary>Not due, or the directory could not be asked yet: the session goes on as it is.</summary>
    Unchanged,

    /// <summary>Found again; role, province, subjects or name changed and were applied.</summary>
    Updated,

    /// <summary>Gone, disabled or in no mapped group: the account was disabled; end the session.</summary>
    Revoked,

    /// <summary>The directory has not answered for two re-check intervals: end the session (account left as it is).</summary>
    Expired,
}

/// <summary>
/// Staff accounts that come from the directory: sign-in (bind, map the groups, create or update the local
/// <see cref="StaffUser"/> without a password) and the periodic re-check of a signed-in session, on every node,
/// with the last check's time on the account.
/// </summary>
public sealed partial class DirectoryAccounts(
    LdapStaffDirectory directory,
    IOptionsMonitor<DirectoryOptions> options,
    HajDeskDbContext db,
    UserManager<StaffUser> users,
    AuditLog audit,
    TimeProvider time,
    ILogger<DirectoryAccounts> logger)
{
    public bool Enabled => options.CurrentValue.Enabled;

    /// <summary>
    /// Signs a user name in through the directory. <paramref name="local"/> is the existing account of that name
    /// (a directory account from an earlier sign-in), or null. Failed binds count toward the account's lockout like
    /// wrong local passwords. Audits nothing: the sign-in page writes the one audit row of the attempt.
    /// </summary>
    public async Task<DirectorySignInResult> SignInAsync(StaffUser? local, string userName, string password, CancellationToken cancellationToken)
    {
        if (local is not null)
        {
            if (await users.IsLockedOutAsync(local))
            {
                return Refused(local, "حساب قفل است");
            }

            if (local.IsDisabled)
            {
                return Refused(local, "حساب غیرفعال است");
            }
        }

        var answer = await directory.AuthenticateAsync(userName, password, cancellationToken);
        switch (answer.Outcome)
        {
            case DirectoryOutcome.Unavailable:
                return new DirectorySignInResult(DirectorySignInOutcome.Unavailable, local, "فهرست سازمان در دسترس نیست");
            case DirectoryOutcome.NotFound:
                return Refused(local, "در فهرست سازمان نیست");
            case DirectoryOutcome.WrongPassword:
                if (local is not null)
                {
                    await users.AccessFailedAsync(local);
                    return Refused(local, await users.IsLockedOutAsync(local) ? "رمز عبور نادرست (حساب قفل شد)" : "رمز عبور نادرست");
                }

                return Refused(null, "رمز عبور نادرست");
        }

        var person = answer.Person!;
        if (person.IsDisabled)
        {
            return Refused(local, "در فهرست سازمان غیرفعال است");
        }

        var access = await ResolveAsync(person, cancellationToken);
        if (access is null)
        {
            return Refused(local, "عضو هیچ گروه نگاشته‌شده‌ای نیست");
        }

        var now = time.GetUtcNow().UtcDateTime;
        if (local is null)
        {
            local = new StaffUser
            {
                UserName = userName,
                DisplayName = Cut(person.DisplayName ?? userName, StaffUser.MaxDisplayNameLength),
                Email = person.Email,
                CreatedAt = now,
            };
            Apply(local, person, access, now);
            foreach (var subjectId in access.SubjectIds)
            {
                local.Subjects.Add(new StaffSubject { StaffUserId = local.Id, SubjectId = subjectId });
            }

            var created = await users.CreateAsync(local);
            if (!created.Succeeded)
            {
                LogNotCreated(logger, string.Join(", ", created.Errors.Select(e => e.Code)));
                return Refused(null, "حساب ساخته نشد");
            }
        }
        else
        {
            await db.Entry(local).Collection(u => u.Subjects).LoadAsync(cancellationToken);
            Apply(local, person, access, now);
            ApplySubjects(local, access.SubjectIds);
            local.AccessFailedCount = 0;
            local.LockoutEnd = null;
            await db.SaveChangesAsync(cancellationToken);
        }

        return new DirectorySignInResult(DirectorySignInOutcome.Accepted, local, null);
    }

    /// <summary>
    /// Re-checks a signed-in directory account when its last check is <c>Directory:RecheckMinutes</c> old: looks it
    /// up with the service account, re-maps its groups, and disables it (audited) when it is gone, disabled in the
    /// directory or in no mapped group.
    /// </summary>
    public async Task<DirectoryRecheck> RecheckIfDueAsync(StaffMember member, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(member);
        var o = options.CurrentValue;
        var now = time.GetUtcNow().UtcDateTime;
        if (!member.IsDirectoryAccount || (member.DirectoryCheckedAt is { } checkedAt && now - checkedAt < o.Recheck))
        {
            return DirectoryRecheck.Unchanged;
        }

        var answer = o.Enabled
            ? await directory.LookUpAsync(member.UserName, cancellationToken)
            : new DirectoryAnswer(DirectoryOutcome.Unavailable);
        if (answer.Outcome == DirectoryOutcome.Unavailable)
        {
            if (member.DirectoryCheckedAt is { } last && now - last < 2 * o.Recheck)
            {
                return DirectoryRecheck.Unchanged;
            }

            LogSessionEnded(logger, member.Id);
            return DirectoryRecheck.Expired;
        }

        var user = await db.Users.Include(u => u.Subjects).FirstOrDefaultAsync(u => u.Id == member.Id, cancellationToken);
        if (user is null)
        {
            return DirectoryRecheck.Revoked;
        }

        var access = answer.Outcome == DirectoryOutcome.Found && !answer.Person!.IsDisabled
            ? await ResolveAsync(answer.Person, cancellationToken)
            : null;
        if (access is null)
        {
            var reason = answer.Outcome != DirectoryOutcome.Found ? "در فهرست سازمان نیست"
                : answer.Person!.IsDisabled ? "در فهرست سازمان غیرفعال است"
                : "عضو هیچ گروه نگاشته‌شده‌ای نیست";
            user.IsDisabled = true;
            user.SecurityStamp = Pages.Staff.Admin.Accounts.AccountAdmin.NewSecurityStamp();
            audit.AddFor(user.Id, user.UserName, AuditActions.DirectoryRevoke, null, reason);
            await SaveQuietlyAsync(cancellationToken);
            return DirectoryRecheck.Revoked;
        }

        var before = (user.Role, user.ProvinceId, user.DisplayName, user.Email, user.DirectoryDn,
            Subjects: string.Join(',', user.Subjects.Select(s => s.SubjectId).Order()));
        Apply(user, answer.Person!, access, now);
        ApplySubjects(user, access.SubjectIds);
        var after = (user.Role, user.ProvinceId, user.DisplayName, user.Email, user.DirectoryDn,
            Subjects: string.Join(',', user.Subjects.Select(s => s.SubjectId).Order()));
        if (before == after)
        {
            // Only the time of the check: no version bump, so an administrator's open edit form is not spoiled.
            db.ChangeTracker.Clear();
            await db.Users.Where(u => u.Id == user.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(u => u.DirectoryCheckedAt, now), cancellationToken);
            return DirectoryRecheck.Unchanged;
        }

        audit.AddFor(user.Id, user.UserName, AuditActions.DirectoryUpdate, null,
            $"{user.Role.ToPersian()}؛ استان {user.ProvinceId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "همه"}؛ موضوع‌ها {(after.Subjects.Length == 0 ? "همه" : after.Subjects)}");
        await SaveQuietlyAsync(cancellationToken);
        return DirectoryRecheck.Updated;
    }

    private async Task<Resolved?> ResolveAsync(DirectoryPerson person, CancellationToken cancellationToken)
    {
        var access = DirectoryGroupMap.Map(person.Groups, options.CurrentValue.Mappings);
        if (access is null)
        {
            return null;
        }

        int? provinceId = null;
        if (access.ProvinceCode is { } code)
        {
            provinceId = await db.Provinces.AsNoTracking().Where(p => p.Code == code).Select(p => (int?)p.Id).FirstOrDefaultAsync(cancellationToken);
            if (provinceId is null)
            {
                LogUnknownProvince(logger, code);
                return null;
            }
        }

        var subjects = access.SubjectIds.Count == 0
            ? []
            : await db.Subjects.AsNoTracking().Where(s => s.ParentId == null && access.SubjectIds.Contains(s.Id)).Select(s => s.Id).ToListAsync(cancellationToken);
        if (access.SubjectIds.Count > 0 && subjects.Count == 0)
        {
            LogUnknownSubjects(logger, string.Join(',', access.SubjectIds));
            return null;
        }

        return new Resolved(access.Role, provinceId, subjects);
    }

    private static void Apply(StaffUser user, DirectoryPerson person, Resolved access, DateTime now)
    {
        user.Role = access.Role;
        user.ProvinceId = access.ProvinceId;
        user.DisplayName = Cut(person.DisplayName ?? user.DisplayName, StaffUser.MaxDisplayNameLength);
        user.Email = person.Email;
        user.DirectoryDn = Cut(person.Dn, StaffUser.MaxDirectoryDnLength);
        user.DirectoryCheckedAt = now;
        user.PasswordHash = null;
    }

    private void ApplySubjects(StaffUser user, IReadOnlyList<int> subjectIds)
    {
        foreach (var old in user.Subjects.Where(s => !subjectIds.Contains(s.SubjectId)).ToList())
        {
            user.Subjects.Remove(old);
            db.Remove(old);
        }

        foreach (var added in subjectIds.Where(id => user.Subjects.All(s => s.SubjectId != id)))
        {
            user.Subjects.Add(new StaffSubject { StaffUserId = user.Id, SubjectId = added });
        }
    }

    private async Task SaveQuietlyAsync(CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Another node (or an administrator) changed the account at the same moment; the next request checks again.
            db.ChangeTracker.Clear();
        }
    }

    /// <summary>A mapping resolved against the database: the province's id, the main subjects that exist.</summary>
    private sealed record Resolved(StaffRole Role, int? ProvinceId, IReadOnlyList<int> SubjectIds);

    private static DirectorySignInResult Refused(StaffUser? user, string reason) => new(DirectorySignInOutcome.Refused, user, reason);

    private static string Cut(string value, int length) => value.Length <= length ? value : value[..length];

    [LoggerMessage(Level = LogLevel.Error, Message = "Directory:Groups maps a group to the province code '{Code}', which no province has; its members cannot sign in")]
    private static partial void LogUnknownProvince(ILogger logger, string code);

    [LoggerMessage(Level = LogLevel.Error, Message = "Directory:Groups limits experts to the subjects {Ids}, none of which is a main subject; its members cannot sign in")]
    private static partial void LogUnknownSubjects(ILogger logger, string ids);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A directory account could not be created: {Errors}")]
    private static partial void LogNotCreated(ILogger logger, string errors);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Session of directory account {UserId} ended: the directory has not answered for two re-check intervals")]
    private static partial void LogSessionEnded(ILogger logger, string userId);
}

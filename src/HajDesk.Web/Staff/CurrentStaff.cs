using System.Security.Claims;
using HajDesk.Core.Data;
using HajDesk.Core.Staff;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HajDesk.Web.Staff;

/// <summary>
/// The signed-in staff member as the database has them now. <see cref="SubjectIds"/> lists the main subjects an
/// expert is limited to; empty means all subjects of the province.
/// </summary>
public sealed record StaffMember(
    string Id, string UserName, string DisplayName, StaffRole Role, int? ProvinceId, IReadOnlyList<int> SubjectIds)
{
    public bool IsAdministrator => Role == StaffRole.Administrator;

    /// <summary>Supervisors and administrators assign requests to others.</summary>
    public bool CanAssign => Role is StaffRole.Supervisor or StaffRole.Administrator;

    /// <summary>Whether the account comes from the directory (see <see cref="Directory.DirectoryAccounts"/>).</summary>
    public bool IsDirectoryAccount { get; init; }

    /// <summary>When the directory last confirmed the account (UTC).</summary>
    public DateTime? DirectoryCheckedAt { get; init; }
}

/// <summary>
/// Loads the request's staff member once per request, straight from the database, and checks that the cookie still
/// speaks for a live account: the account exists, is not disabled, and its security stamp is the one the cookie was
/// issued with (a password change, a 2FA change or a sign-out elsewhere changes it).
/// </summary>
public sealed class CurrentStaff(HajDeskDbContext db, IHttpContextAccessor http, IOptions<IdentityOptions> identity)
{
    private StaffMember? member;
    private bool loaded;

    /// <summary>The current staff member, or null when nobody (valid) is signed in.</summary>
    public async Task<StaffMember?> GetAsync(CancellationToken cancellationToken = default)
    {
        if (!loaded)
        {
            member = await LoadAsync(http.HttpContext?.User, cancellationToken);
            loaded = true;
        }

        return member;
    }

    /// <summary>The current staff member; only for pages that require sign-in, where the cookie check already ran.</summary>
    /// <exception cref="InvalidOperationException">Nobody is signed in.</exception>
    public async Task<StaffMember> RequireAsync(CancellationToken cancellationToken = default) =>
        await GetAsync(cancellationToken) ?? throw new InvalidOperationException("No staff member is signed in.");

    /// <summary>Checks a principal from the cookie against the database and remembers the result for the request.</summary>
    internal async Task<StaffMember?> AuthenticateAsync(ClaimsPrincipal principal, CancellationToken cancellationToken)
    {
        member = await LoadAsync(principal, cancellationToken);
        loaded = true;
        return member;
    }

    private async Task<StaffMember?> LoadAsync(ClaimsPrincipal? principal, CancellationToken cancellationToken)
    {
        var id = principal?.UserId();
        if (principal?.Identity?.IsAuthenticated != true || id is null)
        {
            return null;
        }

        var row = await db.Users.AsNoTracking()
            .Where(u => u.Id == id)
            .Select(u => new
            {
                u.Id,
                u.UserName,
                u.DisplayName,
                u.Role,
                u.ProvinceId,
                u.IsDisabled,
                u.SecurityStamp,
                u.DirectoryDn,
                u.DirectoryCheckedAt,
                Subjects = u.Subjects.Select(s => s.SubjectId).ToList(),
            })
            .FirstOrDefaultAsync(cancellationToken);
        var stamp = principal.FindFirstValue(identity.Value.ClaimsIdentity.SecurityStampClaimType);
        if (row is null || row.IsDisabled || stamp is null || row.SecurityStamp != stamp)
        {
            return null;
        }

        return new StaffMember(row.Id, row.UserName ?? string.Empty, row.DisplayName, row.Role, row.ProvinceId, row.Subjects)
        {
            IsDirectoryAccount = row.DirectoryDn is not null,
            DirectoryCheckedAt = row.DirectoryCheckedAt,
        };
    }
}

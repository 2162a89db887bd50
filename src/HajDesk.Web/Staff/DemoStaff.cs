using System.Security.Cryptography;
using HajDesk.Core.Data;
using HajDesk.Core.Staff;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace HajDesk.Web.Staff;

/// <summary>
/// Demo staff accounts for development: <c>admin</c>, <c>tehran.supervisor</c>, <c>tehran.expert</c> and
/// <c>isfahan.expert</c>. Program.cs calls <see cref="SeedAsync"/> only in the Development environment.
/// </summary>
/// <remarks>
/// The password is <c>DemoStaff:Password</c>; when that is unset a random one is generated and written once to the
/// log, when the accounts are created. Existing accounts are left as they are.
/// </remarks>
public static class DemoStaff
{
    public const string PasswordSetting = "DemoStaff:Password";

    public static readonly IReadOnlyList<(string UserName, string DisplayName, StaffRole Role, string? Province)> Accounts =
    [
        ("admin", "مدیر سامانه (نمونه)", StaffRole.Administrator, null),
        ("tehran.supervisor", "سرپرست تهران (نمونه)", StaffRole.Supervisor, "Tehran"),
        ("tehran.expert", "کارشناس تهران (نمونه)", StaffRole.Expert, "Tehran"),
        ("isfahan.expert", "کارشناس اصفهان (نمونه)", StaffRole.Expert, "Isfahan"),
    ];

    /// <summary>Creates the demo accounts that are missing; returns how many were created.</summary>
    /// <exception cref="InvalidOperationException">The configured password does not meet the password policy.</exception>
    public static async Task<int> SeedAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        await using var scope = services.CreateAsyncScope();
        var provider = scope.ServiceProvider;
        var configuration = provider.GetRequiredService<IConfiguration>();
        var users = provider.GetRequiredService<UserManager<StaffUser>>();
        var db = provider.GetRequiredService<HajDeskDbContext>();
        var time = provider.GetRequiredService<TimeProvider>();
        var logger = provider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DemoStaff));

        var configured = configuration[PasswordSetting];
        var password = string.IsNullOrEmpty(configured) ? GeneratePassword() : configured;
        var provinces = await db.Provinces.ToDictionaryAsync(p => p.Code, p => p.Id, cancellationToken);

        var created = 0;
        foreach (var (userName, displayName, role, province) in Accounts)
        {
            if (await users.FindByNameAsync(userName) is not null)
            {
                continue;
            }

            var user = new StaffUser
            {
                UserName = userName,
                DisplayName = displayName,
                Role = role,
                ProvinceId = province is null ? null : provinces[province],
                CreatedAt = time.GetUtcNow().UtcDateTime,
            };
            var result = await users.CreateAsync(user, password);
            if (!result.Succeeded)
            {
                throw new InvalidOperationException(
                    $"Cannot create demo staff '{userName}': {string.Join(" ", result.Errors.Select(e => e.Description))} " +
                    $"Check {PasswordSetting}.");
            }

            created++;
        }

        if (created > 0)
        {
            if (string.IsNullOrEmpty(configured))
            {
                logger.LogWarning(
                    "Created {Count} demo staff accounts (admin, tehran.supervisor, tehran.expert, isfahan.expert) " +
                    "with the generated password {Password} — shown only now; set {Setting} to choose one",
                    created, password, PasswordSetting);
            }
            else
            {
                logger.LogInformation("Created {Count} demo staff accounts with the password from {Setting}", created, PasswordSetting);
            }
        }

        return created;
    }

    /// <summary>16 characters from an unambiguous alphabet, with at least one upper-case letter, lower-case letter and digit.</summary>
    internal static string GeneratePassword()
    {
        const string upper = "ABCDEFGHJKLMNPQRSTUVWXYZ";
        const string lower = "abcdefghijkmnopqrstuvwxyz";
        const string digits = "23456789";
        const string all = upper + lower + digits;
        var chars = new char[16];
        chars[0] = upper[RandomNumberGenerator.GetInt32(upper.Length)];
        chars[1] = lower[RandomNumberGenerator.GetInt32(lower.Length)];
        chars[2] = digits[RandomNumberGenerator.GetInt32(digits.Length)];
        for (var i = 3; i < chars.Length; i++)
        {
            chars[i] = all[RandomNumberGenerator.GetInt32(all.Length)];
        }

        RandomNumberGenerator.Shuffle(chars.AsSpan());
        return new string(chars);
    }
}

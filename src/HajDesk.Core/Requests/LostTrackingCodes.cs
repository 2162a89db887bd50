using HajDesk.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace HajDesk.Core.Requests;

/// <summary>The tracking codes one verified mobile is owed: the requests of the last twelve months sent with it.</summary>
public sealed record LostCodesForMobile(string Mobile, IReadOnlyList<string> TrackingCodes);

/// <summary>
/// «کد پیگیری را فراموش کرده‌ام» (issue 25): which tracking codes go to which mobile for a national code and birth
/// date. Only requests of the last twelve months whose mobile was verified by a one-time code count: an unverified
/// number may be anyone's, and the code is the key to the request. One query, the same whether anything is found.
/// </summary>
public sealed class LostTrackingCodes(HajDeskDbContext db, TimeProvider time)
{
    /// <summary>At most this many codes go in one SMS (the newest).</summary>
    public const int MaxCodesPerMobile = 10;

    public async Task<IReadOnlyList<LostCodesForMobile>> FindAsync(string nationalCode, DateOnly birthDate, CancellationToken cancellationToken)
    {
        var since = time.GetUtcNow().UtcDateTime.AddMonths(-12);
        var rows = await db.Requests.AsNoTracking()
            .Where(r => r.NationalCode == nationalCode && r.BirthDate == birthDate && r.CreatedAt >= since && r.MobileVerified)
            .OrderByDescending(r => r.CreatedAt)
            .Select(r => new { r.Mobile, r.TrackingCode })
            .Take(100)
            .ToListAsync(cancellationToken);
        return [.. rows.GroupBy(r => r.Mobile)
            .Select(g => new LostCodesForMobile(g.Key, [.. g.Select(r => r.TrackingCode).Take(MaxCodesPerMobile)]))];
    }
}

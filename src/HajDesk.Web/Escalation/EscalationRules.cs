using HajDesk.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HajDesk.Web.Escalation;

/// <summary>A province's thresholds in effect: its own override, or the national defaults.</summary>
public sealed record EscalationThresholds(int WarnDaysBefore, int AdministratorsAfterDays, bool Overridden);

/// <summary>The thresholds in effect per province: the <c>Escalation:*</c> defaults, overridden per province in the database.</summary>
public sealed class EscalationRules(HajDeskDbContext db, IOptions<EscalationOptions> options)
{
    public EscalationThresholds National => new(options.Value.WarnDaysBefore, options.Value.AdministratorsAfterDays, false);

    /// <summary>Every province's thresholds, by province id.</summary>
    public async Task<Dictionary<int, EscalationThresholds>> ByProvinceAsync(CancellationToken cancellationToken)
    {
        var overrides = await db.EscalationSettings.AsNoTracking().ToDictionaryAsync(s => s.ProvinceId, cancellationToken);
        var provinces = await db.Provinces.AsNoTracking().Select(p => p.Id).ToListAsync(cancellationToken);
        return provinces.ToDictionary(id => id, id => overrides.TryGetValue(id, out var s)
            ? new EscalationThresholds(s.WarnDaysBefore, s.AdministratorsAfterDays, true)
            : National);
    }
}

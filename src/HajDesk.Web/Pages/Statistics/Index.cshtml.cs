using HajDesk.Web.Reports;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;

namespace HajDesk.Web.Pages.Statistics;

/// <summary>
/// «آمار میز خدمت»: the public statistics, for citizens and the press. Served from the day's figures kept in memory
/// (<see cref="PublicStatistics"/>) and from the output cache; no personal data.
/// </summary>
[OutputCache(PolicyName = ReportsServiceCollectionExtensions.PublicStatisticsCache)]
public class IndexModel(PublicStatistics statistics) : PageModel
{
    public PublicStatisticsSnapshot Figures { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken cancellationToken) => Figures = await statistics.GetAsync(cancellationToken);
}

using HajDesk.Web.Tests.Infrastructure;
using HajDesk.Web.Tests.PageTests.Staff;

namespace HajDesk.Web.Tests.PageTests.Reports;

public class StatisticsTests
{
    [Fact]
    public async Task Statistics_Anonymous_ShowsMonthsAndProvincesWithoutPersonalData()
    {
        await using var app = await HajDeskFactory.CreateAsync();
        var world = await StaffWorld.CreateAsync(app);
        var request = await world.Data.CreateRequestAsync("Tehran", world.SubjectX);
        await app.WithDbAsync(async db =>
        {
            var stored = await db.Requests.FindAsync(request.Id);
            stored!.CreatedAt = DateTime.UtcNow.AddDays(-2);
            await db.SaveChangesAsync();
        });
        var client = app.CreateClient();

        var home = await client.GetPageAsync("/");
        var response = await client.GetAsync("/statistics");
        var page = await client.GetPageAsync("/statistics");

        Assert.NotNull(home.QuerySelector("a[href='/statistics']"));
        Assert.Equal(12, page.QuerySelectorAll("[data-testid=stat-months] tbody tr").Length);
        Assert.Equal("تهران", page.QuerySelector("[data-testid=stat-provinces] tbody th")!.TextContent.Trim());
        var html = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain(request.NationalCode, html, StringComparison.Ordinal);
        Assert.DoesNotContain(request.TrackingCode, html, StringComparison.Ordinal);
        Assert.DoesNotContain(request.Mobile, html, StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("script:not([src])"));
    }
}

using HajDesk.Core.Persian;

namespace HajDesk.Core.Tests.Paging;

public class JalaliDateRangeTests
{
    [Fact]
    public void Parse_BothEnds_CoversWholeTehranDays()
    {
        // 1404/01/01 is 2025-03-21; Tehran is UTC+03:30.
        var range = JalaliDateRange.Parse("۱۴۰۴/۰۱/۰۱", "1404/01/01");

        Assert.Empty(range.Errors);
        Assert.Equal(new DateTime(2025, 3, 20, 20, 30, 0, DateTimeKind.Utc), range.StartUtc);
        Assert.Equal(new DateTime(2025, 3, 21, 20, 30, 0, DateTimeKind.Utc), range.EndUtc);
    }

    [Fact]
    public void Parse_Empty_FiltersNothing()
    {
        var range = JalaliDateRange.Parse(" ", null);

        Assert.Equal((null, null), (range.StartUtc, range.EndUtc));
        Assert.Empty(range.Errors);
    }

    [Fact]
    public void Parse_WrongEnd_IsAnErrorOnThatField()
    {
        var range = JalaliDateRange.Parse("1404/13/40", "۱۴۰۴/۰۲/۰۱");

        var (field, message) = Assert.Single(range.Errors);
        Assert.Equal(JalaliDateRange.FromField, field);
        Assert.Equal("«از تاریخ» تاریخ درستی نیست؛ آن را مانند ۱۴۰۴/۰۱/۱۵ بنویسید.", message);
        Assert.Null(range.StartUtc);
        Assert.NotNull(range.EndUtc);
    }

    [Fact]
    public void Apply_Range_KeepsRowsInsideOnly()
    {
        var range = JalaliDateRange.Parse("1404/01/01", "1404/01/01");
        var instants = new[]
        {
            new DateTime(2025, 3, 20, 20, 29, 59, DateTimeKind.Utc),
            new DateTime(2025, 3, 20, 20, 30, 0, DateTimeKind.Utc),
            new DateTime(2025, 3, 21, 20, 29, 59, DateTimeKind.Utc),
            new DateTime(2025, 3, 21, 20, 30, 0, DateTimeKind.Utc),
        };

        var kept = range.Apply(instants.AsQueryable(), at => at).ToList();

        Assert.Equal(instants[1..3], kept);
    }

    [Theory]
    [InlineData("۱۴۰۴/۱/۵", "1404/01/05")]
    [InlineData("nonsense", null)]
    public void Normalize_TypedDate_IsAsciiOrNull(string typed, string? expected) =>
        Assert.Equal(expected, JalaliDateRange.Normalize(typed));
}

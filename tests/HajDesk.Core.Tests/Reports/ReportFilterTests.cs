using HajDesk.Core.Reports;
using HajDesk.Core.Requests;
using static HajDesk.Core.Tests.Requests.RequestBuilder;

namespace HajDesk.Core.Tests.Reports;

public class ReportFilterTests
{
    private static readonly ServiceRequest[] Requests =
    [
        Make(1, Tehran, Hajj, RequestChannel.Web, new DateTime(2025, 3, 20, 20, 30, 0, DateTimeKind.Utc)),
        Make(2, Isfahan, Hajj, RequestChannel.Web, new DateTime(2025, 3, 25, 8, 0, 0, DateTimeKind.Utc)),
        Make(3, Tehran, Umrah, RequestChannel.Phone111, new DateTime(2025, 4, 19, 8, 0, 0, DateTimeKind.Utc)),
        Make(4, Tehran, Hajj, RequestChannel.Web, new DateTime(2025, 3, 20, 20, 29, 0, DateTimeKind.Utc)),
    ];

    [Fact]
    public void Apply_Supervisor_CountsOnlyTheirProvince() =>
        Assert.Equal([1, 3, 4], Ids(ReportFilter.Parse(Supervisor, null, null, null, null, null)));

    [Fact]
    public void Apply_SupervisorAskingForAnotherProvince_CountsNothing() =>
        Assert.Empty(Ids(ReportFilter.Parse(Supervisor, null, null, Isfahan, null, null)));

    [Fact]
    public void Apply_Expert_CountsNothing()
    {
        Assert.False(ReportFilter.MayRead(Expert));
        Assert.Empty(Ids(ReportFilter.Parse(Expert, null, null, null, null, null)));
    }

    [Fact]
    public void Apply_AdministratorWithPersianDates_CountsTehranDaysOfTheRange()
    {
        var filter = ReportFilter.Parse(Administrator, "۱۴۰۴/۰۱/۰۱", "1404/01/31", null, null, null);

        Assert.True(ReportFilter.MayRead(Administrator));
        Assert.Empty(filter.Dates.Errors);
        Assert.Equal([1, 2, 3], Ids(filter));
    }

    [Fact]
    public void Apply_SubjectAndChannel_NarrowTheSet()
    {
        Assert.Equal([3], Ids(ReportFilter.Parse(Administrator, null, null, null, Umrah, null)));
        Assert.Equal([3], Ids(ReportFilter.Parse(Administrator, null, null, null, null, RequestChannel.Phone111)));
    }

    [Fact]
    public void Parse_WrongDate_IsAPersianErrorAndFiltersNothing()
    {
        var filter = ReportFilter.Parse(Administrator, "۱۴۰۴/۱۳/۰۱", null, null, null, null);

        var error = Assert.Single(filter.Dates.Errors);
        Assert.Equal("From", error.Field);
        Assert.Contains("تاریخ درستی نیست", error.Message, StringComparison.Ordinal);
        Assert.Equal(4, Ids(filter).Count);
    }

    private static List<long> Ids(ReportFilter filter) =>
        filter.Apply(Requests.AsQueryable()).Select(r => r.Id).Order().ToList();

    private static ServiceRequest Make(long id, int province, int subject, RequestChannel channel, DateTime createdAt)
    {
        var request = Request(province: province, subject: subject);
        request.Id = id;
        request.Channel = channel;
        request.CreatedAt = createdAt;
        return request;
    }
}

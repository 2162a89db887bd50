using HajDesk.Core.Requests;
using HajDesk.Core.Staff;
using static HajDesk.Core.Tests.Requests.RequestBuilder;

namespace HajDesk.Core.Tests.Requests;

public class RequestRulesTests
{
    [Theory]
    [InlineData(RequestStatus.Submitted, true)]
    [InlineData(RequestStatus.InProgress, true)]
    [InlineData(RequestStatus.Referred, true)]
    [InlineData(RequestStatus.Reopened, true)]
    [InlineData(RequestStatus.WaitingForCitizen, true)]
    [InlineData(RequestStatus.Answered, false)]
    [InlineData(RequestStatus.Closed, false)]
    public void IsOpen_EachStatus_AgreesInMemoryAndAsExpression(RequestStatus status, bool open)
    {
        Assert.Equal(open, status.IsOpen());
        Assert.Equal(open, RequestRules.IsOpen.Compile()(Request(status)));
    }

    [Fact]
    public void OverdueAt_OpenPastDue_IsOverdue()
    {
        var request = Request();
        var overdue = RequestRules.OverdueAt(request.DueAt.AddSeconds(1)).Compile();

        Assert.True(overdue(request));
        Assert.False(RequestRules.OverdueAt(request.DueAt).Compile()(request));
        Assert.True(RequestRules.IsOverdue(request, request.DueAt.AddSeconds(1)));
    }

    [Fact]
    public void OverdueAt_AnsweredPastDue_IsNotOverdue()
    {
        var request = Request(RequestStatus.Answered);

        Assert.False(RequestRules.OverdueAt(request.DueAt.AddDays(1)).Compile()(request));
        Assert.False(RequestRules.IsOverdue(request, request.DueAt.AddDays(1)));
    }

    [Fact]
    public void VisibleToCitizen_InternalNoteEvenIfMarkedVisible_IsHidden()
    {
        var visible = RequestRules.VisibleToCitizen.Compile();

        Assert.True(visible(new RequestEvent { Kind = RequestEventKind.Answered, VisibleToCitizen = true }));
        Assert.False(visible(new RequestEvent { Kind = RequestEventKind.Assigned, VisibleToCitizen = false }));
        Assert.False(visible(new RequestEvent { Kind = RequestEventKind.InternalNote, VisibleToCitizen = true }));
    }

    [Fact]
    public void CoveredBy_EachRole_SeesItsShare()
    {
        bool Covers(StaffActor? staff, ServiceRequest request) => RequestRules.CoveredBy(staff).Compile()(request);
        var tehranHajj = Request(province: Tehran, subject: Hajj);
        var tehranUmrah = Request(province: Tehran, subject: Umrah);
        var isfahan = Request(province: Isfahan);

        Assert.True(Covers(Administrator, isfahan));
        Assert.True(Covers(Supervisor, tehranHajj) && Covers(Supervisor, tehranUmrah));
        Assert.False(Covers(Supervisor, isfahan));
        Assert.True(Covers(Expert, tehranUmrah));
        Assert.False(Covers(UmrahExpert, tehranHajj));
        Assert.True(Covers(UmrahExpert, tehranUmrah));
        Assert.False(Covers(null, tehranHajj));
        Assert.False(Covers(Expert with { ProvinceId = null }, tehranHajj));
        Assert.False(Covers(Supervisor with { ProvinceId = null }, tehranHajj));
    }

    [Fact]
    public void Covering_StaffOfTheProvince_AreTheOnesWhoCoverTheRequest()
    {
        var covering = RequestRules.Covering(Tehran, Hajj).Compile();
        StaffUser User(StaffRole role, int? province, bool disabled = false, params int[] subjects) => new()
        {
            Id = Guid.NewGuid().ToString(),
            DisplayName = "کاربر",
            Role = role,
            ProvinceId = province,
            IsDisabled = disabled,
            Subjects = [.. subjects.Select(s => new StaffSubject { StaffUserId = "x", SubjectId = s })],
        };

        Assert.True(covering(User(StaffRole.Expert, Tehran)));
        Assert.True(covering(User(StaffRole.Expert, Tehran, false, Hajj)));
        Assert.False(covering(User(StaffRole.Expert, Tehran, false, Umrah)));
        Assert.True(covering(User(StaffRole.Supervisor, Tehran, false, Umrah)));
        Assert.False(covering(User(StaffRole.Expert, Tehran, disabled: true)));
        Assert.False(covering(User(StaffRole.Expert, Isfahan)));
        Assert.False(covering(User(StaffRole.Administrator, null)));
    }
}

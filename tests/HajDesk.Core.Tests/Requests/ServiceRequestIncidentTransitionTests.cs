using HajDesk.Core.Incidents;
using HajDesk.Core.Requests;
using HajDesk.Core.Staff;
using static HajDesk.Core.Tests.Requests.RequestBuilder;
using static HajDesk.Core.Tests.Requests.ServiceRequestStaffTransitionTests;

namespace HajDesk.Core.Tests.Requests;

public class ServiceRequestIncidentTransitionTests
{
    private static Incident TehranFlight(int? subject = null, bool closed = false) => new()
    {
        Id = 7,
        Title = "تأخیر پرواز تهران–جده",
        ProvinceId = Tehran,
        SubjectId = subject,
        ClosedAt = closed ? Now : null,
    };

    private static Incident National() => new() { Id = 8, Title = "اختلال سامانه ثبت‌نام", ProvinceId = null };

    [Fact]
    public void LinkToIncident_OfItsProvince_LinksWithAnInternalEvent()
    {
        var request = Request();

        var result = request.LinkToIncident(Expert, TehranFlight(), Now);

        Assert.True(result.Succeeded);
        Assert.Equal(7, request.IncidentId);
        var entry = Assert.Single(request.Events);
        Assert.Equal(RequestEventKind.IncidentLinked, entry.Kind);
        Assert.False(entry.VisibleToCitizen);
        Assert.Equal("تأخیر پرواز تهران–جده", entry.Text);
        Assert.Empty(request.PendingNotices);
        Assert.Equal(RequestStatus.Submitted, request.Status);
    }

    [Fact]
    public void LinkToIncident_National_TakesRequestsOfEveryProvince() =>
        Assert.True(Request(province: Isfahan).LinkToIncident(IsfahanExpert, National(), Now).Succeeded);

    [Fact]
    public void LinkToIncident_OfAnotherProvince_IsRefused() =>
        AssertRefused(Request(province: Isfahan), r => r.LinkToIncident(Administrator, TehranFlight(), Now), RequestRefusals.IncidentOtherProvince);

    [Fact]
    public void LinkToIncident_AboutAnotherSubject_IsRefused() =>
        AssertRefused(Request(subject: Hajj), r => r.LinkToIncident(Expert, TehranFlight(subject: Umrah), Now), RequestRefusals.IncidentOtherSubject);

    [Fact]
    public void LinkToIncident_AboutItsSubSubject_Succeeds()
    {
        var request = Request(subject: Hajj);
        request.SubSubjectId = HajjVisa;
        Assert.True(request.LinkToIncident(Expert, TehranFlight(subject: HajjVisa), Now).Succeeded);
    }

    [Fact]
    public void LinkToIncident_Closed_IsRefused() =>
        AssertRefused(Request(), r => r.LinkToIncident(Expert, TehranFlight(closed: true), Now), IncidentRules.Closed);

    [Fact]
    public void LinkToIncident_Twice_IsRefused()
    {
        var request = Request();
        request.IncidentId = 7;
        AssertRefused(request, r => r.LinkToIncident(Expert, TehranFlight(), Now), RequestRefusals.AlreadyInIncident);
    }

    [Fact]
    public void LinkToIncident_OutsideScope_IsNotAllowed() =>
        Assert.True(AssertRefused(Request(), r => r.LinkToIncident(IsfahanExpert, National(), Now), RequestRefusals.NotCovered).Forbidden);

    [Fact]
    public void Unlink_TakesItOut_AndNotLinked_IsRefused()
    {
        var request = Request();
        request.IncidentId = 7;

        Assert.True(request.UnlinkFromIncident(Expert, "تأخیر پرواز", Now).Succeeded);
        Assert.Null(request.IncidentId);
        Assert.Equal(RequestEventKind.IncidentUnlinked, Assert.Single(request.Events).Kind);
        AssertRefused(Request(), r => r.UnlinkFromIncident(Expert, "—", Now), RequestRefusals.NotInIncident);
    }

    private static ServiceRequest Survivor(string nationalCode = "0499370899", int province = Tehran) => new()
    {
        Id = 43,
        TrackingCode = "123456789018",
        NationalCode = nationalCode,
        FirstName = "محمد",
        LastName = "رضایی",
        Mobile = "09121234567",
        Text = "درخواست نخست",
        Status = RequestStatus.InProgress,
        ProvinceId = province,
        SubjectId = Hajj,
        CreatedAt = Now.AddDays(-5),
        DueAt = Now.AddDays(1),
    };

    [Fact]
    public void MergeInto_SamePerson_ClosesWithAPointerTheCitizenReads()
    {
        var duplicate = Request(RequestStatus.InProgress);
        var survivor = Survivor();

        var result = duplicate.MergeInto(Supervisor, survivor, Now);

        Assert.True(result.Succeeded);
        Assert.Equal(43, duplicate.MergedIntoId);
        Assert.Equal(RequestStatus.Closed, duplicate.Status);
        Assert.Equal(Now, duplicate.ClosedAt);
        var entry = Assert.Single(duplicate.Events);
        Assert.Equal(RequestEventKind.Merged, entry.Kind);
        Assert.True(entry.VisibleToCitizen);
        Assert.Contains(TrackingCode.Format(survivor.TrackingCode), entry.Text, StringComparison.Ordinal);
        Assert.Equal([RequestNotice.Closed], duplicate.PendingNotices);
        var note = Assert.Single(survivor.Events);
        Assert.Equal(RequestEventKind.MergedIn, note.Kind);
        Assert.False(note.VisibleToCitizen);
        Assert.Equal(RequestStatus.InProgress, survivor.Status);
    }

    [Fact]
    public void MergeInto_AnotherPerson_IsRefused() =>
        AssertRefused(Request(), r => r.MergeInto(Supervisor, Survivor(nationalCode: "0010350829"), Now), RequestRefusals.MergeOtherPerson);

    [Fact]
    public void MergeInto_Itself_IsRefused() =>
        AssertRefused(Request(), r => r.MergeInto(Supervisor, r, Now), RequestRefusals.MergeIntoItself);

    [Fact]
    public void MergeInto_ARequestOutsideScope_IsRefusedAsNotFound() =>
        AssertRefused(Request(), r => r.MergeInto(Expert, Survivor(province: Isfahan), Now), RequestRefusals.MergeTargetNotFound);

    [Fact]
    public void MergeInto_AMergedRequest_IsRefused()
    {
        var survivor = Survivor();
        survivor.MergedIntoId = 99;
        AssertRefused(Request(), r => r.MergeInto(Supervisor, survivor, Now), RequestRefusals.MergeTargetMerged);
    }

    [Fact]
    public void MergeInto_WhenClosed_IsRefused() =>
        AssertRefused(Request(RequestStatus.Closed), r => r.MergeInto(Supervisor, Survivor(), Now), RequestRefusals.AlreadyClosed);

    [Fact]
    public void MergeInto_Anonymised_IsRefused()
    {
        var survivor = Survivor();
        survivor.AnonymisedAt = Now;
        AssertRefused(Request(), r => r.MergeInto(Supervisor, survivor, Now), RequestRefusals.MergeOtherPerson);
    }

    [Fact]
    public void Merged_RequestCannotBeLinked()
    {
        var request = Request();
        request.MergedIntoId = 43;
        AssertRefused(request, r => r.LinkToIncident(Expert, TehranFlight(), Now), RequestRefusals.Merged);
    }

    [Fact]
    public void Counted_LeavesOutMergedDuplicates()
    {
        var counted = RequestRules.Counted.Compile();
        var duplicate = Request();
        duplicate.MergedIntoId = 43;
        Assert.True(counted(Request()));
        Assert.False(counted(duplicate));
    }

    [Theory]
    [InlineData(StaffRole.Administrator, null, true)]
    [InlineData(StaffRole.Administrator, Isfahan, true)]
    [InlineData(StaffRole.Supervisor, Tehran, true)]
    [InlineData(StaffRole.Supervisor, Isfahan, false)]
    [InlineData(StaffRole.Supervisor, null, false)]
    [InlineData(StaffRole.Expert, Tehran, false)]
    public void CanManage_AdministratorAnySupervisorTheirProvince(StaffRole role, int? province, bool expected) =>
        Assert.Equal(expected, IncidentRules.CanManage(new StaffActor("x", "x", role, role == StaffRole.Administrator ? null : Tehran, []), province));

    [Theory]
    [InlineData(null, IncidentRules.TitleRequired)]
    [InlineData("   ", IncidentRules.TitleRequired)]
    [InlineData("<b>\u200f</b>", null)]
    public void CheckNew_TitleIsRequired(string? title, string? error)
    {
        var result = IncidentRules.CheckNew(Supervisor, title, Tehran, out _);
        Assert.Equal(error, result.Error);
    }

    [Fact]
    public void CheckNew_TooLong_NationalBySupervisor_OtherProvince_AreRefused()
    {
        Assert.Equal(IncidentRules.TitleTooLong, IncidentRules.CheckNew(Supervisor, new string('ب', 201), Tehran, out _).Error);
        Assert.True(IncidentRules.CheckNew(Supervisor, "اختلال", null, out _).Forbidden);
        Assert.True(IncidentRules.CheckNew(Supervisor, "اختلال", Isfahan, out _).Forbidden);
        Assert.True(IncidentRules.CheckNew(Administrator, "اختلال", null, out _).Succeeded);
    }

    [Fact]
    public void CheckNew_NormalisesTheTitle()
    {
        IncidentRules.CheckNew(Supervisor, "  تأخير\nپرواز كاروان ۱۲  ", Tehran, out var clean);
        Assert.Equal("تأخیر پرواز کاروان ۱۲", clean);
    }

    [Fact]
    public void VisibleTo_OthersSeeTheirProvinceAndNational()
    {
        var visible = IncidentRules.VisibleTo(IsfahanExpert).Compile();
        Assert.True(visible(National()));
        Assert.False(visible(TehranFlight()));
        Assert.True(IncidentRules.VisibleTo(Administrator).Compile()(TehranFlight()));
    }
}

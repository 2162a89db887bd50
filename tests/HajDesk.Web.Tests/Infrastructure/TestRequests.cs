using HajDesk.Core.Data;
using HajDesk.Core.Requests;

namespace HajDesk.Web.Tests.Infrastructure;

/// <summary>Builds requests directly in the database, for tests that need one without going through the form.</summary>
public static class TestRequests
{
    public static ServiceRequest Build(HajDeskDbContext db, string province = "Tehran", string subject = "سایر",
        RequestStatus status = RequestStatus.Submitted, DateTime? createdAt = null, string nationalCode = "0499370899",
        string text = "متن درخواست آزمایشی")
    {
        var created = createdAt ?? DateTime.UtcNow;
        return new ServiceRequest
        {
            TrackingCode = TrackingCode.New(),
            SubmissionKey = Guid.NewGuid(),
            NationalCode = nationalCode,
            BirthDate = new DateOnly(1986, 7, 3),
            FirstName = "محمد",
            LastName = "رضایی",
            Gender = Gender.Male,
            ProvinceId = db.Provinces.Single(p => p.Code == province).Id,
            Mobile = "09121234567",
            SubjectId = db.Subjects.Single(s => s.Name == subject && s.ParentId == null).Id,
            Text = text,
            Status = status,
            CreatedAt = created,
            UpdatedAt = created,
            DueAt = WorkingDays.AddWorkingDays(created, 7),
        };
    }

    /// <summary>A valid tracking code (right check digit) that is not <paramref name="code"/>.</summary>
    public static string TrackingCodeOtherThan(string code)
    {
        string other;
        do
        {
            other = TrackingCode.New();
        }
        while (other == code);
        return other;
    }
}

using HajDesk.Core.Calendar;
using HajDesk.Core.CivilRegistry;
using HajDesk.Core.Requests.Submission;

namespace HajDesk.Core.Requests;

public partial class ServiceRequest
{
    /// <summary>
    /// A new request in <see cref="RequestStatus.Submitted"/>, with a fresh tracking code, its due time from the
    /// subject's response days and its first timeline event. Identity comes from the registry's
    /// <paramref name="person"/>, never from the typed input.
    /// </summary>
    /// <param name="submissionKey">The form's one-time token, so a re-posted form finds this request.</param>
    /// <param name="person">The person the civil registry confirmed.</param>
    /// <param name="fields">The checked fields.</param>
    /// <param name="now">The submission instant (UTC).</param>
    /// <param name="calendar">The official calendar the deadline is counted in; Saturday to Wednesday without holidays when null.</param>
    /// <param name="origin">The channel and who brought the request in; the web form when null.</param>
    public static ServiceRequest Submit(Guid submissionKey, RegistryPerson person, ValidSubmission fields, DateTime now,
        WorkingCalendar? calendar = null, SubmissionOrigin? origin = null)
    {
        origin ??= SubmissionOrigin.Web;
        ArgumentNullException.ThrowIfNull(person);
        ArgumentNullException.ThrowIfNull(fields);
        var subject = fields.SubSubject ?? fields.Subject;
        var request = new ServiceRequest
        {
            TrackingCode = Requests.TrackingCode.New(),
            SubmissionKey = submissionKey,
            NationalCode = person.NationalCode,
            BirthDate = person.BirthDate,
            FirstName = person.FirstName,
            LastName = person.LastName,
            Gender = person.Gender,
            ProvinceId = fields.Province.Id,
            Email = fields.Email,
            Mobile = fields.Mobile,
            MobileVerified = origin.MobileVerified,
            LandlineAreaCode = fields.LandlineAreaCode,
            LandlineNumber = fields.LandlineNumber,
            SubjectId = fields.Subject.Id,
            SubSubjectId = fields.SubSubject?.Id,
            Text = fields.Text,
            Type = fields.Type,
            Status = RequestStatus.Submitted,
            CreatedAt = now,
            UpdatedAt = now,
            ResponseDays = subject.ResponseDays,
            DueAt = (calendar ?? WorkingCalendar.Default).AddWorkingDays(now, subject.ResponseDays),
            Channel = origin.Channel,
            CreatedById = origin.StaffId,
            ApiKeyId = origin.ApiKeyId,
        };
        request.FieldValues.AddRange(fields.FieldValues ?? []);
        request.Events.Add(new RequestEvent
        {
            Kind = RequestEventKind.Submitted,
            At = now,
            VisibleToCitizen = true,
            ToProvinceId = fields.Province.Id,
            ToSubjectId = subject.Id,
            ActorId = origin.StaffId,
            ActorName = origin.StaffName,
        });
        return request;
    }

    /// <summary>Draws another tracking code, after the first one turned out to be taken.</summary>
    public void RedrawTrackingCode() => TrackingCode = Requests.TrackingCode.New();
}

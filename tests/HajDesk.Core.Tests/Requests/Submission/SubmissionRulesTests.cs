using HajDesk.Core.CivilRegistry;
using HajDesk.Core.Reference;
using HajDesk.Core.Requests;
using HajDesk.Core.Requests.Submission;

namespace HajDesk.Core.Tests.Requests.Submission;

public class SubmissionRulesTests
{
    private static readonly DateOnly Today = new(2026, 11, 25);

    private static readonly Province Tehran = new() { Id = 8, Code = "THR", Name = "تهران", EnglishName = "Tehran", AreaCode = "021" };

    private static readonly Subject Other = new() { Id = 1, Name = "سایر", ResponseDays = 3 };

    private static readonly Subject Transfer = new() { Id = 21, ParentId = 2, Name = "انتقال فیش", AttachmentRequired = true };

    private static readonly Subject Hajj = new() { Id = 2, Name = "حج تمتع", Children = [Transfer] };

    private static SubmissionInput Valid(Action<SubmissionInput>? change = null)
    {
        var input = new SubmissionInput
        {
            BirthDay = "۱۲",
            BirthMonth = "4",
            BirthYear = "1365",
            NationalCode = "0499370899",
            ProvinceId = "8",
            Mobile = "۰۹۱۲۱۲۳۴۵۶۷",
            SubjectId = "1",
            RequestType = "Request",
            Text = "متن درخواست",
        };
        change?.Invoke(input);
        return input;
    }

    private static (ValidSubmission? Fields, FieldErrors Errors) Check(SubmissionInput input, int files = 0)
    {
        var errors = new FieldErrors();
        return (SubmissionRules.CheckFields(input, [Tehran], [Other, Hajj], files, errors), errors);
    }

    [Fact]
    public void TryReadIdentity_PersianDigits_GivesNormalizedCodeAndGregorianDate()
    {
        var errors = new FieldErrors();

        var ok = SubmissionRules.TryReadIdentity(Valid(i => i.NationalCode = "۰۴۹۹۳۷۰۸۹۹"), Today, errors, out var code, out var birthDate);

        Assert.True(ok);
        Assert.True(errors.IsEmpty);
        Assert.Equal("0499370899", code);
        Assert.Equal(new DateOnly(1986, 7, 3), birthDate);
    }

    [Theory]
    [InlineData(null, "12", "1365", nameof(SubmissionInput.NationalCode), SubmissionMessages.NationalCodeRequired)]
    [InlineData("1234567890", "12", "1365", nameof(SubmissionInput.NationalCode), SubmissionMessages.NationalCodeInvalid)]
    [InlineData("0499370899", "", "1365", nameof(SubmissionInput.BirthDay), SubmissionMessages.BirthDateIncomplete)]
    [InlineData("0499370899", "یک", "1365", nameof(SubmissionInput.BirthDay), SubmissionMessages.BirthDateNotNumeric)]
    [InlineData("0499370899", "12", "65", nameof(SubmissionInput.BirthYear), SubmissionMessages.BirthYearTwoDigits)]
    [InlineData("0499370899", "31", "1365", nameof(SubmissionInput.BirthDay), SubmissionMessages.BirthDateNotInCalendar)]
    [InlineData("0499370899", "12", "1499", nameof(SubmissionInput.BirthYear), SubmissionMessages.BirthDateInFuture)]
    [InlineData("0499370899", "12", "1200", nameof(SubmissionInput.BirthYear), SubmissionMessages.BirthYearTooOld)]
    public void TryReadIdentity_BadInput_GivesOneMessageOnTheField(string? nationalCode, string day, string year, string field, string message)
    {
        var errors = new FieldErrors();

        var ok = SubmissionRules.TryReadIdentity(Valid(i =>
        {
            i.NationalCode = nationalCode;
            i.BirthDay = day;
            i.BirthYear = year;
            i.BirthMonth = day == "31" ? "12" : "4";
        }), Today, errors, out _, out _);

        Assert.False(ok);
        Assert.Equal(message, errors[field]);
    }

    [Fact]
    public void CheckFields_ValidInput_GivesNormalizedFields()
    {
        var (fields, errors) = Check(Valid(i =>
        {
            i.Email = "NAME@Example.com";
            i.LandlineAreaCode = "۰۲۱";
            i.LandlineNumber = "۲۲۳۳ ۴۴۵۵";
            i.Text = "سلام، كمك مي‌خواهم";
        }));

        Assert.True(errors.IsEmpty);
        Assert.NotNull(fields);
        Assert.Equal("09121234567", fields.Mobile);
        Assert.Equal("name@example.com", fields.Email);
        Assert.Equal(("021", "22334455"), (fields.LandlineAreaCode, fields.LandlineNumber));
        Assert.Equal("سلام، کمک می‌خواهم", fields.Text);
        Assert.Same(Other, fields.Subject);
    }

    [Theory]
    [InlineData(nameof(SubmissionInput.ProvinceId), "", SubmissionMessages.ProvinceRequired)]
    [InlineData(nameof(SubmissionInput.ProvinceId), "99", SubmissionMessages.ProvinceInvalid)]
    [InlineData(nameof(SubmissionInput.Mobile), "", SubmissionMessages.MobileRequired)]
    [InlineData(nameof(SubmissionInput.Mobile), "02112345678", SubmissionMessages.MobileInvalid)]
    [InlineData(nameof(SubmissionInput.Email), "a@b@c", SubmissionMessages.EmailInvalid)]
    [InlineData(nameof(SubmissionInput.SubjectId), "", SubmissionMessages.SubjectRequired)]
    [InlineData(nameof(SubmissionInput.SubjectId), "<script>", SubmissionMessages.SubjectInvalid)]
    [InlineData(nameof(SubmissionInput.Text), "  ", SubmissionMessages.TextRequired)]
    [InlineData(nameof(SubmissionInput.RequestType), "", SubmissionMessages.RequestTypeRequired)]
    [InlineData(nameof(SubmissionInput.RequestType), "2", SubmissionMessages.RequestTypeInvalid)]
    [InlineData(nameof(SubmissionInput.RequestType), "<b>Complaint</b>", SubmissionMessages.RequestTypeInvalid)]
    public void CheckFields_BadField_GivesItsMessageAndNoFields(string field, string value, string message)
    {
        var input = Valid();
        typeof(SubmissionInput).GetProperty(field)!.SetValue(input, value);

        var (fields, errors) = Check(input);

        Assert.Null(fields);
        Assert.Equal(message, errors[field]);
    }

    [Theory]
    [InlineData("Complaint", RequestType.Complaint)]
    [InlineData("  suggestion ", RequestType.Suggestion)]
    [InlineData("انتقاد", RequestType.Criticism)]
    [InlineData("شكايت", RequestType.Complaint)]
    public void CheckFields_RequestTypeByNameInEitherLanguage_IsStored(string typed, RequestType expected)
    {
        var (fields, errors) = Check(Valid(i => i.RequestType = typed));

        Assert.True(errors.IsEmpty);
        Assert.Equal(expected, fields!.Type);
    }

    [Fact]
    public void CheckFields_LandlineParts_SayWhichPartIsWrong()
    {
        Assert.Equal(SubmissionMessages.AreaCodeInvalid,
            Check(Valid(i => (i.LandlineAreaCode, i.LandlineNumber) = ("099", "22334455"))).Errors[nameof(SubmissionInput.LandlineAreaCode)]);
        Assert.Equal(SubmissionMessages.LandlineInvalid,
            Check(Valid(i => (i.LandlineAreaCode, i.LandlineNumber) = ("021", "1234"))).Errors[nameof(SubmissionInput.LandlineNumber)]);
        Assert.Equal(SubmissionMessages.AreaCodeRequired,
            Check(Valid(i => i.LandlineNumber = "22334455")).Errors[nameof(SubmissionInput.LandlineAreaCode)]);
    }

    [Fact]
    public void CheckFields_TextOverLimit_SaysTheLimitAndTheLength()
    {
        var (_, errors) = Check(Valid(i => i.Text = new string('ب', ServiceRequest.MaxTextLength + 1)));

        Assert.Equal("متن درخواست حداکثر ۴۰۰۰ نویسه است؛ اکنون ۴۰۰۱ نویسه است.", errors[nameof(SubmissionInput.Text)]);
    }

    [Fact]
    public void CheckFields_SubSubjects_MustBeChosenFromTheMainSubjectAndMayNeedAFile()
    {
        Assert.Equal(SubmissionMessages.SubSubjectRequired("حج تمتع"), Check(Valid(i => i.SubjectId = "2")).Errors[nameof(SubmissionInput.SubSubjectId)]);
        Assert.Equal(SubmissionMessages.SubSubjectInvalid("حج تمتع"),
            Check(Valid(i => (i.SubjectId, i.SubSubjectId) = ("2", "1"))).Errors[nameof(SubmissionInput.SubSubjectId)]);
        Assert.Equal(SubmissionMessages.AttachmentRequired("انتقال فیش"),
            Check(Valid(i => (i.SubjectId, i.SubSubjectId) = ("2", "21"))).Errors[SubmissionFields.Files]);
        Assert.Same(Transfer, Check(Valid(i => (i.SubjectId, i.SubSubjectId) = ("2", "21")), files: 1).Fields!.SubSubject);
    }

    [Fact]
    public void CheckFields_ErrorFromTheChannel_GivesNoFieldsAndWinsOverTheRule()
    {
        var errors = new FieldErrors();
        errors.Add(SubmissionFields.Files, "فایل «a.exe» پذیرفته نیست.");

        var fields = SubmissionRules.CheckFields(Valid(i => (i.SubjectId, i.SubSubjectId) = ("2", "21")), [Tehran], [Other, Hajj], 0, errors);

        Assert.Null(fields);
        Assert.Equal("فایل «a.exe» پذیرفته نیست.", errors[SubmissionFields.Files]);
    }

    [Fact]
    public void Submit_TakesIdentityFromTheRegistryAndStartsTheTimeline()
    {
        var person = new RegistryPerson("0499370899", new DateOnly(1986, 7, 3), "محمد", "رضایی", Gender.Male);
        var fields = Check(Valid()).Fields!;
        var key = Guid.NewGuid();
        var now = new DateTime(2026, 11, 25, 8, 0, 0, DateTimeKind.Utc);

        var request = ServiceRequest.Submit(key, person, fields, now);

        Assert.Equal(("محمد", "رضایی", Gender.Male, "0499370899"), (request.FirstName, request.LastName, request.Gender, request.NationalCode));
        Assert.Equal(key, request.SubmissionKey);
        Assert.True(TrackingCode.VerhoeffValid(request.TrackingCode));
        Assert.Equal(RequestStatus.Submitted, request.Status);
        Assert.Equal(WorkingDays.AddWorkingDays(now, Other.ResponseDays), request.DueAt);
        var submitted = Assert.Single(request.Events);
        Assert.Equal((RequestEventKind.Submitted, 8, 1), (submitted.Kind, submitted.ToProvinceId, submitted.ToSubjectId));
    }
}

using System.Globalization;
using HajDesk.Core.Persian;
using HajDesk.Core.Reference;

namespace HajDesk.Core.Requests.Submission;

/// <summary>The checked fields of a new request, ready for <see cref="ServiceRequest.Submit"/>.</summary>
public sealed record ValidSubmission(
    Province Province,
    Subject Subject,
    Subject? SubSubject,
    string Mobile,
    string? Email,
    string? LandlineAreaCode,
    string? LandlineNumber,
    string Text,
    RequestType Type = RequestType.Request,
    IReadOnlyList<Fields.RequestFieldValue>? FieldValues = null);

/// <summary>
/// The field rules of a new request, whoever sends it. Pure functions over what was typed and the reference data
/// (provinces, active subjects), so every intake channel gets the same rules and the same Persian messages.
/// </summary>
public static class SubmissionRules
{
    /// <summary>Checks national code and birth date; records their errors; true when both are usable.</summary>
    /// <param name="input">What was typed.</param>
    /// <param name="today">Today in Tehran, for "not in the future".</param>
    /// <param name="errors">Receives the messages.</param>
    /// <param name="nationalCode">The normalized national code, or <c>""</c>.</param>
    /// <param name="birthDate">The Gregorian birth date, when usable.</param>
    public static bool TryReadIdentity(SubmissionInput input, DateOnly today, FieldErrors errors, out string nationalCode, out DateOnly birthDate)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(errors);
        birthDate = default;
        var valid = true;
        if (string.IsNullOrWhiteSpace(input.NationalCode))
        {
            errors.Add(nameof(input.NationalCode), SubmissionMessages.NationalCodeRequired);
            valid = false;
        }
        else if (!NationalCode.TryNormalize(input.NationalCode, out _))
        {
            errors.Add(nameof(input.NationalCode), SubmissionMessages.NationalCodeInvalid);
            valid = false;
        }

        NationalCode.TryNormalize(input.NationalCode, out nationalCode);
        return TryReadBirthDate(input, today, errors, out birthDate) && valid;
    }

    private static bool TryReadBirthDate(SubmissionInput input, DateOnly today, FieldErrors errors, out DateOnly birthDate)
    {
        birthDate = default;
        if (string.IsNullOrWhiteSpace(input.BirthDay) || string.IsNullOrWhiteSpace(input.BirthMonth) || string.IsNullOrWhiteSpace(input.BirthYear))
        {
            errors.Add(nameof(input.BirthDay), SubmissionMessages.BirthDateIncomplete);
            return false;
        }

        if (!TryParseNumber(input.BirthDay, out var day) || !TryParseNumber(input.BirthMonth, out var month) || !TryParseNumber(input.BirthYear, out var year))
        {
            errors.Add(nameof(input.BirthDay), SubmissionMessages.BirthDateNotNumeric);
            return false;
        }

        if (year is >= 0 and < 100)
        {
            errors.Add(nameof(input.BirthYear), SubmissionMessages.BirthYearTwoDigits);
            return false;
        }

        if (!JalaliDate.TryCreate(year, month, day, out birthDate))
        {
            errors.Add(nameof(input.BirthDay), SubmissionMessages.BirthDateNotInCalendar);
            return false;
        }

        switch (BirthDate.Check(birthDate, today))
        {
            case BirthDateProblem.InFuture:
                errors.Add(nameof(input.BirthYear), SubmissionMessages.BirthDateInFuture);
                return false;
            case BirthDateProblem.TooOld:
                errors.Add(nameof(input.BirthYear), SubmissionMessages.BirthYearTooOld);
                return false;
            default:
                return true;
        }
    }

    /// <summary>
    /// Checks everything but the identity: province, contacts, subject and sub-subject, text, and that a subject
    /// needing a document has one. Returns the checked fields, or null when any error was recorded.
    /// </summary>
    /// <param name="input">What was typed.</param>
    /// <param name="provinces">Every province.</param>
    /// <param name="mainSubjects">The active main subjects, with their children loaded.</param>
    /// <param name="fileCount">Documents accepted for this form so far.</param>
    /// <param name="errors">Receives the messages; errors already in it (refused files) make the result null too.</param>
    /// <param name="subjectFields">Every subjects' extra field (<see cref="Fields.FieldRules.ForSubject"/> picks the chosen subject's); none when null.</param>
    public static ValidSubmission? CheckFields(
        SubmissionInput input, IReadOnlyCollection<Province> provinces, IReadOnlyCollection<Subject> mainSubjects, int fileCount, FieldErrors errors,
        IReadOnlyCollection<Fields.SubjectField>? subjectFields = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(provinces);
        ArgumentNullException.ThrowIfNull(errors);
        var province = CheckProvince(input, provinces, errors);
        var email = CheckEmail(input, errors);
        var mobile = CheckMobile(input, errors);
        var (areaCode, landline) = CheckLandline(input, provinces, errors);
        var (subject, subSubject) = CheckSubjects(input, mainSubjects, errors);
        var type = CheckType(input, errors);

        var text = PersianText.NormalizeText(input.Text);
        if (text.Length == 0)
        {
            errors.Add(nameof(input.Text), SubmissionMessages.TextRequired);
        }
        else if (text.Length > ServiceRequest.MaxTextLength)
        {
            errors.Add(nameof(input.Text), SubmissionMessages.TextTooLong(text.Length));
        }

        // The subject's extra fields, checked once the subject (and a needed sub-subject) is known.
        var fieldValues = subject is not null && subjectFields is not null && (subSubject is not null || subject.Children.All(c => !c.IsActive))
            ? Fields.FieldRules.Check(Fields.FieldRules.ForSubject(subjectFields, subject.Id, subSubject?.Id), input.Fields, errors)
            : [];

        if ((subSubject ?? subject) is { AttachmentRequired: true } effective && fileCount == 0)
        {
            errors.Add(SubmissionFields.Files, SubmissionMessages.AttachmentRequired(effective.Name));
        }

        return errors.IsEmpty && province is not null && subject is not null
            ? new ValidSubmission(province, subject, subSubject, mobile, email, areaCode, landline, text, type, fieldValues)
            : null;
    }

    private static RequestType CheckType(SubmissionInput input, FieldErrors errors)
    {
        if (string.IsNullOrWhiteSpace(input.RequestType))
        {
            errors.Add(nameof(input.RequestType), SubmissionMessages.RequestTypeRequired);
            return default;
        }

        if (!RequestTypeText.TryParse(input.RequestType, out var type))
        {
            errors.Add(nameof(input.RequestType), SubmissionMessages.RequestTypeInvalid);
        }

        return type;
    }

    private static Province? CheckProvince(SubmissionInput input, IReadOnlyCollection<Province> provinces, FieldErrors errors)
    {
        if (string.IsNullOrWhiteSpace(input.ProvinceId))
        {
            errors.Add(nameof(input.ProvinceId), SubmissionMessages.ProvinceRequired);
            return null;
        }

        var province = TryParseId(input.ProvinceId, out var id) ? provinces.FirstOrDefault(p => p.Id == id) : null;
        if (province is null)
        {
            errors.Add(nameof(input.ProvinceId), SubmissionMessages.ProvinceInvalid);
        }

        return province;
    }

    private static string? CheckEmail(SubmissionInput input, FieldErrors errors)
    {
        if (string.IsNullOrWhiteSpace(input.Email))
        {
            return null;
        }

        var email = PersianText.NormalizeNumeric(input.Email).ToLowerInvariant();
        if (EmailAddress.IsValid(email))
        {
            return email;
        }

        errors.Add(nameof(input.Email), SubmissionMessages.EmailInvalid);
        return null;
    }

    private static string CheckMobile(SubmissionInput input, FieldErrors errors)
    {
        if (string.IsNullOrWhiteSpace(input.Mobile))
        {
            errors.Add(nameof(input.Mobile), SubmissionMessages.MobileRequired);
            return string.Empty;
        }

        if (!PhoneNumber.TryNormalizeMobile(input.Mobile, out var mobile))
        {
            errors.Add(nameof(input.Mobile), SubmissionMessages.MobileInvalid);
        }

        return mobile;
    }

    private static (string? AreaCode, string? Number) CheckLandline(SubmissionInput input, IReadOnlyCollection<Province> provinces, FieldErrors errors)
    {
        if (string.IsNullOrWhiteSpace(input.LandlineNumber))
        {
            return (null, null);
        }

        if (string.IsNullOrWhiteSpace(input.LandlineAreaCode))
        {
            errors.Add(nameof(input.LandlineAreaCode), SubmissionMessages.AreaCodeRequired);
            return (null, null);
        }

        var knownAreaCodes = provinces.Select(p => p.AreaCode).ToList();
        if (PhoneNumber.TryNormalizeLandline(input.LandlineAreaCode, input.LandlineNumber, knownAreaCodes, out var areaCode, out var number))
        {
            return (areaCode, number);
        }

        // Tell which part is wrong: with a number known to be well-formed, does the area code alone pass?
        var areaCodeValid = PhoneNumber.TryNormalizeLandline(input.LandlineAreaCode, "22222222", knownAreaCodes, out _, out _);
        errors.Add(areaCodeValid ? nameof(input.LandlineNumber) : nameof(input.LandlineAreaCode),
            areaCodeValid ? SubmissionMessages.LandlineInvalid : SubmissionMessages.AreaCodeInvalid);
        return (null, null);
    }

    private static (Subject? Subject, Subject? SubSubject) CheckSubjects(SubmissionInput input, IReadOnlyCollection<Subject> mainSubjects, FieldErrors errors)
    {
        if (string.IsNullOrWhiteSpace(input.SubjectId))
        {
            errors.Add(nameof(input.SubjectId), SubmissionMessages.SubjectRequired);
            return (null, null);
        }

        var subject = TryParseId(input.SubjectId, out var subjectId)
            ? mainSubjects.FirstOrDefault(s => s.Id == subjectId && s.ParentId == null && s.IsActive)
            : null;
        if (subject is null)
        {
            errors.Add(nameof(input.SubjectId), SubmissionMessages.SubjectInvalid);
            return (null, null);
        }

        var activeChildren = subject.Children.Where(c => c.IsActive).ToList();
        if (activeChildren.Count == 0)
        {
            return (subject, null);
        }

        if (string.IsNullOrWhiteSpace(input.SubSubjectId))
        {
            errors.Add(nameof(input.SubSubjectId), SubmissionMessages.SubSubjectRequired(subject.Name));
            return (subject, null);
        }

        var subSubject = TryParseId(input.SubSubjectId, out var subId) ? activeChildren.FirstOrDefault(c => c.Id == subId) : null;
        if (subSubject is null)
        {
            errors.Add(nameof(input.SubSubjectId), SubmissionMessages.SubSubjectInvalid(subject.Name));
        }

        return (subject, subSubject);
    }

    private static bool TryParseNumber(string? value, out int number) =>
        int.TryParse(PersianText.NormalizeNumeric(value), NumberStyles.None, CultureInfo.InvariantCulture, out number);

    private static bool TryParseId(string? value, out int id) =>
        int.TryParse(PersianText.NormalizeNumeric(value), CultureInfo.InvariantCulture, out id);
}

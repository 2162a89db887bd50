using HajDesk.Core.CivilRegistry;
using HajDesk.Core.Data;
using HajDesk.Core.Persian;
using HajDesk.Core.Reference;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace HajDesk.Core.Requests.Submission;

/// <summary>
/// Sending a new request, for every intake channel (the citizen form, the Open311 API, requests staff register for
/// a citizen; see <see cref="SubmissionOrigin"/>): the field rules, confirmation by the civil registry (names and gender are the registry's), idempotency
/// by submission key, a tracking code drawn again on a collision, and the request, its staged files and its outbox
/// messages committed in one transaction.
/// </summary>
/// <remarks>
/// Limits on asking the registry belong to the channel (per address, per national code, per form): it passes a
/// <c>mayAskRegistry</c> gate, called with the normalized national code and the birth date right before the registry is asked.
/// So does the security code: the web form checks and claims it before calling and hands it over to be stored as
/// spent with the request; trusted channels (signed-in staff, an API key) have none.
/// </remarks>
public sealed class SubmissionService(
    HajDeskDbContext db,
    ReferenceDataCache referenceData,
    ICivilRegistry registry,
    ISubmissionNotifications notifications,
    TimeProvider time,
    ILogger<SubmissionService> logger,
    Calendar.WorkingCalendarStore calendars,
    Assignment.AutoAssigner assigner)
{
    private const int SaveAttempts = 4;

    /// <summary>What a form offers: every province and the active main subjects with their active children, in display order.</summary>
    public async Task<SubmissionChoices> ChoicesAsync(CancellationToken cancellationToken)
    {
        var data = await referenceData.GetAsync(db, cancellationToken);
        return new(data.Provinces, data.FormSubjects);
    }

    /// <summary>The active extra fields a choice of subject asks (the main subject's first); none without a subject.</summary>
    public async Task<IReadOnlyList<Fields.SubjectField>> FieldsAsync(int? subjectId, int? subSubjectId, CancellationToken cancellationToken)
    {
        var data = await referenceData.GetAsync(db, cancellationToken);
        return Fields.FieldRules.ForSubject(data.Fields, subjectId, subSubjectId);
    }

    /// <summary>The same for the typed (unchecked) choice of a form: ids in any digits; a sub-subject only of that subject.</summary>
    public async Task<IReadOnlyList<Fields.SubjectField>> FieldsAsync(SubmissionInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var data = await referenceData.GetAsync(db, cancellationToken);
        if (!int.TryParse(PersianText.NormalizeNumeric(input.SubjectId), System.Globalization.CultureInfo.InvariantCulture, out var subjectId)
            || data.FormSubjects.FirstOrDefault(s => s.Id == subjectId) is not { } subject)
        {
            return [];
        }

        int? sub = int.TryParse(PersianText.NormalizeNumeric(input.SubSubjectId), System.Globalization.CultureInfo.InvariantCulture, out var subId)
            && subject.Children.Any(c => c.Id == subId) ? subId : null;
        return Fields.FieldRules.ForSubject(data.Fields, subject.Id, sub);
    }

    /// <summary>The request this submission key already created, if any.</summary>
    public Task<long?> FindAsync(Guid submissionKey, CancellationToken cancellationToken) =>
        FindBySubmissionKey.For(db)(db, submissionKey, cancellationToken);

    // Compiled once: every send POST asks it (twice), and EF's query cache would otherwise hash the expression each time.
    private static readonly PerModelQuery<Func<HajDeskDbContext, Guid, CancellationToken, Task<long?>>> FindBySubmissionKey = new(() =>
        EF.CompileAsyncQuery((HajDeskDbContext db, Guid submissionKey, CancellationToken _) =>
            db.Requests.AsNoTracking().Where(r => r.SubmissionKey == submissionKey).Select(r => (long?)r.Id).FirstOrDefault()));

    /// <summary>
    /// A double click sends the same form twice at once: the first post takes the security code, the second finds
    /// it taken. When the channel says a twin is probably still saving this very form, wait up to ten seconds for
    /// its request instead of showing an error.
    /// </summary>
    /// <returns>The twin's request, or null when none appeared.</returns>
    public async Task<long?> WaitForTwinAsync(Guid submissionKey, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 40; attempt++)
        {
            if (await FindAsync(submissionKey, cancellationToken) is { } id)
            {
                return id;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250), time, cancellationToken);
        }

        return null;
    }

    /// <summary>Checks national code and birth date and asks the registry who that is; stores nothing.</summary>
    public async Task<IdentityCheck> LookupAsync(SubmissionInput input, Func<string, DateOnly, CancellationToken, Task<bool>>? mayAskRegistry, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        if (!SubmissionRules.TryReadIdentity(input, JalaliDate.TodayInTehran(time), errors, out var nationalCode, out var birthDate))
        {
            return new IdentityCheck(IdentityOutcome.Invalid, errors);
        }

        return await AskRegistryAsync(nationalCode, birthDate, errors, mayAskRegistry, cancellationToken);
    }

    /// <summary>
    /// Checks every field without asking the registry (the channel's own check, such as the security code, failed).
    /// Always <see cref="SubmissionOutcome.Invalid"/>, with the errors of <paramref name="channelErrors"/> and the fields.
    /// </summary>
    public async Task<SubmissionResult> CheckAsync(Guid submissionKey, SubmissionInput input, FieldErrors channelErrors, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(channelErrors);
        SubmissionRules.TryReadIdentity(input, JalaliDate.TodayInTehran(time), channelErrors, out _, out _);
        await CheckFieldsAsync(submissionKey, input, channelErrors, cancellationToken);
        return new SubmissionResult(SubmissionOutcome.Invalid, channelErrors);
    }

    /// <summary>
    /// Sends the request: a re-posted submission key gets its earlier request; otherwise every field is checked,
    /// the registry confirms the identity, and the request with the files staged under the key and its outbox
    /// messages is committed in one transaction.
    /// </summary>
    /// <param name="command">The form's key and fields, and the channel's gates and proofs.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    public async Task<SubmissionResult> SubmitAsync(SubmissionCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var (submissionKey, input, origin) = (command.SubmissionKey, command.Input, command.Origin);
        if (await FindAsync(submissionKey, cancellationToken) is { } existing)
        {
            return await ExistingAsync(existing, cancellationToken);
        }

        var errors = command.ChannelErrors ?? new FieldErrors();
        var identityValid = SubmissionRules.TryReadIdentity(input, JalaliDate.TodayInTehran(time), errors, out var nationalCode, out var birthDate);
        var (fields, staged) = await CheckFieldsAsync(submissionKey, input, errors, cancellationToken);
        if (!identityValid)
        {
            return new SubmissionResult(SubmissionOutcome.Invalid, errors);
        }

        var complete = fields is not null && errors.IsEmpty;
        var identity = await AskRegistryAsync(nationalCode, birthDate, errors, complete ? command.MayAskRegistry : command.MayShowName ?? command.MayAskRegistry, cancellationToken);
        if (!complete && command.MayShowName is not null && identity.Outcome == IdentityOutcome.Throttled)
        {
            // Only a name would have been shown: the errors of the other fields come back, the name does not.
            return new SubmissionResult(SubmissionOutcome.Invalid, errors);
        }

        if (identity.Outcome == IdentityOutcome.Found && fields is not null && errors.IsEmpty && command.WarnOfOpenRequest && !input.NewDespiteOpenRequest
            && await FindOpenRequestAsync(nationalCode, birthDate, fields, cancellationToken) is { } earlier)
        {
            return new SubmissionResult(SubmissionOutcome.OpenRequestExists, errors, identity.Person, OpenRequest: earlier.Notice);
        }

        if (identity.Outcome == IdentityOutcome.Found && fields is not null && errors.IsEmpty && command.MobileVerified is not null)
        {
            if (!await command.MobileVerified(fields.Mobile, cancellationToken))
            {
                return new SubmissionResult(SubmissionOutcome.MobileUnverified, errors, identity.Person, Mobile: fields.Mobile);
            }

            origin = (origin ?? SubmissionOrigin.Web) with { MobileVerified = true };
        }

        return identity.Outcome switch
        {
            IdentityOutcome.Throttled => new SubmissionResult(SubmissionOutcome.Throttled, errors),
            IdentityOutcome.Unavailable => new SubmissionResult(SubmissionOutcome.RegistryUnavailable, errors),
            IdentityOutcome.Found when fields is not null && errors.IsEmpty =>
                await SaveAsync(ServiceRequest.Submit(submissionKey, identity.Person!, fields, time.GetUtcNow().UtcDateTime,
                    await calendars.GetAsync(db, cancellationToken), origin), staged, command.SpentCode, cancellationToken),
            _ => new SubmissionResult(SubmissionOutcome.Invalid, errors, identity.Person),
        };
    }

    /// <summary>
    /// The open request <see cref="SubmissionOutcome.OpenRequestExists"/> spoke of, for the form's reminder: found
    /// again from what is typed (the same fields must still pass; no registry is asked, the stored birth date must
    /// match), never from an id the page could forge.
    /// </summary>
    public async Task<OpenRequestFound?> FindOpenRequestAsync(Guid submissionKey, SubmissionInput input, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        if (!SubmissionRules.TryReadIdentity(input, JalaliDate.TodayInTehran(time), errors, out var nationalCode, out var birthDate))
        {
            return null;
        }

        var (fields, _) = await CheckFieldsAsync(submissionKey, input, errors, cancellationToken);
        return fields is null ? null : await FindOpenRequestAsync(nationalCode, birthDate, fields, cancellationToken);
    }

    private Task<OpenRequestFound?> FindOpenRequestAsync(string nationalCode, DateOnly birthDate, ValidSubmission fields, CancellationToken cancellationToken) =>
        NewestOpenRequest.For(db)(db, nationalCode, birthDate, fields.Subject.Id, fields.SubSubject?.Id, cancellationToken);

    // Compiled once: every citizen send that passes its checks asks it (a few rows by the national code's index).
    private static readonly PerModelQuery<Func<HajDeskDbContext, string, DateOnly, int, int?, CancellationToken, Task<OpenRequestFound?>>> NewestOpenRequest = new(() =>
        EF.CompileAsyncQuery((HajDeskDbContext db, string nationalCode, DateOnly birthDate, int subjectId, int? subSubjectId, CancellationToken _) =>
            db.Requests.AsNoTracking()
                .Where(r => r.NationalCode == nationalCode && r.BirthDate == birthDate && r.SubjectId == subjectId && r.SubSubjectId == subSubjectId)
                .Where(RequestRules.IsOpen)
                .Where(RequestRules.Counted)
                .OrderByDescending(r => r.CreatedAt)
                .Select(r => new OpenRequestFound(r.Id, r.TrackingCode, r.CreatedAt, r.Mobile))
                .FirstOrDefault()));

    private async Task<(ValidSubmission? Fields, List<Attachment> Staged)> CheckFieldsAsync(
        Guid submissionKey, SubmissionInput input, FieldErrors errors, CancellationToken cancellationToken)
    {
        var data = await referenceData.GetAsync(db, cancellationToken);
        var staged = await db.Attachments.AsNoTracking().Where(a => a.StagingKey == submissionKey && a.RequestId == null)
            .ToListAsync(cancellationToken);
        return (SubmissionRules.CheckFields(input, data.Provinces, data.ActiveMainSubjects, staged.Count, errors, data.Fields), staged);
    }

    private async Task<IdentityCheck> AskRegistryAsync(
        string nationalCode, DateOnly birthDate, FieldErrors errors, Func<string, DateOnly, CancellationToken, Task<bool>>? mayAskRegistry, CancellationToken cancellationToken)
    {
        if (mayAskRegistry is not null && !await mayAskRegistry(nationalCode, birthDate, cancellationToken))
        {
            return new IdentityCheck(IdentityOutcome.Throttled, errors);
        }

        var result = await registry.LookupAsync(nationalCode, birthDate, cancellationToken);
        switch (result.Outcome)
        {
            case RegistryOutcome.Found:
                return new IdentityCheck(IdentityOutcome.Found, errors, result.Person);
            case RegistryOutcome.Unavailable:
                return new IdentityCheck(IdentityOutcome.Unavailable, errors);
            default:
                errors.Add(nameof(SubmissionInput.NationalCode), SubmissionMessages.NotConfirmed);
                return new IdentityCheck(IdentityOutcome.NotConfirmed, errors);
        }
    }

    private async Task<SubmissionResult> SaveAsync(ServiceRequest request, List<Attachment> staged, Captcha.CaptchaChallenge? spentCode, CancellationToken cancellationToken)
    {
        // The province's automatic assignment, if on, is part of the request's creation: one transaction, once.
        await assigner.AssignAsync(request, request.CreatedAt, cancellationToken);
        db.Requests.Add(request);
        if (spentCode is not null)
        {
            db.CaptchaChallenges.Add(spentCode);
        }

        // The staged files join the request in the same transaction: the tracking code is shown only once the
        // request and all of its files are committed together.
        foreach (var file in staged)
        {
            db.Attachments.Attach(file);
            file.Request = request;
            file.StagingKey = null;
        }

        for (var attempt = 1; ; attempt++)
        {
            try
            {
                notifications.RequestReceived(request);
                await db.SaveChangesAsync(cancellationToken);
                logger.LogInformation("Request {RequestId} submitted for province {ProvinceId}", request.Id, request.ProvinceId);
                return new SubmissionResult(SubmissionOutcome.Created, new FieldErrors(), RequestId: request.Id, TrackingCode: request.TrackingCode);
            }
            catch (DbUpdateException) when (attempt < SaveAttempts)
            {
                // Either this very form was committed a moment ago by a double click, or its security code was spent
                // by another post, or (rarely) the random tracking code is taken. In the first case the first request
                // wins, in the second this one stops; in the third, draw again.
                if (await FindAsync(request.SubmissionKey, cancellationToken) is { } id)
                {
                    db.ChangeTracker.Clear();
                    return await ExistingAsync(id, cancellationToken);
                }

                if (spentCode is not null && await db.CaptchaChallenges.AsNoTracking().AnyAsync(c => c.Id == spentCode.Id, cancellationToken))
                {
                    db.ChangeTracker.Clear();
                    return new SubmissionResult(SubmissionOutcome.SecurityCodeSpent, new FieldErrors());
                }

                request.RedrawTrackingCode();
            }
        }
    }

    private async Task<SubmissionResult> ExistingAsync(long id, CancellationToken cancellationToken)
    {
        var code = await db.Requests.AsNoTracking().Where(r => r.Id == id).Select(r => r.TrackingCode).SingleAsync(cancellationToken);
        return new SubmissionResult(SubmissionOutcome.AlreadySubmitted, new FieldErrors(), RequestId: id, TrackingCode: code);
    }
}

using HajDesk.Core.Requests.Submission;
using HajDesk.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HajDesk.Web.Tests.Submission;

/// <summary>The submission service on a real database of each provider, with the demo registry.</summary>
public class SubmissionServiceTests
{
    public static TheoryData<DatabaseProvider> Providers => [DatabaseProvider.Sqlite, DatabaseProvider.Postgres];

    private static async Task<SubmissionInput> ValidInputAsync(HajDeskFactory app) => new()
    {
        BirthDay = "12",
        BirthMonth = "4",
        BirthYear = "1365",
        NationalCode = "0499370899",
        ProvinceId = (await app.WithDbAsync(db => db.Provinces.Where(p => p.Name == "تهران").Select(p => p.Id).SingleAsync())).ToString(System.Globalization.CultureInfo.InvariantCulture),
        Mobile = "09121234567",
        SubjectId = (await app.WithDbAsync(db => db.Subjects.Where(s => s.Name == "سایر").Select(s => s.Id).SingleAsync())).ToString(System.Globalization.CultureInfo.InvariantCulture),
        RequestType = "Complaint",
        Text = "متن درخواست",
    };

    private static async Task<SubmissionResult> SubmitAsync(HajDeskFactory app, Guid key, SubmissionInput input)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<SubmissionService>().SubmitAsync(new SubmissionCommand(key, input), CancellationToken.None);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task SubmitAsync_ValidInput_CommitsRequestWithRegistryNamesAndOutboxMessages(DatabaseProvider provider)
    {
        await using var app = await HajDeskFactory.CreateAsync(provider);
        var input = await ValidInputAsync(app);

        var result = await SubmitAsync(app, Guid.NewGuid(), input);

        Assert.Equal(SubmissionOutcome.Created, result.Outcome);
        var request = await app.WithDbAsync(db => db.Requests.SingleAsync());
        Assert.Equal((result.RequestId, result.TrackingCode), ((long?)request.Id, request.TrackingCode));
        Assert.Equal(("محمد", "رضایی"), (request.FirstName, request.LastName));
        Assert.NotEqual(0, await app.WithDbAsync(db => db.OutboxMessages.CountAsync()));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task SubmitAsync_SameKeyTwice_GivesTheFirstRequest(DatabaseProvider provider)
    {
        await using var app = await HajDeskFactory.CreateAsync(provider);
        var input = await ValidInputAsync(app);
        var key = Guid.NewGuid();

        var first = await SubmitAsync(app, key, input);
        var second = await SubmitAsync(app, key, input);

        Assert.Equal(SubmissionOutcome.AlreadySubmitted, second.Outcome);
        Assert.Equal((first.RequestId, first.TrackingCode), (second.RequestId, second.TrackingCode));
        Assert.Equal(1, await app.WithDbAsync(db => db.Requests.CountAsync()));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task SubmitAsync_BadFieldsOrUnconfirmedPerson_StoresNothingAndKeysErrorsByProperty(DatabaseProvider provider)
    {
        await using var app = await HajDeskFactory.CreateAsync(provider);
        var input = await ValidInputAsync(app);
        input.BirthDay = "13";
        input.Mobile = "12";

        var result = await SubmitAsync(app, Guid.NewGuid(), input);

        Assert.Equal(SubmissionOutcome.Invalid, result.Outcome);
        Assert.Equal(SubmissionMessages.NotConfirmed, result.Errors[nameof(SubmissionInput.NationalCode)]);
        Assert.Equal(SubmissionMessages.MobileInvalid, result.Errors[nameof(SubmissionInput.Mobile)]);
        Assert.Equal(0, await app.WithDbAsync(db => db.Requests.CountAsync()));
        Assert.Equal(0, await app.WithDbAsync(db => db.OutboxMessages.CountAsync()));
    }

    private static async Task<SubmissionResult> SubmitWarnedAsync(HajDeskFactory app, SubmissionInput input)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<SubmissionService>()
            .SubmitAsync(new SubmissionCommand(Guid.NewGuid(), input) { WarnOfOpenRequest = true }, CancellationToken.None);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task SubmitAsync_WarnOfOpenRequest_TellsOfTheSamePersonsOpenRequestOnTheSameSubjectOnly(DatabaseProvider provider)
    {
        await using var app = await HajDeskFactory.CreateAsync(provider);
        var input = await ValidInputAsync(app);
        var first = await SubmitAsync(app, Guid.NewGuid(), input);
        var earlier = await app.WithDbAsync(db => db.Requests.SingleAsync());

        var told = await SubmitWarnedAsync(app, input);

        Assert.Equal(SubmissionOutcome.OpenRequestExists, told.Outcome);
        Assert.Equal(new OpenRequestNotice(earlier.CreatedAt, "09121234567"), told.OpenRequest);
        Assert.Null(told.TrackingCode);
        Assert.Null(told.RequestId);
        Assert.Equal("محمد", told.Person!.FirstName);
        Assert.Equal(1, await app.WithDbAsync(db => db.Requests.CountAsync()));

        // Sent anyway, or from a channel that does not ask (staff registration, the API): a second request.
        input.NewDespiteOpenRequest = true;
        Assert.Equal(SubmissionOutcome.Created, (await SubmitWarnedAsync(app, input)).Outcome);
        input.NewDespiteOpenRequest = false;
        Assert.Equal(SubmissionOutcome.Created, (await SubmitAsync(app, Guid.NewGuid(), input)).Outcome);

        // Another subject (with its sub-subject): nothing to tell.
        var (subjectId, subSubjectId) = await app.WithDbAsync(db => db.Subjects.Where(s => s.ParentId != null && s.IsActive && s.Parent!.IsActive)
            .Select(s => new { Parent = s.ParentId!.Value, s.Id }).FirstAsync()).ContinueWith(t => (t.Result.Parent, t.Result.Id), TaskScheduler.Default);
        var other = await ValidInputAsync(app);
        other.SubjectId = subjectId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        other.SubSubjectId = subSubjectId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(SubmissionOutcome.Created, (await SubmitWarnedAsync(app, other)).Outcome);
        // ...but the same sub-subject again is.
        Assert.Equal(SubmissionOutcome.OpenRequestExists, (await SubmitWarnedAsync(app, other)).Outcome);

        // Another person on the same subject: nothing to tell.
        var stranger = await ValidInputAsync(app);
        (stranger.NationalCode, stranger.BirthDay, stranger.BirthMonth, stranger.BirthYear) = ("0010350829", "1", "1", "1340");
        Assert.Equal(SubmissionOutcome.Created, (await SubmitWarnedAsync(app, stranger)).Outcome);

        // Closed or merged requests are not open: once all of the person's «سایر» requests are, nothing to tell.
        var misc = int.Parse(input.SubjectId!, System.Globalization.CultureInfo.InvariantCulture);
        var ids = await app.WithDbAsync(db => db.Requests.Where(r => r.SubjectId == misc && r.NationalCode == "0499370899").OrderBy(r => r.Id).Select(r => r.Id).ToListAsync());
        Assert.Equal(3, ids.Count);
        await app.WithDbAsync(db => db.Requests.Where(r => r.Id == ids[0]).ExecuteUpdateAsync(u => u.SetProperty(r => r.Status, Core.Requests.RequestStatus.Closed)));
        await app.WithDbAsync(db => db.Requests.Where(r => r.Id == ids[1]).ExecuteUpdateAsync(u => u.SetProperty(r => r.Status, Core.Requests.RequestStatus.Answered)));
        Assert.Equal(SubmissionOutcome.OpenRequestExists, (await SubmitWarnedAsync(app, input)).Outcome);
        await app.WithDbAsync(db => db.Requests.Where(r => r.Id == ids[2]).ExecuteUpdateAsync(u => u.SetProperty(r => r.MergedIntoId, ids[0])));
        Assert.Equal(SubmissionOutcome.Created, (await SubmitWarnedAsync(app, input)).Outcome);
    }
}

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
        return await scope.ServiceProvider.GetRequiredService<SubmissionService>().SubmitAsync(key, input, null, null, CancellationToken.None);
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
}

using HajDesk.Core.Reference;
using HajDesk.Core.Requests.Submission;
using HajDesk.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HajDesk.Web.Tests.Data;

/// <summary>
/// Provinces and subjects are cached in memory (<see cref="ReferenceDataCache"/>); a save through the DbContext must
/// make the very next form and the very next post see the change, on each provider.
/// </summary>
public class ReferenceDataCacheTests
{
    public static TheoryData<DatabaseProvider> Providers => [DatabaseProvider.Sqlite, DatabaseProvider.Postgres];

    private static async Task<SubmissionChoices> ChoicesAsync(HajDeskFactory app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<SubmissionService>().ChoicesAsync(CancellationToken.None);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task ChoicesAsync_SubjectRenamedAfterTheFormWasShown_SendPageShowsTheNewNameAtOnce(DatabaseProvider provider)
    {
        await using var app = await HajDeskFactory.CreateAsync(provider);
        var client = app.CreateClient();
        Assert.Contains("سایر", await client.GetStringAsync("/requests/send"), StringComparison.Ordinal);

        await app.WithDbAsync(async db =>
        {
            var subject = await db.Subjects.SingleAsync(s => s.Name == "سایر" && s.ParentId == null);
            subject.Name = "موضوع‌های دیگر";
            await db.SaveChangesAsync();
        });

        var page = await client.GetStringAsync("/requests/send");
        Assert.Contains("موضوع‌های دیگر", page, StringComparison.Ordinal);
        Assert.DoesNotContain(">سایر<", page, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task SubmitAsync_SubjectDeactivatedAfterItWasCached_RefusesIt(DatabaseProvider provider)
    {
        await using var app = await HajDeskFactory.CreateAsync(provider);
        var choices = await ChoicesAsync(app);
        var other = choices.MainSubjects.Single(s => s.Name == "سایر");
        var tehran = choices.Provinces.Single(p => p.Name == "تهران");

        await app.WithDbAsync(async db =>
        {
            var subject = await db.Subjects.SingleAsync(s => s.Id == other.Id);
            subject.IsActive = false;
            await db.SaveChangesAsync();
        });

        await using var scope = app.Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<SubmissionService>().SubmitAsync(new SubmissionCommand(Guid.NewGuid(), new SubmissionInput
        {
            BirthDay = "12",
            BirthMonth = "4",
            BirthYear = "1365",
            NationalCode = "0499370899",
            ProvinceId = tehran.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Mobile = "09121234567",
            SubjectId = other.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Text = "متن درخواست",
        }), CancellationToken.None);

        Assert.Equal(SubmissionOutcome.Invalid, result.Outcome);
        Assert.True(result.Errors.Contains(nameof(SubmissionInput.SubjectId)));
        Assert.DoesNotContain((await ChoicesAsync(app)).MainSubjects, s => s.Id == other.Id);
        Assert.Equal(0, await app.WithDbAsync(db => db.Requests.CountAsync()));
    }
}

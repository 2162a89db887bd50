using HajDesk.Core.Reference;
using HajDesk.Core.Requests.Submission;
using HajDesk.Web.Captcha;
using HajDesk.Web.Infrastructure;
using HajDesk.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HajDesk.Web.Tests.Data;

/// <summary>
/// The app's writes to its SQLite file take turns in-process (<see cref="SqliteWriteGate"/>): many at once must all
/// commit, and a write that fails must give its turn back.
/// </summary>
public class SqliteWriteGateTests
{
    [Fact]
    public async Task Writes_ManySendsAndSecurityCodesAtOnce_AllCommitAndTheTurnIsFreeAfterwards()
    {
        // Without the outbox dispatcher, which would otherwise be writing the messages of these sends meanwhile.
        await using var app = await HajDeskFactory.CreateAsync(DatabaseProvider.Sqlite,
            new Dictionary<string, string?> { ["Notifications:DispatcherEnabled"] = "false" });
        var tehran = await app.WithDbAsync(db => db.Provinces.Where(p => p.Name == "تهران").Select(p => p.Id).SingleAsync());
        var other = await app.WithDbAsync(db => db.Subjects.Where(s => s.Name == "سایر").Select(s => s.Id).SingleAsync());

        var sends = Enumerable.Range(0, 12).Select(async _ =>
        {
            await using var scope = app.Services.CreateAsyncScope();
            var captcha = scope.ServiceProvider.GetRequiredService<CaptchaService>();
            var challenge = captcha.Create();
            Assert.Equal(CaptchaCheck.Passed, await captcha.CheckAsync(challenge, HajDeskFactory.TestCaptchaCode, CancellationToken.None));
            return await scope.ServiceProvider.GetRequiredService<SubmissionService>().SubmitAsync(new SubmissionCommand(Guid.NewGuid(), new SubmissionInput
            {
                BirthDay = "12",
                BirthMonth = "4",
                BirthYear = "1365",
                NationalCode = "0499370899",
                ProvinceId = tehran.ToString(System.Globalization.CultureInfo.InvariantCulture),
                Mobile = "09121234567",
                SubjectId = other.ToString(System.Globalization.CultureInfo.InvariantCulture),
                RequestType = "Request",
                Text = "متن درخواست",
            }), CancellationToken.None);
        });

        var results = await Task.WhenAll(sends);

        Assert.All(results, r => Assert.Equal(SubmissionOutcome.Created, r.Outcome));
        Assert.Equal(12, await app.WithDbAsync(db => db.Requests.CountAsync()));
        Assert.True(app.Services.GetRequiredService<SqliteWriteGate>().IsFree);
    }

    [Fact]
    public async Task SaveChanges_ConstraintViolation_GivesTheTurnBack()
    {
        await using var app = await HajDeskFactory.CreateAsync(DatabaseProvider.Sqlite);

        await Assert.ThrowsAsync<DbUpdateException>(() => app.WithDbAsync(async db =>
        {
            var existing = await db.Provinces.AsNoTracking().FirstAsync();
            db.Provinces.Add(new Province { Code = existing.Code, Name = "تکراری", EnglishName = "Duplicate", AreaCode = "000" });
            await db.SaveChangesAsync();
        }));

        Assert.True(app.Services.GetRequiredService<SqliteWriteGate>().IsFree);
        // And the next write goes ahead.
        await app.WithDbAsync(async db =>
        {
            db.AuditEntries.Add(new HajDesk.Core.Audit.AuditEntry { Action = "test", At = DateTime.UtcNow });
            await db.SaveChangesAsync();
        });
        Assert.True(app.Services.GetRequiredService<SqliteWriteGate>().IsFree);
    }
}

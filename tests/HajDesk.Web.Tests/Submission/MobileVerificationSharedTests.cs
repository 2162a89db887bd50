using HajDesk.Core.Captcha;
using HajDesk.Core.Requests.Verification;
using HajDesk.Web.Tests.Infrastructure;
using HajDesk.Web.Tests.PageTests.Staff;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace HajDesk.Web.Tests.Submission;

/// <summary>
/// The one-time code's limits held by the database: two app processes (nodes) on one PostgreSQL, sharing the clock
/// and <c>Captcha:AnswerKey</c> as every deployment's nodes do, allow together what one would.
/// </summary>
public class MobileVerificationSharedTests
{
    private static readonly Guid Form = Guid.NewGuid();

    private const string Mobile = "09121234567";

    [Fact]
    public async Task TwoNodes_ShareTheResendWait_TheThreeSends_TheFiveTries_AndTheLifetime()
    {
        var clock = new FakeClock(DateTimeOffset.UtcNow);
        var database = await TestDatabase.CreateAsync(DatabaseProvider.Postgres);
        var settings = new Dictionary<string, string?> { ["Captcha:AnswerKey"] = CaptchaAnswerKey.NewBase64() };
        await using var firstBase = new HajDeskFactory(database, settings);
        await using var first = firstBase.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(clock)));
        _ = first.Server;
        await using var secondBase = new HajDeskFactory(database, settings, ownsDatabase: false);
        await using var second = secondBase.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(clock)));
        WebApplicationFactory<Program>[] nodes = [first, second];

        // Both nodes asked for the form's first code at once: one code goes, the other is told to wait.
        var firstIssues = await Task.WhenAll(nodes.Select(n => OnAsync(n, s => s.IssueAsync(Form, Mobile, default))));
        var issued = Assert.Single(firstIssues, i => i.Outcome == CodeIssueOutcome.Issued);
        Assert.Single(firstIssues, i => i.Outcome == CodeIssueOutcome.TooSoon);

        // Twenty wrong guesses spread over both nodes at once: exactly five are compared, the rest refused.
        var wrong = issued.Code == "000000" ? "111111" : "000000";
        var guesses = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => OnAsync(nodes[i % 2], s => s.VerifyAsync(Form, Mobile, wrong, default))));
        Assert.Equal(MobileVerificationRules.MaxWrongTries, guesses.Count(g => g == CodeCheck.Wrong));
        Assert.Equal(20 - MobileVerificationRules.MaxWrongTries, guesses.Count(g => g == CodeCheck.TooManyTries));
        Assert.Equal(CodeCheck.TooManyTries, await OnAsync(second, s => s.VerifyAsync(Form, Mobile, issued.Code, default)));

        // A minute later either node may resend, but only one of two racing posts does; then the third, then no more.
        clock.Advance(TimeSpan.FromSeconds(60));
        var secondIssues = await Task.WhenAll(nodes.Select(n => OnAsync(n, s => s.IssueAsync(Form, Mobile, default))));
        var code2 = Assert.Single(secondIssues, i => i.Outcome == CodeIssueOutcome.Issued).Code;

        // The second code expires after five minutes, whichever node is asked.
        clock.Advance(MobileVerificationRules.Lifetime);
        Assert.Equal(CodeCheck.Expired, await OnAsync(first, s => s.VerifyAsync(Form, Mobile, code2, default)));
        Assert.Equal(CodeCheck.Expired, await OnAsync(second, s => s.VerifyAsync(Form, Mobile, code2, default)));

        var code3 = (await OnAsync(second, s => s.IssueAsync(Form, Mobile, default))).Code;
        clock.Advance(TimeSpan.FromSeconds(61));
        Assert.Equal(CodeIssueOutcome.NoMoreSends, (await OnAsync(first, s => s.IssueAsync(Form, Mobile, default))).Outcome);
        Assert.Equal(CodeCheck.Verified, await OnAsync(first, s => s.VerifyAsync(Form, Mobile, code3, default)));
        Assert.True(await OnAsync(second, s => s.IsVerifiedAsync(Form, Mobile, default)));
        Assert.False(await OnAsync(second, s => s.IsVerifiedAsync(Form, "09351234567", default)));
        Assert.False(await OnAsync(second, s => s.IsVerifiedAsync(Guid.NewGuid(), Mobile, default)));
    }

    private static async Task<T> OnAsync<T>(WebApplicationFactory<Program> node, Func<MobileVerificationService, Task<T>> action)
    {
        await using var scope = node.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<MobileVerificationService>());
    }
}

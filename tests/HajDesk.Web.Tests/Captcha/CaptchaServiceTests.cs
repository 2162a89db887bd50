using System.Security.Cryptography;
using HajDesk.Core.Captcha;
using HajDesk.Web.Captcha;
using HajDesk.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace HajDesk.Web.Tests.Captcha;

/// <summary>The service's database semantics run once per provider: the lead's full run covers PostgreSQL.</summary>
public class CaptchaServiceTests
{
    public static TheoryData<DatabaseProvider> Providers => [DatabaseProvider.Sqlite, DatabaseProvider.Postgres];

    public static TheoryData<DatabaseProvider, string?> WrongAnswers => new()
    {
        { DatabaseProvider.Sqlite, "wrong" },
        { DatabaseProvider.Sqlite, "" },
        { DatabaseProvider.Sqlite, null },
        { DatabaseProvider.Postgres, "wrong" },
    };

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task VerifyAsync_RightAnswer_PassesOnceOnly(DatabaseProvider provider)
    {
        await using var app = await HajDeskFactory.CreateAsync(provider);
        var id = await app.CreateChallengeAsync();
        var answer = await app.AnswerOfAsync(id);

        Assert.True(await app.VerifyAsync(id, answer));
        Assert.False(await app.VerifyAsync(id, answer));
        Assert.NotNull((await app.ChallengeAsync(id)).UsedAt);
    }

    [Theory]
    [MemberData(nameof(WrongAnswers))]
    public async Task VerifyAsync_WrongAnswer_FailsAndBurnsTheChallenge(DatabaseProvider provider, string? wrong)
    {
        await using var app = await HajDeskFactory.CreateAsync(provider);
        var id = await app.CreateChallengeAsync();
        var answer = await app.AnswerOfAsync(id);

        Assert.False(await app.VerifyAsync(id, wrong));
        Assert.False(await app.VerifyAsync(id, answer));
    }

    [Fact]
    public async Task VerifyAsync_OffByOneDigit_Fails()
    {
        await using var app = await HajDeskFactory.CreateAsync();
        var id = await app.CreateChallengeAsync();
        var answer = await app.AnswerOfAsync(id);
        var wrong = (answer[0] == '9' ? '1' : (char)(answer[0] + 1)) + answer[1..];

        Assert.False(await app.VerifyAsync(id, wrong));
    }

    [Theory]
    [InlineData('۰', "")]
    [InlineData('٠', "")]
    [InlineData('۰', " \u200F")]
    [InlineData('0', "\u200E ")]
    public async Task VerifyAsync_PersianOrArabicIndicDigitsWithSpacesAndMarks_Pass(char zero, string noise)
    {
        await using var app = await HajDeskFactory.CreateAsync();
        var id = await app.CreateChallengeAsync();
        var answer = (await app.AnswerOfAsync(id)).InDigits(zero);

        Assert.True(await app.VerifyAsync(id, noise + answer[..2] + noise + answer[2..] + noise));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task VerifyAsync_AfterLifetime_FailsButJustBeforeItPasses(DatabaseProvider provider)
    {
        await using var app = await HajDeskFactory.CreateAsync(provider);
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        await using var timed = app.WithClock(clock);
        var late = await timed.CreateChallengeAsync();
        var inTime = await timed.CreateChallengeAsync();
        var lateAnswer = await timed.AnswerOfAsync(late);
        var inTimeAnswer = await timed.AnswerOfAsync(inTime);

        clock.Advance(TimeSpan.FromMinutes(5) - TimeSpan.FromSeconds(1));
        Assert.True(await timed.VerifyAsync(inTime, inTimeAnswer));

        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.False(await timed.VerifyAsync(late, lateAnswer));
        Assert.Null(await timed.WithCaptchaAsync(c => c.RenderPngAsync(late, CancellationToken.None)));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task VerifyAsync_ConcurrentRightAnswers_ExactlyOnePasses(DatabaseProvider provider)
    {
        await using var app = await HajDeskFactory.CreateAsync(provider);
        for (var round = 0; round < 5; round++)
        {
            var id = await app.CreateChallengeAsync();
            var answer = await app.AnswerOfAsync(id);

            var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => app.VerifyAsync(id, answer))));

            Assert.Single(results, r => r);
        }
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task VerifyAsync_UnknownId_Fails(DatabaseProvider provider)
    {
        await using var app = await HajDeskFactory.CreateAsync(provider);
        var id = await app.CreateChallengeAsync();
        var answer = await app.AnswerOfAsync(id);

        Assert.False(await app.VerifyAsync(Guid.NewGuid(), answer));
        Assert.False(await app.VerifyAsync(Guid.Empty, answer));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Create_Challenges_AreFiveDigitsOneToNineAndWriteNothing(DatabaseProvider provider)
    {
        await using var app = await HajDeskFactory.CreateAsync(provider);

        for (var i = 0; i < 30; i++)
        {
            var id = await app.CreateChallengeAsync();
            Assert.Matches("^[1-9]{5}$", await app.AnswerOfAsync(id));
            Assert.NotNull(await app.WithCaptchaAsync(c => c.RenderPngAsync(id, CancellationToken.None)));
        }

        Assert.Equal(0, await app.WithDbAsync(db => db.CaptchaChallenges.CountAsync()));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task DatabaseReader_SpentChallengeRow_HoldsNothingOfTheAnswer(DatabaseProvider provider)
    {
        await using var app = await HajDeskFactory.CreateAsync(provider);
        var spent = await app.CreateChallengeAsync();
        var live = await app.CreateChallengeAsync();
        Assert.False(await app.VerifyAsync(spent, "wrong"));

        // What a reader of the database sees: the spent row (a live challenge has none), and the Data Protection key
        // ring in the same database. Neither holds the digits, and without the key they cannot be derived from the id.
        var rows = await app.WithDbAsync(db => db.CaptchaChallenges.AsNoTracking().ToListAsync());
        var keyRing = string.Concat(await app.WithDbAsync(db => db.DataProtectionKeys.Select(k => k.Xml ?? "").ToListAsync()));
        var row = Assert.Single(rows);
        Assert.Equal(spent, row.Id);
        Assert.Equal(string.Empty, row.ProtectedAnswer);
        var guesser = new CaptchaAnswerKey(new byte[32]);
        Assert.NotEqual(await app.AnswerOfAsync(spent), guesser.DigitsOf(spent, 5));
        Assert.DoesNotContain(live.ToString(), keyRing, StringComparison.OrdinalIgnoreCase);
        Assert.True(await app.VerifyAsync(live, await app.AnswerOfAsync(live)));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task VerifyAsync_ForgedOrAlteredId_FailsWithoutWriting(DatabaseProvider provider)
    {
        await using var app = await HajDeskFactory.CreateAsync(settings: new Dictionary<string, string?>
        {
            ["Captcha:TestCode"] = "12345",
        }, provider: provider);
        var id = await app.CreateChallengeAsync();
        var answer = await app.AnswerOfAsync(id);
        var bytes = id.ToByteArray(bigEndian: true);
        bytes[0] ^= 0x40; // a later issuing time: a longer life
        var altered = new Guid(bytes, bigEndian: true);
        var otherKey = new CaptchaAnswerKey(RandomNumberGenerator.GetBytes(32)).NewChallengeId(DateTimeOffset.UtcNow);

        foreach (var forged in new[] { altered, otherKey, Guid.NewGuid(), Guid.Empty })
        {
            Assert.Equal(CaptchaCheck.AlreadyUsed, await app.WithCaptchaAsync(c => c.CheckAsync(forged, "12345", CancellationToken.None)));
            Assert.Null(await app.WithCaptchaAsync(c => c.RenderPngAsync(forged, CancellationToken.None)));
        }

        Assert.Equal(0, await app.WithDbAsync(db => db.CaptchaChallenges.CountAsync()));
        Assert.True(await app.VerifyAsync(id, answer));
    }

    [Fact]
    public async Task VerifyAsync_Challenge_IsStoredAsSpentWithItsIssuingTimeAndConfiguredLifetime()
    {
        await using var app = await HajDeskFactory.CreateAsync(settings: new Dictionary<string, string?>
        {
            ["Captcha:Lifetime"] = "00:02:00",
            ["Captcha:Digits"] = "6",
        });
        var clock = new ManualClock(new DateTimeOffset(2026, 3, 1, 8, 0, 0, TimeSpan.Zero));
        await using var timed = app.WithClock(clock);

        var id = await timed.CreateChallengeAsync();
        var issued = clock.Now.UtcDateTime;
        Assert.Matches("^[1-9]{6}$", await timed.AnswerOfAsync(id));
        clock.Advance(TimeSpan.FromSeconds(30));
        Assert.True(await timed.VerifyAsync(id, await timed.AnswerOfAsync(id)));
        var challenge = await timed.ChallengeAsync(id);

        Assert.Equal(issued, challenge.CreatedAt);
        Assert.Equal(issued.AddMinutes(2), challenge.ExpiresAt);
        Assert.Equal(issued.AddSeconds(30), challenge.UsedAt);
    }

    [Fact]
    public async Task VerifyAsync_TestCodeInTesting_PassesOnceForAnIssuedChallengeOnly()
    {
        await using var app = await HajDeskFactory.CreateAsync(settings: new Dictionary<string, string?>
        {
            ["Captcha:TestCode"] = "12345",
        });
        var id = await app.CreateChallengeAsync();

        Assert.False(await app.VerifyAsync(Guid.NewGuid(), "12345"));
        Assert.True(await app.VerifyAsync(id, "۱۲۳۴۵"));
        Assert.False(await app.VerifyAsync(id, "12345"));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task DeleteOldAsync_DeletesOnlyChallengesExpiredOverAnHourAgo(DatabaseProvider provider)
    {
        await using var app = await HajDeskFactory.CreateAsync(provider);
        var now = DateTime.UtcNow;
        CaptchaChallenge Challenge(TimeSpan expiredAgo, bool used) => new()
        {
            Id = Guid.NewGuid(),
            ProtectedAnswer = "x",
            CreatedAt = now - expiredAgo - TimeSpan.FromMinutes(5),
            ExpiresAt = now - expiredAgo,
            UsedAt = used ? now - expiredAgo - TimeSpan.FromMinutes(4) : null,
        };
        var old = Challenge(TimeSpan.FromMinutes(61), used: false);
        var oldUsed = Challenge(TimeSpan.FromHours(3), used: true);
        var recent = Challenge(TimeSpan.FromMinutes(59), used: true);
        var live = Challenge(TimeSpan.FromMinutes(-4), used: false);
        await app.WithDbAsync(async db =>
        {
            db.CaptchaChallenges.AddRange(old, oldUsed, recent, live);
            await db.SaveChangesAsync();
        });

        var deleted = await app.WithCaptchaAsync(c => c.DeleteOldAsync(CancellationToken.None));

        Assert.Equal(2, deleted);
        var left = await app.WithDbAsync(db => db.CaptchaChallenges.Select(c => c.Id).ToListAsync());
        Assert.Equal(new[] { recent.Id, live.Id }.Order(), left.Order());
    }

    [Theory]
    [InlineData("۱۲۳۴۵", "12345")]
    [InlineData("١٢٣٤٥", "12345")]
    [InlineData(" 1 2\u200c3\u200f4\u202B5\u202C ", "12345")]
    [InlineData("۰٠0", "000")]
    [InlineData("abc", "abc")]
    [InlineData(null, "")]
    public void Normalize_Answer_IsAsciiDigitsWithoutSpacesOrMarks(string? answer, string expected) =>
        Assert.Equal(expected, CaptchaService.Normalize(answer));

    [Fact]
    public void Normalize_VeryLongAnswer_IsEmpty() =>
        Assert.Equal(string.Empty, CaptchaService.Normalize(new string('1', 65)));
}

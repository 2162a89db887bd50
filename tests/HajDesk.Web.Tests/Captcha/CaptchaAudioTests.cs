using System.Buffers.Binary;
using System.Net;
using HajDesk.Web.Captcha;
using HajDesk.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace HajDesk.Web.Tests.Captcha;

/// <summary>The spoken security code: <c>GET /captcha/{id}/audio</c>, for people who cannot see the picture.</summary>
public class CaptchaAudioTests
{
    public static TheoryData<DatabaseProvider> Providers => [DatabaseProvider.Sqlite, DatabaseProvider.Postgres];

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task GetAudio_IssuedChallenge_SpeaksTheDigitsThatPass(DatabaseProvider provider)
    {
        await using var app = await HajDeskFactory.CreateAsync(provider);
        var id = await app.CreateChallengeAsync();

        var response = await app.CreateClient().GetAsync($"/captcha/{id}/audio");
        var wav = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("audio/wav", response.Content.Headers.ContentType?.MediaType);
        Assert.True(response.Headers.CacheControl?.NoStore);
        Assert.InRange(wav.Length, 60_000, 400_000);
        var answer = await app.AnswerOfAsync(id);
        var seed = app.Services.GetRequiredService<HajDesk.Core.Captcha.CaptchaAnswerKey>().SeedOf(id);
        var audio = app.Services.GetRequiredService<CaptchaAudio>();
        // The sound served is the challenge's own digits spoken: the same samples as rendering its answer.
        Assert.Equal(audio.RenderWav(answer, seed), wav);
        Assert.NotEqual(audio.RenderWav(answer.Length > 1 ? answer[1..] + answer[0] : answer, seed), wav);
        Samples(wav);
        Assert.True(await app.VerifyAsync(id, answer));
    }

    [Fact]
    public async Task Render_SameCodeWithOtherSeeds_HasNoFixedSlotSpeedOrLoudness()
    {
        await using var app = await HajDeskFactory.CreateAsync();
        var audio = app.Services.GetRequiredService<CaptchaAudio>();

        var renders = Enumerable.Range(1, 6).Select(seed =>
        {
            var sound = audio.Render("35719", seed, out var spoken);
            return (Sound: sound, Spoken: spoken);
        }).ToArray();

        // Where each digit starts and how long it lasts (its speed) differ from one challenge to the next, for every digit.
        for (var digit = 0; digit < 5; digit++)
        {
            Assert.True(renders.Select(r => r.Spoken[digit].Start).Distinct().Count() >= 5, $"digit {digit} starts at a fixed place");
            Assert.True(renders.Select(r => r.Spoken[digit].Length).Distinct().Count() >= 5, $"digit {digit} has a fixed length");
        }

        Assert.Equal(audio.Render("35719", 1, out _), renders[0].Sound);
    }

    [Fact]
    public async Task Render_AnyCode_SpeaksEachDigitInOrderOverSoundWithNoSilenceToCutAt()
    {
        await using var app = await HajDeskFactory.CreateAsync();
        var audio = app.Services.GetRequiredService<CaptchaAudio>();

        for (var seed = 0; seed < 20; seed++)
        {
            var sound = audio.Render("12345", seed, out var spoken);

            Assert.InRange(sound.Length / (double)CaptchaAudio.SampleRate, 4, 14);
            for (var i = 0; i < spoken.Length; i++)
            {
                Assert.True(spoken[i].Length > CaptchaAudio.SampleRate / 5);
                Assert.True(spoken[i].Start + spoken[i].Length <= sound.Length);
                // A person needs a pause between two digits: they never overlap.
                Assert.True(i == 0 || spoken[i].Start >= spoken[i - 1].Start + spoken[i - 1].Length + (CaptchaAudio.SampleRate / 10));
            }

            // Every tenth of a second carries the crowd's murmur: a matcher finds no silence that separates the words.
            var window = CaptchaAudio.SampleRate / 10;
            for (var at = 0; at + window <= sound.Length; at += window)
            {
                var rms = Math.Sqrt(sound.AsSpan(at, window).ToArray().Average(s => s * (double)s));
                Assert.True(rms > 300, $"seed {seed}: near silence at {at / (double)CaptchaAudio.SampleRate:F1} s (RMS {rms:F0})");
            }
        }
    }

    [Fact]
    public async Task GetAudio_Response_NeverCarriesTheAnswer()
    {
        await using var app = await HajDeskFactory.CreateAsync();
        var id = await app.CreateChallengeAsync();
        var answer = await app.AnswerOfAsync(id);

        var response = await app.CreateClient().GetAsync(CaptchaSetup.AudioPath(id));

        var headers = string.Join('\n', response.Headers.Concat(response.Content.Headers).SelectMany(h => h.Value));
        Assert.DoesNotContain(answer, headers, StringComparison.Ordinal);
        Assert.DoesNotContain(answer.InDigits('۰'), headers, StringComparison.Ordinal);
        Assert.DoesNotContain(answer, CaptchaSetup.AudioPath(id), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetAudio_SameChallengeTwice_IsTheSameSound()
    {
        await using var app = await HajDeskFactory.CreateAsync();
        var client = app.CreateClient();
        var id = await app.CreateChallengeAsync();

        Assert.Equal(await client.GetByteArrayAsync(CaptchaSetup.AudioPath(id)), await client.GetByteArrayAsync(CaptchaSetup.AudioPath(id)));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task GetAudio_UnknownUsedOrExpiredChallenge_Is404(DatabaseProvider provider)
    {
        await using var app = await HajDeskFactory.CreateAsync(provider);
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        await using var timed = app.WithClock(clock);
        var client = timed.CreateClient();
        var used = await timed.CreateChallengeAsync();
        var expired = await timed.CreateChallengeAsync();
        await timed.VerifyAsync(used, "wrong");
        clock.Advance(TimeSpan.FromMinutes(5));

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(CaptchaSetup.AudioPath(Guid.NewGuid()))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(CaptchaSetup.AudioPath(used))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(CaptchaSetup.AudioPath(expired))).StatusCode);
    }

    [Fact]
    public async Task GetAudio_OverTheRateLimitSharedWithThePicture_Is429()
    {
        await using var app = await HajDeskFactory.CreateAsync(settings: new Dictionary<string, string?>
        {
            ["RateLimits:CaptchaPerMinute"] = "2",
        });
        var client = app.CreateClient();
        var id = await app.CreateChallengeAsync();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(CaptchaSetup.ImagePath(id))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(CaptchaSetup.AudioPath(id))).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await client.GetAsync(CaptchaSetup.AudioPath(id))).StatusCode);
    }

    [Fact]
    public async Task GetAudio_OverTheAddressesOwnAudioLimit_Is429ButReplaysOfOneCodeAreFree()
    {
        await using var app = await HajDeskFactory.CreateAsync(settings: new Dictionary<string, string?>
        {
            ["RateLimits:CaptchaAudioByClient"] = "2",
        });
        var client = app.CreateClient();
        var first = await app.CreateChallengeAsync();
        var second = await app.CreateChallengeAsync();
        var third = await app.CreateChallengeAsync();

        // A player fetches in parts and a person plays it again: one code heard five times spends one.
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(CaptchaSetup.AudioPath(first))).StatusCode);
        }

        // An unknown code is 404 and spends nothing.
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(CaptchaSetup.AudioPath(Guid.NewGuid()))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(CaptchaSetup.AudioPath(second))).StatusCode);
        var refused = await client.GetAsync(CaptchaSetup.AudioPath(third));

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Contains("بیش از حد مجاز", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        // The picture is not the sound: it is still served.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(CaptchaSetup.ImagePath(third))).StatusCode);
    }

    [Fact]
    public async Task GetAudio_OnTwoNodesOfOnePostgres_SharesTheAddressesAudioLimit()
    {
        var database = await TestDatabase.CreateAsync(DatabaseProvider.Postgres);
        var settings = new Dictionary<string, string?>
        {
            ["RateLimits:CaptchaAudioByClient"] = "2",
            ["Captcha:AnswerKey"] = HajDesk.Core.Captcha.CaptchaAnswerKey.NewBase64(),
        };
        await using var first = new HajDeskFactory(database, settings);
        _ = first.Server;
        await using var second = new HajDeskFactory(database, settings, ownsDatabase: false);

        Assert.Equal(HttpStatusCode.OK, (await first.CreateClient().GetAsync(CaptchaSetup.AudioPath(await first.CreateChallengeAsync()))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await second.CreateClient().GetAsync(CaptchaSetup.AudioPath(await second.CreateChallengeAsync()))).StatusCode);

        Assert.Equal(HttpStatusCode.TooManyRequests, (await first.CreateClient().GetAsync(CaptchaSetup.AudioPath(await first.CreateChallengeAsync()))).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await second.CreateClient().GetAsync(CaptchaSetup.AudioPath(await second.CreateChallengeAsync()))).StatusCode);
    }

    private static short[] Samples(byte[] wav)
    {
        Assert.Equal("RIFF"u8.ToArray(), wav[..4]);
        Assert.Equal("WAVE"u8.ToArray(), wav[8..12]);
        Assert.Equal(1, BinaryPrimitives.ReadInt16LittleEndian(wav.AsSpan(22))); // mono
        Assert.Equal(CaptchaAudio.SampleRate, BinaryPrimitives.ReadInt32LittleEndian(wav.AsSpan(24)));
        return [.. Enumerable.Range(0, (wav.Length - 44) / 2).Select(i => BinaryPrimitives.ReadInt16LittleEndian(wav.AsSpan(44 + (i * 2))))];
    }
}

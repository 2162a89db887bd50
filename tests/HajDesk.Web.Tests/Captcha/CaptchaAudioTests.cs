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
        Assert.InRange(wav.Length, 20_000, 200_000);
        var answer = await app.AnswerOfAsync(id);
        var seed = app.Services.GetRequiredService<HajDesk.Core.Captcha.CaptchaAnswerKey>().SeedOf(id);
        var heard = Hear(app.Services.GetRequiredService<CaptchaAudio>(), Samples(wav), answer, seed);
        Assert.Equal(answer, heard);
        Assert.True(await app.VerifyAsync(id, heard));
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

    private static short[] Samples(byte[] wav)
    {
        Assert.Equal("RIFF"u8.ToArray(), wav[..4]);
        Assert.Equal("WAVE"u8.ToArray(), wav[8..12]);
        Assert.Equal(1, BinaryPrimitives.ReadInt16LittleEndian(wav.AsSpan(22))); // mono
        Assert.Equal(CaptchaAudio.SampleRate, BinaryPrimitives.ReadInt32LittleEndian(wav.AsSpan(24)));
        return [.. Enumerable.Range(0, (wav.Length - 44) / 2).Select(i => BinaryPrimitives.ReadInt16LittleEndian(wav.AsSpan(44 + (i * 2))))];
    }

    /// <summary>
    /// Hears the digits as a listener would, knowing only the nine words: finds the loud stretches between the
    /// pauses, and for each, the recorded word that matches it best.
    /// </summary>
    /// <summary>
    /// Which recording sounds where each word of the challenge starts: at each start (known from the renderer's own
    /// placement for this challenge's seed), the digit whose recording correlates best with the sound there.
    /// </summary>
    private static string Hear(CaptchaAudio audio, short[] sound, string answer, int seed)
    {
        audio.Render(answer, seed, out var starts);
        return string.Concat(starts.Select(start => (char)('0' + Enumerable.Range(1, 9)
            .MaxBy(digit => Correlation(audio.Recording(digit).ToArray(), sound, start)))));
    }

    private static double Correlation(short[] word, short[] sound, int at)
    {
        double dot = 0, norm = 0, wordNorm = 0;
        for (var t = 0; t < word.Length && at + t < sound.Length; t++)
        {
            dot += word[t] * (double)sound[at + t];
            norm += sound[at + t] * (double)sound[at + t];
            wordNorm += word[t] * (double)word[t];
        }

        return dot / Math.Sqrt(wordNorm * norm);
    }
}

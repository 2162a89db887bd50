using HajDesk.Core.Captcha;
using HajDesk.Web.Captcha;
using HajDesk.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace HajDesk.Web.Tests.Captcha;

public class CaptchaStartupTests
{
    [Theory]
    [InlineData("Production")]
    [InlineData("Staging")]
    public async Task Start_WithTestCodeOutsideDevelopmentAndTesting_FailsNamingTheSetting(string environment)
    {
        await using var app = await HajDeskFactory.CreateAsync(settings: new Dictionary<string, string?>
        {
            ["Captcha:TestCode"] = "12345",
        });
        await using var production = app.WithWebHostBuilder(b => b.UseEnvironment(environment));

        var error = Assert.ThrowsAny<Exception>(() => production.Server);

        Assert.Contains("Captcha:TestCode", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_InProductionWithoutTestCode_Starts()
    {
        await using var app = await HajDeskFactory.CreateAsync(settings: new Dictionary<string, string?>
        {
            ["Captcha:TestCode"] = "",
            ["DataProtection:AllowUnencryptedKeys"] = "true",
        });
        await using var production = app.WithWebHostBuilder(b => b.UseEnvironment("Production"));

        Assert.NotNull(production.Services.GetRequiredService<CaptchaImage>());
    }

    [Theory]
    [InlineData("Captcha:Digits", "3")]
    [InlineData("Captcha:Lifetime", "00:00:00")]
    [InlineData("Captcha:TestCode", "12a45")]
    public async Task Start_WithInvalidSetting_FailsNamingIt(string key, string value)
    {
        await using var app = await HajDeskFactory.CreateAsync(settings: new Dictionary<string, string?> { [key] = value });

        var error = Assert.ThrowsAny<Exception>(() => app.Server);

        Assert.Contains(key, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_PostgresInProductionWithoutAnswerKey_FailsNamingTheSetting()
    {
        await using var app = await HajDeskFactory.CreateAsync(DatabaseProvider.Postgres,
            new Dictionary<string, string?> { ["Captcha:TestCode"] = "", ["DataProtection:AllowUnencryptedKeys"] = "true" });
        await using var production = app.WithWebHostBuilder(b => b.UseEnvironment("Production"));

        var error = Assert.ThrowsAny<Exception>(() => production.Server);

        Assert.Contains("Captcha:AnswerKey", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_PostgresInProductionWithAnswerKey_StartsAndTwoNodesShareChallenges()
    {
        var key = CaptchaAnswerKey.NewBase64();
        var settings = new Dictionary<string, string?>
        {
            ["Captcha:TestCode"] = "",
            ["Captcha:AnswerKey"] = key,
            ["DataProtection:AllowUnencryptedKeys"] = "true",
        };
        await using var app = await HajDeskFactory.CreateAsync(DatabaseProvider.Postgres, settings);
        await using var production = app.WithWebHostBuilder(b => b.UseEnvironment("Production"));
        await using var otherNode = new HajDeskFactory(app.Database, settings, ownsDatabase: false);

        var id = await production.CreateChallengeAsync();

        Assert.Equal(await production.AnswerOfAsync(id), await otherNode.AnswerOfAsync(id));
        Assert.True(await otherNode.VerifyAsync(id, await production.AnswerOfAsync(id)));
    }

    [Theory]
    [InlineData("not base64")]
    [InlineData("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHg==")]
    public async Task Start_WithAnswerKeyThatIsNoKey_FailsNamingTheSetting(string key)
    {
        await using var app = await HajDeskFactory.CreateAsync(settings: new Dictionary<string, string?> { ["Captcha:AnswerKey"] = key });

        var error = Assert.ThrowsAny<Exception>(() => app.Server);

        Assert.Contains("Captcha:AnswerKey", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_SqliteWithoutAnswerKey_MakesAKeyFileBesideTheDatabaseOnceAndKeepsIt()
    {
        var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using (database)
        {
            var keyFile = Path.Combine(Path.GetDirectoryName(
                new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(database.ConnectionString).DataSource)!, CaptchaOptions.KeyFileName);
            Guid id;
            string answer;
            await using (var first = new HajDeskFactory(database, ownsDatabase: false))
            {
                id = await first.CreateChallengeAsync();
                answer = await first.AnswerOfAsync(id);
            }

            var written = await File.ReadAllTextAsync(keyFile);
            await using var restarted = new HajDeskFactory(database, ownsDatabase: false);

            Assert.NotNull(CaptchaAnswerKey.FromBase64(written));
            Assert.True(await restarted.VerifyAsync(id, answer));
            Assert.Equal(written, await File.ReadAllTextAsync(keyFile));
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(keyFile));
            }
        }
    }

    [Fact]
    public void Load_MissingRecording_FailsNamingTheFile()
    {
        var folder = Directory.CreateTempSubdirectory("hajdesk-audio");
        try
        {
            var error = Assert.Throws<InvalidOperationException>(() => CaptchaAudio.Load(folder.FullName));

            Assert.Contains(Path.Combine(folder.FullName, "1-a.wav"), error.Message, StringComparison.Ordinal);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void Load_MissingFont_FailsNamingTheFile()
    {
        var missing = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"), "Vazirmatn-Bold.ttf");

        var error = Assert.Throws<InvalidOperationException>(() => CaptchaImage.Load(missing));

        Assert.Contains(missing, error.Message, StringComparison.Ordinal);
        Assert.Contains("font", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_FileThatIsNoFont_Fails()
    {
        var folder = Directory.CreateTempSubdirectory("hajdesk-font");
        try
        {
            var path = Path.Combine(folder.FullName, "broken.ttf");
            File.WriteAllText(path, "not a font");

            Assert.Throws<InvalidOperationException>(() => CaptchaImage.Load(path));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void RenderPng_DifferentDigitsWithTheSameNoise_DrawDifferentGlyphs()
    {
        using var image = CaptchaImage.Load(CaptchaImage.DefaultFontPath);

        var ones = image.RenderPng("11111", seed: 42);
        var eights = image.RenderPng("88888", seed: 42);

        Assert.Equal(ones, image.RenderPng("11111", seed: 42));
        Assert.NotEqual(ones, eights);
    }

    [Theory]
    [InlineData("12034")]
    [InlineData("12a34")]
    public void RenderPng_DigitOutsideOneToNine_Throws(string digits)
    {
        using var image = CaptchaImage.Load(CaptchaImage.DefaultFontPath);

        Assert.Throws<ArgumentException>(() => image.RenderPng(digits, seed: 1));
    }
}

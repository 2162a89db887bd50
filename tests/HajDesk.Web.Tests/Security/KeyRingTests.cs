using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using HajDesk.Web.Tests.Infrastructure;
using HajDesk.Web.Tests.PageTests.Requests;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace HajDesk.Web.Tests.Security;

/// <summary>
/// Finding 8 of the security review: with <c>DataProtection:CertificatePath</c> the key ring is stored encrypted,
/// and every node with the same certificate reads the others' cookies; without it, Production warns at start-up.
/// </summary>
public sealed class KeyRingTests : IDisposable
{
    private const string Password = "key-ring-test";

    private readonly string folder = Directory.CreateTempSubdirectory("hajdesk-keyring-").FullName;

    [Fact]
    public async Task KeyRing_WithACertificate_IsStoredEncryptedAndASecondNodeReadsTheFirstNodesCookies()
    {
        var settings = new Dictionary<string, string?>
        {
            ["DataProtection:CertificatePath"] = WriteCertificate("current.pfx"),
            ["DataProtection:CertificatePassword"] = Password,
        };
        await using var first = await HajDeskFactory.CreateAsync(settings: settings);
        var cookie = await FollowUpCookieAsync(first);
        await using var second = new HajDeskFactory(first.Database, settings, ownsDatabase: false);

        var request = new HttpRequestMessage(HttpMethod.Get, "/requests/track/result");
        request.Headers.Add("Cookie", cookie);
        var onSecondNode = await second.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }).SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, onSecondNode.StatusCode);
        var keys = await first.WithDbAsync(db => db.DataProtectionKeys.Select(k => k.Xml).ToListAsync());
        Assert.NotEmpty(keys);
        Assert.All(keys, xml =>
        {
            Assert.DoesNotContain("<masterKey", xml, StringComparison.Ordinal);
            Assert.Contains("EncryptedData", xml, StringComparison.Ordinal);
        });
    }

    [Theory]
    [InlineData(null)]
    [InlineData("false")]
    public async Task Start_InProductionWithoutACertificate_RefusesNamingTheSetting(string? allowUnencrypted)
    {
        var settings = ProductionApp.Settings();
        settings.Remove("DataProtection:AllowUnencryptedKeys");
        if (allowUnencrypted is not null)
        {
            settings["DataProtection:AllowUnencryptedKeys"] = allowUnencrypted;
        }

        await using var app = await HajDeskFactory.CreateAsync(settings: settings);

        var error = Assert.ThrowsAny<Exception>(() => app.Server);

        Assert.Contains("DataProtection:CertificatePath", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("DataProtection:AllowUnencryptedKeys", error.ToString(), StringComparison.Ordinal);
        // Commands such as create-admin still run without it (StaffCommandTests run them in Production).
    }

    [Fact]
    public async Task Start_InProductionWithoutACertificateAcceptedOnPurpose_ServesAndWarnsNamingTheSetting()
    {
        await using var app = await HajDeskFactory.CreateAsync(settings: ProductionApp.Settings());

        var home = await app.CreateClient().GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        Assert.Contains(app.Logs, l => l.StartsWith("Warning", StringComparison.Ordinal)
            && l.Contains("DataProtection:CertificatePath", StringComparison.Ordinal)
            && l.Contains("AllowUnencryptedKeys", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Start_InProductionWithACertificate_DoesNotWarn()
    {
        await using var app = await HajDeskFactory.CreateAsync(settings: ProductionApp.Settings(new Dictionary<string, string?>
        {
            ["DataProtection:CertificatePath"] = WriteCertificate("current.pfx"),
            ["DataProtection:CertificatePassword"] = Password,
        }));

        _ = app.Server;

        Assert.DoesNotContain(app.Logs, l => l.Contains("DataProtection:CertificatePath", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Start_WithACertificateThatCannotBeLoaded_FailsNamingTheSetting()
    {
        await using var app = await HajDeskFactory.CreateAsync(settings: new Dictionary<string, string?>
        {
            ["DataProtection:CertificatePath"] = WriteCertificate("current.pfx"),
            ["DataProtection:CertificatePassword"] = "not-the-password",
        });

        var error = Assert.ThrowsAny<Exception>(() => app.Server);

        Assert.Contains("DataProtection:CertificatePath", error.ToString(), StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);

    /// <summary>A self-signed RSA certificate with its private key, as a password-protected PKCS#12 file.</summary>
    private string WriteCertificate(string name)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=HajDesk key ring (test)", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyEncipherment | X509KeyUsageFlags.DataEncipherment, critical: false));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        var path = Path.Combine(folder, name);
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pkcs12, Password));
        return path;
    }

    /// <summary>Follows up a request on <paramref name="app"/> and returns the follow-up cookie it set, as a Cookie header value.</summary>
    private static async Task<string> FollowUpCookieAsync(HajDeskFactory app)
    {
        var code = await app.WithDbAsync(async db =>
        {
            var request = TestRequests.Build(db);
            db.Requests.Add(request);
            await db.SaveChangesAsync();
            return request.TrackingCode;
        });
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var form = (await client.GetDocumentAsync("/requests/track")).Form("#track-form");
        var response = await client.SubmitAsync(form, new Dictionary<string, string?>
        {
            ["NationalCode"] = SendPage.NationalCode,
            ["TrackingCode"] = code,
            ["CaptchaAnswer"] = HajDeskFactory.TestCaptchaCode,
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var setCookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("hajdesk.track=", StringComparison.Ordinal));
        return setCookie[..setCookie.IndexOf(';', StringComparison.Ordinal)];
    }
}

using System.Security.Cryptography.X509Certificates;
using HajDesk.Core.Data;
using Microsoft.AspNetCore.DataProtection;

namespace HajDesk.Web.Infrastructure;

/// <summary>
/// Where the Data Protection key ring is kept and how it is encrypted at rest. Section <c>DataProtection</c>.
/// The key ring encrypts every cookie and the stored security-code answers, and it lives in the same database as
/// what it protects; with a certificate its keys are stored encrypted, so a database reader learns nothing from them.
/// </summary>
public sealed class KeyRingOptions
{
    public const string Section = "DataProtection";

    /// <summary>
    /// The certificate whose public key encrypts new keys: a PKCS#12 file (<c>.pfx</c>/<c>.p12</c>, with
    /// <see cref="CertificatePassword"/>) or a PEM certificate (with <see cref="CertificateKeyPath"/>). Every node
    /// needs the same certificate with its private key.
    /// </summary>
    public string? CertificatePath { get; set; }

    /// <summary>The password of the PKCS#12 file, or of an encrypted PEM private key.</summary>
    public string? CertificatePassword { get; set; }

    /// <summary>The PEM private key of a PEM <see cref="CertificatePath"/>.</summary>
    public string? CertificateKeyPath { get; set; }

    /// <summary>
    /// Certificates that encrypted older keys, kept after a rotation so those keys (and the cookies they protect)
    /// can still be read: each with its own <c>CertificatePath</c>, <c>CertificatePassword</c>, <c>CertificateKeyPath</c>.
    /// </summary>
    public IReadOnlyList<KeyRingCertificate> PreviousCertificates { get; set; } = [];

    /// <summary>
    /// In Production without <see cref="CertificatePath"/> the app refuses to serve; <c>true</c> says the operator
    /// accepts an unencrypted key ring on purpose (a warning is then logged at every start).
    /// </summary>
    public bool AllowUnencryptedKeys { get; set; }
}

/// <summary>One certificate that decrypts keys of the key ring.</summary>
public sealed class KeyRingCertificate
{
    public string? CertificatePath { get; set; }

    public string? CertificatePassword { get; set; }

    public string? CertificateKeyPath { get; set; }
}

/// <summary>Whether the key ring is encrypted at rest, decided once at start-up.</summary>
public sealed record KeyRingProtection(bool Encrypted);

public static partial class KeyRing
{
    /// <summary>
    /// Data Protection with its key ring in the database (so every node reads the cookies of the others) and, when
    /// <c>DataProtection:CertificatePath</c> is set, encrypted with that certificate; the previous certificates still
    /// decrypt older keys. A certificate that cannot be loaded stops start-up naming the setting.
    /// </summary>
    public static IServiceCollection AddKeyRing(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(KeyRingOptions.Section).Get<KeyRingOptions>() ?? new();
        var builder = services.AddDataProtection().SetApplicationName("HajDesk").PersistKeysToDbContext<HajDeskDbContext>();
        var encrypted = !string.IsNullOrWhiteSpace(options.CertificatePath);
        if (encrypted)
        {
            var current = Load(options.CertificatePath!, options.CertificatePassword, options.CertificateKeyPath,
                $"{KeyRingOptions.Section}:CertificatePath");
            var previous = options.PreviousCertificates.Select((c, i) => Load(c.CertificatePath ?? string.Empty,
                c.CertificatePassword, c.CertificateKeyPath, $"{KeyRingOptions.Section}:PreviousCertificates:{i}:CertificatePath"));
            // The current certificate is listed for decryption too: on Linux there is no certificate store the
            // decryptor could find it in.
            builder.ProtectKeysWithCertificate(current).UnprotectKeysWithAnyCertificate([current, .. previous]);
        }

        services.AddSingleton(new KeyRingProtection(encrypted));
        return services;
    }

    /// <summary>
    /// In Production, serving stops here when the key ring would be stored unencrypted — whoever read the database or a
    /// backup could then unprotect every cookie and token, a staff sign-in cookie included — unless
    /// <c>DataProtection:AllowUnencryptedKeys=true</c> says the operator accepts that on purpose; then a warning at
    /// every start. Commands (<c>migrate</c>, <c>create-admin</c>…) never read a cookie and are not stopped.
    /// </summary>
    public static void RequireKeyRingProtection(this WebApplication app)
    {
        if (!app.Environment.IsProduction() || app.Services.GetRequiredService<KeyRingProtection>().Encrypted)
        {
            return;
        }

        if (!app.Configuration.GetValue($"{KeyRingOptions.Section}:{nameof(KeyRingOptions.AllowUnencryptedKeys)}", false))
        {
            throw new InvalidOperationException(
                "DataProtection:CertificatePath is not set: in Production the Data Protection key ring must be encrypted at rest " +
                "(it can forge every cookie of the app, a staff sign-in included). Set DataProtection:CertificatePath (and " +
                "DataProtection:CertificatePassword or DataProtection:CertificateKeyPath), or DataProtection:AllowUnencryptedKeys=true " +
                "to accept an unencrypted key ring on purpose; see docs/operations.md.");
        }

        LogUnencrypted(app.Logger);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The Data Protection key ring is stored unencrypted in the database, " +
        "beside the cookies and security-code answers it protects, because DataProtection:AllowUnencryptedKeys=true. Set " +
        "DataProtection:CertificatePath (and DataProtection:CertificatePassword or DataProtection:CertificateKeyPath) to encrypt it at rest; see docs/operations.md.")]
    private static partial void LogUnencrypted(ILogger logger);

    private static X509Certificate2 Load(string path, string? password, string? keyPath, string setting)
    {
        try
        {
            var certificate = !string.IsNullOrWhiteSpace(keyPath)
                ? string.IsNullOrEmpty(password)
                    ? X509Certificate2.CreateFromPemFile(path, keyPath)
                    : X509Certificate2.CreateFromEncryptedPemFile(path, password, keyPath)
                : X509CertificateLoader.LoadPkcs12FromFile(path, password, X509KeyStorageFlags.EphemeralKeySet);
            return certificate.HasPrivateKey
                ? certificate
                : throw new InvalidOperationException($"{setting} ('{path}') has no private key: every node needs it to read the key ring.");
        }
        catch (Exception ex) when (ex is System.Security.Cryptography.CryptographicException or IOException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException($"{setting} ('{path}') could not be loaded as a certificate with its private key: {ex.Message}", ex);
        }
    }
}

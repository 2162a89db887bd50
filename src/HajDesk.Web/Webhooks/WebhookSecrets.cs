using HajDesk.Core.Webhooks;
using Microsoft.AspNetCore.DataProtection;

namespace HajDesk.Web.Webhooks;

/// <summary>
/// A subscriber's signing secret: made once, shown to the administrator once, stored encrypted with the app's Data
/// Protection key ring (which every node shares, and which <c>DataProtection:CertificatePath</c> encrypts at rest),
/// decrypted only by the dispatcher to sign. A copy of the database alone does not reveal it.
/// </summary>
public sealed class WebhookSecrets(IDataProtectionProvider dataProtection)
{
    private readonly IDataProtector protector = dataProtection.CreateProtector("HajDesk.Webhooks.Secret.v1");

    /// <summary>A new secret, its stored (encrypted) form and the prefix shown afterwards.</summary>
    public (string Secret, string Protected, string Prefix) Create()
    {
        var secret = WebhookRules.NewSecret();
        return (secret, protector.Protect(secret), secret[..WebhookRules.SecretPrefixLength]);
    }

    public string Reveal(string protectedSecret) => protector.Unprotect(protectedSecret);
}

using System.Globalization;
using HajDesk.Core.Data;
using HajDesk.Core.Information;
using HajDesk.Core.Persian;
using HajDesk.Core.Requests.Submission;
using HajDesk.Web.Infrastructure;
using HajDesk.Web.Staff;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HajDesk.Web.Information;

/// <summary>
/// The accessibility statement and the privacy notice: what the public pages show (the stored text or the default,
/// with the retention period and the phone line filled in) and the administrators' changes, each audited in the same
/// save and checked against the version the form was drawn from.
/// </summary>
public sealed class InformationPageService(HajDeskDbContext db, AuditLog audit, IOptions<OrganizationOptions> organization, TimeProvider time)
{
    /// <summary>The form field a text's mistakes are reported on.</summary>
    public const string TextField = "Text";

    /// <summary>What the placeholders stand for now: the settings and the retention period as stored.</summary>
    public async Task<InformationFacts> FactsAsync(CancellationToken cancellationToken)
    {
        var months = await db.RetentionSettings.AsNoTracking().Select(s => s.Months).FirstOrDefaultAsync(cancellationToken);
        var org = organization.Value;
        return new InformationFacts(org.Name, org.ServiceName, org.HelpPhone, months);
    }

    /// <summary>The page's row (its text null while the default is used), or null for an unknown key.</summary>
    public Task<InformationPage?> FindAsync(string key, CancellationToken cancellationToken) =>
        InformationTexts.IsKey(key)
            ? db.InformationPages.AsNoTracking().FirstOrDefaultAsync(p => p.Key == key, cancellationToken)
            : Task.FromResult<InformationPage?>(null);

    /// <summary>The text readers get: simple text, placeholders filled in.</summary>
    public async Task<string> RenderAsync(string key, CancellationToken cancellationToken)
    {
        var stored = await db.InformationPages.AsNoTracking().Where(p => p.Key == key).Select(p => p.Text).FirstOrDefaultAsync(cancellationToken);
        return InformationTexts.Render(key, stored, await FactsAsync(cancellationToken));
    }

    /// <summary>
    /// Saves an administrator's text for the page, or refuses it with Persian reasons (on <see cref="TextField"/>)
    /// and changes nothing. A text equal to the default is stored as the default (null), so it follows later
    /// improvements of the default. A stale <paramref name="version"/> throws <see cref="DbUpdateConcurrencyException"/>.
    /// </summary>
    public async Task<FieldErrors> SaveAsync(string key, string? typed, int version, CancellationToken cancellationToken)
    {
        var page = await db.InformationPages.SingleAsync(p => p.Key == key, cancellationToken);
        db.ExpectVersion(page, version);
        var errors = new FieldErrors();
        var text = InformationTexts.Check(typed, errors, TextField);
        if (!errors.IsEmpty)
        {
            db.Entry(page).State = EntityState.Unchanged;
            return errors;
        }

        var stored = text == PersianText.NormalizeText(InformationTexts.Default(key)) ? null : text;
        if (stored != page.Text)
        {
            var length = PersianText.ToPersianDigits(text.Length.ToString("#,0", CultureInfo.InvariantCulture)).Replace(',', '٬');
            audit.Add(AuditActions.InformationUpdate, null, $"«{InformationTexts.Title(key)}»: " + (stored is null ? "همان متن پیش‌فرض" : $"متن تازه ({length} نویسه)"));
            (page.Text, page.UpdatedAt) = (stored, time.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync(cancellationToken);
        }

        return errors;
    }

    /// <summary>Puts the default text back (the stored text is dropped); audited when something changes.</summary>
    public async Task ResetAsync(string key, int version, CancellationToken cancellationToken)
    {
        var page = await db.InformationPages.SingleAsync(p => p.Key == key, cancellationToken);
        db.ExpectVersion(page, version);
        if (page.Text is not null)
        {
            audit.Add(AuditActions.InformationReset, null, $"«{InformationTexts.Title(key)}»: بازگشت به متن پیش‌فرض");
            (page.Text, page.UpdatedAt) = (null, time.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync(cancellationToken);
        }
    }
}

using HajDesk.Core.Reference;
using Microsoft.EntityFrameworkCore;

namespace HajDesk.Core.Data;

/// <summary>
/// Seeds the 31 provinces and the starting subject tree from the TSV files embedded in this assembly
/// (copied from the project's reference data; see <c>Seed/README.md</c>).
/// </summary>
/// <remarks>
/// Idempotent: a province is recognized by its stable key (its English name) and inserted only when missing; the
/// subject tree is inserted only into an empty table. Administrators' later edits — renames, reordering,
/// deactivation, deletion — are never overwritten. <see cref="Subject.SeedKey"/> records where a subject came from.
/// </remarks>
public static class ReferenceDataSeeder
{
    /// <summary>Inserts missing reference rows; returns how many were inserted.</summary>
    public static async Task<int> SeedAsync(HajDeskDbContext db, CancellationToken cancellationToken = default)
    {
        try
        {
            return await SeedOnceAsync(db, cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another app process seeded the same rows at the same moment; what it wrote is what we wanted.
            db.ChangeTracker.Clear();
            return await SeedOnceAsync(db, cancellationToken);
        }
    }

    private static async Task<int> SeedOnceAsync(HajDeskDbContext db, CancellationToken cancellationToken)
    {
        var inserted = 0;

        var provinceCodes = await db.Provinces.Select(p => p.Code).ToListAsync(cancellationToken);
        var order = 0;
        foreach (var row in ReadTsv("provinces.tsv"))
        {
            order++;
            var code = row["en"];
            if (!provinceCodes.Contains(code))
            {
                db.Provinces.Add(new Province
                {
                    Code = code,
                    Name = row["fa"],
                    EnglishName = code,
                    AreaCode = row["area_code"],
                    DisplayOrder = order,
                });
                inserted++;
            }
        }

        await db.SaveChangesAsync(cancellationToken);

        // The subject tree is the administrators' from the first start on: it is seeded into an empty table only,
        // so a subject they rename, reorder, deactivate or delete stays that way.
        if (await db.Subjects.AnyAsync(cancellationToken))
        {
            await GiveServiceCodesAsync(db, cancellationToken);
            return inserted;
        }

        var mains = new Dictionary<string, Subject>(StringComparer.Ordinal);
        foreach (var row in ReadTsv("subjects.tsv"))
        {
            var mainName = row["main_subject"];
            var subName = row["sub_subject"];
            var attachmentRequired = row["attachment_required"] == "yes";
            if (!mains.TryGetValue(mainName, out var main))
            {
                main = new Subject { Name = mainName, SeedKey = mainName, DisplayOrder = mains.Count + 1 };
                mains[mainName] = main;
                db.Subjects.Add(main);
                inserted++;
            }

            if (subName.Length == 0)
            {
                // A main subject without sub-subjects carries the attachment rule itself.
                main.AttachmentRequired = attachmentRequired;
                continue;
            }

            main.Children.Add(new Subject
            {
                Name = subName,
                SeedKey = $"{mainName}/{subName}",
                DisplayOrder = main.Children.Count + 1,
                AttachmentRequired = attachmentRequired,
            });
            inserted++;
        }

        await db.SaveChangesAsync(cancellationToken);
        await GiveServiceCodesAsync(db, cancellationToken);
        return inserted;
    }

    /// <summary>Every subject has a catalogue code: those without one (seeded, or from before the catalogue) get the default.</summary>
    private static async Task GiveServiceCodesAsync(HajDeskDbContext db, CancellationToken cancellationToken)
    {
        var uncoded = await db.Subjects.Where(s => s.ServiceCode == null).ToListAsync(cancellationToken);
        if (uncoded.Count == 0)
        {
            return;
        }

        var taken = (await db.Subjects.Where(s => s.ServiceCode != null).Select(s => s.ServiceCode!).ToListAsync(cancellationToken))
            .ToHashSet(StringComparer.Ordinal);
        foreach (var subject in uncoded)
        {
            var code = Catalogue.ServiceCode.Default(subject.Id);
            for (var n = 2; !taken.Add(code); n++)
            {
                code = Catalogue.ServiceCode.Default(subject.Id) + "-" + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            subject.ServiceCode = code;
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Reads an embedded UTF-8 TSV file with a header row into dictionaries keyed by column name.</summary>
    internal static IEnumerable<Dictionary<string, string>> ReadTsv(string name)
    {
        var assembly = typeof(ReferenceDataSeeder).Assembly;
        using var stream = assembly.GetManifestResourceStream($"HajDesk.Core.Seed.{name}")
            ?? throw new InvalidOperationException($"Embedded seed file {name} is missing from {assembly.GetName().Name}.");
        using var reader = new StreamReader(stream);
        var header = (reader.ReadLine() ?? string.Empty).Split('\t');
        var rows = new List<Dictionary<string, string>>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0)
            {
                continue;
            }

            var cells = line.Split('\t');
            var row = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var i = 0; i < header.Length; i++)
            {
                row[header[i]] = i < cells.Length ? cells[i].Trim() : string.Empty;
            }

            rows.Add(row);
        }

        return rows;
    }
}
